using Snapshot.Simulation;

namespace Snapshot.Tests.Simulation;

public sealed class LongRunTests
{
    private static readonly Topology Pair = TopologyFile.Parse("2\nA 5\nB 0\nA B\nB A\n", "pair.top");

    [Fact]
    public void A_huge_tick_runs_at_once_and_changes_nothing_but_the_clock()
    {
        const long huge = Tick.MaxSteps;
        var shortRun = Simulator.Run(Pair, EventScript.Parse("send A B 1\ntick 10\nsend A B 2\nsnapshot B\n", "short"), new SeededDelays(5));
        var longRun = Simulator.Run(Pair, EventScript.Parse($"send A B 1\ntick {huge}\nsend A B 2\nsnapshot B\n", "long"), new SeededDelays(5));

        Assert.Equal(SnapFile.From(shortRun.Snapshots[0]).Write(), SnapFile.From(longRun.Snapshots[0]).Write());
        Assert.Equal(huge, longRun.Snapshots[0].StartedAt);
        Assert.Equal(shortRun.Snapshots[0].CompletedAt - 10 + huge, longRun.Snapshots[0].CompletedAt);
    }

    [Fact]
    public void Ticks_and_delays_beyond_their_limits_are_input_errors_on_their_line()
    {
        var tick = Assert.Throws<SimulationInputException>(() => EventScript.Parse($"tick 1\ntick {Tick.MaxSteps + 1}\n", "long.events"));
        var delay = Assert.Throws<SimulationInputException>(() => DelayList.Parse($"3\n{DelayList.MaxDelay + 1}\n", "long.delays"));

        Assert.Equal(("long.events", 2), (tick.Input, tick.Line));
        Assert.Contains($"at most {Tick.MaxSteps}", tick.Message);
        Assert.Equal(("long.delays", 2), (delay.Input, delay.Line));
    }
}

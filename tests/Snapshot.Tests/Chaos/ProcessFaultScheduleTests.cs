using Snapshot.Cli.Chaos.Processes;

namespace Snapshot.Tests.Chaos;

public sealed class ProcessFaultScheduleTests
{
    [Fact]
    public void Every_schedule_opens_with_a_freeze_a_leave_and_a_kill()
    {
        foreach (var seed in (int[])[0, 1, 3, 17, int.MaxValue])
            Assert.Equal([ProcessFaultKind.Freeze, ProcessFaultKind.Leave, ProcessFaultKind.Kill], ProcessFaultSchedule.Generate(seed).Take(3).Select(f => f.Kind));
    }

    [Fact]
    public void The_same_seed_gives_the_same_faults_and_freezes_stay_within_their_bounds()
    {
        var faults = ProcessFaultSchedule.Generate(17).Take(50).ToArray();

        Assert.Equal(faults, ProcessFaultSchedule.Generate(17).Take(50));
        Assert.NotEqual(faults, ProcessFaultSchedule.Generate(18).Take(50));
        Assert.All(faults, f => Assert.InRange(f.FrozenFor, ProcessFaultSchedule.ShortestFreeze, ProcessFaultSchedule.LongestFreeze));
        Assert.Equal(Enum.GetValues<ProcessFaultKind>(), faults.Skip(3).Select(f => f.Kind).Distinct().Order());
    }
}

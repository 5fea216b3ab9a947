using Snapshot.Cli.Chaos;

namespace Snapshot.Tests.Chaos;

public sealed class FaultScheduleTests
{
    [Fact]
    public void The_same_seed_gives_the_same_schedule_and_another_seed_another()
    {
        var duration = TimeSpan.FromSeconds(60);

        Assert.Equal(FaultSchedule.Generate(42, duration).Faults, FaultSchedule.Generate(42, duration).Faults);
        Assert.NotEqual(FaultSchedule.Generate(42, duration).Faults, FaultSchedule.Generate(43, duration).Faults);
    }

    [Fact]
    public void Faults_come_in_order_between_the_start_and_the_quiet_end_and_every_kind_comes()
    {
        var duration = TimeSpan.FromSeconds(60);

        var faults = FaultSchedule.Generate(7, duration).Faults;

        Assert.All(faults, f => Assert.InRange(f.At, FaultSchedule.Start, duration - FaultSchedule.QuietEnd));
        Assert.Equal(faults.OrderBy(f => f.At), faults);
        Assert.Equal(Enum.GetValues<FaultKind>().Order(), faults.Select(f => f.Kind).Distinct().Order());
    }
}

using Akka.Actor;
using Akka.Configuration;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>The <c>akka.snapshot</c> settings: the defaults of reference.conf, and every bad value refused with its key's full name.</summary>
public sealed class SettingsSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    [Fact]
    public void The_extension_reads_the_defaults_of_reference_conf()
    {
        AssertDefaults(Snapshots.Settings);
        AssertDefaults(GlobalSnapshotsSettings.Create(GlobalSnapshotsSettings.DefaultConfig().GetConfig(GlobalSnapshotsSettings.Section)));
    }

    [Fact]
    public async Task A_value_in_the_system_config_overrides_the_default_and_the_rest_stay_defaults()
    {
        using var system = ActorSystem.Create("overridden", "akka.snapshot { max-in-flight = 3, default-group = \"bank\" }");
        try
        {
            var settings = GlobalSnapshots.Get(system).Settings;
            Assert.Equal(3, settings.MaxInFlight);
            Assert.Equal("bank", settings.DefaultGroup);
            Assert.Equal(TimeSpan.FromSeconds(30), settings.DefaultTimeout);
            Assert.Equal(100_000, settings.MaxRecordedPerChannel);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Theory]
    [InlineData("max-in-flight = 0", "akka.snapshot.max-in-flight")]
    [InlineData("max-in-flight = -3", "akka.snapshot.max-in-flight")]
    [InlineData("max-in-flight = many", "akka.snapshot.max-in-flight")]
    [InlineData("default-timeout = -1s", "akka.snapshot.default-timeout")]
    [InlineData("default-timeout = 0s", "akka.snapshot.default-timeout")]
    [InlineData("default-timeout = abc", "akka.snapshot.default-timeout")]
    [InlineData("default-timeout = infinite", "akka.snapshot.default-timeout")]
    [InlineData("max-recorded-per-channel = 0", "akka.snapshot.max-recorded-per-channel")]
    [InlineData("default-group = \"\"", "akka.snapshot.default-group")]
    [InlineData("default-group = \"  \"", "akka.snapshot.default-group")]
    [InlineData("timeout-report-grace = -1s", "akka.snapshot.timeout-report-grace")]
    public async Task A_bad_value_is_refused_by_Create_and_by_the_extension_with_the_full_key(string setting, string key)
    {
        var config = ConfigurationFactory.ParseString($"akka.snapshot.{setting}");

        var fromSection = Assert.Throws<ConfigurationException>(() =>
            GlobalSnapshotsSettings.Create(config.WithFallback(GlobalSnapshotsSettings.DefaultConfig()).GetConfig(GlobalSnapshotsSettings.Section)));
        Assert.Contains(key, fromSection.Message);

        using var system = ActorSystem.Create("bad-settings", config);
        try
        {
            var fromExtension = Assert.Throws<ConfigurationException>(() => GlobalSnapshots.Get(system));
            Assert.Contains(key, fromExtension.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void A_missing_key_is_refused_with_its_full_name()
    {
        var section = ConfigurationFactory.ParseString("default-group = x, default-timeout = 1s, max-in-flight = 1, timeout-report-grace = 1s");

        var error = Assert.Throws<ConfigurationException>(() => GlobalSnapshotsSettings.Create(section));
        Assert.Contains("akka.snapshot.max-recorded-per-channel", error.Message);
    }

    [Fact]
    public void The_With_methods_return_a_copy_with_the_one_value_changed()
    {
        var defaults = Snapshots.Settings;

        var changed = defaults.WithDefaultGroup("g").WithDefaultTimeout(TimeSpan.FromSeconds(2)).WithMaxInFlight(1)
            .WithMaxRecordedPerChannel(1).WithTimeoutReportGrace(TimeSpan.Zero);

        Assert.Equal(("g", TimeSpan.FromSeconds(2), 1, 1, TimeSpan.Zero),
            (changed.DefaultGroup, changed.DefaultTimeout, changed.MaxInFlight, changed.MaxRecordedPerChannel, changed.TimeoutReportGrace));
        AssertDefaults(defaults);
    }

    public static TheoryData<Func<GlobalSnapshotsSettings, GlobalSnapshotsSettings>, string> BadWiths => new()
    {
        { s => s.WithMaxInFlight(0), "akka.snapshot.max-in-flight" },
        { s => s.WithMaxRecordedPerChannel(0), "akka.snapshot.max-recorded-per-channel" },
        { s => s.WithDefaultTimeout(TimeSpan.Zero), "akka.snapshot.default-timeout" },
        { s => s.WithDefaultTimeout(TimeSpan.FromSeconds(-1)), "akka.snapshot.default-timeout" },
        { s => s.WithDefaultGroup(""), "akka.snapshot.default-group" },
        { s => s.WithDefaultGroup(null!), "akka.snapshot.default-group" },
        { s => s.WithTimeoutReportGrace(TimeSpan.FromMilliseconds(-1)), "akka.snapshot.timeout-report-grace" },
    };

    [Theory]
    [MemberData(nameof(BadWiths))]
    public void The_With_methods_refuse_a_bad_value_with_the_full_key(Func<GlobalSnapshotsSettings, GlobalSnapshotsSettings> with, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => with(Snapshots.Settings));
        Assert.Contains(key, error.Message);
    }

    private static void AssertDefaults(GlobalSnapshotsSettings settings)
    {
        Assert.Equal("default", settings.DefaultGroup);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DefaultTimeout);
        Assert.Equal(8, settings.MaxInFlight);
        Assert.Equal(100_000, settings.MaxRecordedPerChannel);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.TimeoutReportGrace);
    }
}

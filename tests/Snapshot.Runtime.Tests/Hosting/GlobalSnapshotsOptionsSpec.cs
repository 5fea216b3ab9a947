using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Snapshot.Hosting;
using Snapshot.Storage;

namespace Snapshot.Runtime.Tests.Hosting;

/// <summary>The HOCON that <c>WithGlobalSnapshots</c> adds to the builder, read back as settings.</summary>
public sealed class GlobalSnapshotsOptionsSpec
{
    public static TheoryData<string> Overloads => ["parameters", "action", "instance"];

    [Theory]
    [MemberData(nameof(Overloads))]
    public void Each_overload_sets_the_given_values_and_keeps_the_defaults_for_the_rest(string overload)
    {
        var builder = NewBuilder();

        _ = overload switch
        {
            "parameters" => builder.WithGlobalSnapshots(defaultGroup: "bank", maxInFlight: 3, timeoutReportGrace: TimeSpan.FromMilliseconds(250)),
            "action" => builder.WithGlobalSnapshots(o =>
            {
                o.DefaultGroup = "bank";
                o.MaxInFlight = 3;
                o.TimeoutReportGrace = TimeSpan.FromMilliseconds(250);
            }),
            _ => builder.WithGlobalSnapshots(new GlobalSnapshotsOptions
            {
                DefaultGroup = "bank",
                MaxInFlight = 3,
                TimeoutReportGrace = TimeSpan.FromMilliseconds(250),
            }),
        };

        var settings = SettingsOf(builder);
        Assert.Equal("bank", settings.DefaultGroup);
        Assert.Equal(3, settings.MaxInFlight);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.TimeoutReportGrace);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.DefaultTimeout);
        Assert.Equal(100_000, settings.MaxRecordedPerChannel);
    }

    [Fact]
    public void With_no_arguments_every_value_is_the_default_of_reference_conf()
    {
        var builder = NewBuilder().WithGlobalSnapshots();

        var settings = SettingsOf(builder);
        var defaults = GlobalSnapshotsSettings.Create(GlobalSnapshotsSettings.DefaultConfig().GetConfig(GlobalSnapshotsSettings.Section));
        Assert.Equal(
            (defaults.DefaultGroup, defaults.DefaultTimeout, defaults.MaxInFlight, defaults.MaxRecordedPerChannel, defaults.TimeoutReportGrace),
            (settings.DefaultGroup, settings.DefaultTimeout, settings.MaxInFlight, settings.MaxRecordedPerChannel, settings.TimeoutReportGrace));
    }

    [Fact]
    public void Only_the_properties_that_are_set_are_emitted()
    {
        Assert.Equal("", new GlobalSnapshotsOptions().ToHocon());
        Assert.Equal("akka.snapshot {\n  max-in-flight = 3\n}\n", new GlobalSnapshotsOptions { MaxInFlight = 3 }.ToHocon());
    }

    [Fact]
    public void Every_property_is_emitted_under_its_key_with_durations_in_milliseconds()
    {
        var options = new GlobalSnapshotsOptions
        {
            DefaultGroup = "bank",
            DefaultTimeout = TimeSpan.FromMilliseconds(1500),
            MaxInFlight = 3,
            MaxRecordedPerChannel = 500,
            TimeoutReportGrace = TimeSpan.FromMinutes(2),
        };

        Assert.Equal(
            """
            akka.snapshot {
              default-group = "bank"
              default-timeout = 1500ms
              max-in-flight = 3
              max-recorded-per-channel = 500
              timeout-report-grace = 120000ms
            }

            """.ReplaceLineEndings("\n"),
            options.ToHocon());
    }

    [Fact]
    public void The_storage_properties_are_emitted_under_their_keys_and_read_back_as_the_storage_settings()
    {
        var options = new GlobalSnapshotsOptions
        {
            Interval = TimeSpan.FromSeconds(10),
            KeepLast = 5,
            PeriodicGroup = "bank",
            StoragePlugin = "akka.persistence.snapshot-store.sql",
        };

        Assert.Equal(
            """
            akka.snapshot {
              interval = 10000ms
              keep-last = 5
              periodic-group = "bank"
              storage-plugin = "akka.persistence.snapshot-store.sql"
            }

            """.ReplaceLineEndings("\n"),
            options.ToHocon());
        var settings = GlobalSnapshotStorageSettings.Create(NewBuilder().WithGlobalSnapshots(options).Configuration.Value.GetConfig(GlobalSnapshotsSettings.Section));
        Assert.Equal((TimeSpan.FromSeconds(10), 5, "bank", "akka.persistence.snapshot-store.sql"), (settings.Interval, settings.KeepLast, settings.PeriodicGroup, settings.Plugin));
    }

    [Theory]
    [InlineData("with space, comma: colon")]
    [InlineData("quote \" and back\\slash")]
    [InlineData("${akka.snapshot.default-timeout} is no substitution")]
    [InlineData("# no comment // either")]
    [InlineData("line\nbreak\tand tab")]
    [InlineData("")]
    public void A_group_name_reads_back_exactly_as_written(string group)
    {
        var hocon = new GlobalSnapshotsOptions { DefaultGroup = group }.ToHocon();

        Assert.Equal(group, ConfigurationFactory.ParseString(hocon).GetString("akka.snapshot.default-group"));
    }

    [Fact]
    public void A_duration_finer_than_a_millisecond_reads_back_exactly()
    {
        var grace = TimeSpan.FromTicks(15_005_000); // 1500.5 ms

        var settings = SettingsOf(NewBuilder().WithGlobalSnapshots(timeoutReportGrace: grace));

        Assert.Equal(grace, settings.TimeoutReportGrace);
    }

    [Fact]
    public void A_negative_duration_is_refused_naming_its_key()
    {
        var builder = NewBuilder().WithGlobalSnapshots(timeoutReportGrace: TimeSpan.FromMilliseconds(-500));

        var error = Assert.Throws<ConfigurationException>(() => SettingsOf(builder));

        Assert.Contains("akka.snapshot.timeout-report-grace", error.Message);
    }

    [Fact]
    public void Set_values_override_earlier_configuration_and_the_defaults_do_not()
    {
        var builder = NewBuilder()
            .AddHocon("akka.snapshot { max-in-flight = 5, default-group = from-file }", HoconAddMode.Prepend)
            .WithGlobalSnapshots(defaultGroup: "from-code");

        var settings = SettingsOf(builder);
        Assert.Equal("from-code", settings.DefaultGroup);
        Assert.Equal(5, settings.MaxInFlight);
    }

    private static AkkaConfigurationBuilder NewBuilder() => new(new ServiceCollection(), "options-spec");

    private static GlobalSnapshotsSettings SettingsOf(AkkaConfigurationBuilder builder) =>
        GlobalSnapshotsSettings.Create(builder.Configuration.Value.GetConfig(GlobalSnapshotsSettings.Section));
}

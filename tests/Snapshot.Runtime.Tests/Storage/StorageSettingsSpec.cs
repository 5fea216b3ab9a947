using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Snapshot.Storage;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>The storage keys of <c>akka.snapshot</c>: the defaults of reference.conf, and every bad value refused with its key's full name.</summary>
public sealed class StorageSettingsSpec(ITestOutputHelper output) : TestKit("", output)
{
    [Fact]
    public void The_defaults_store_in_the_default_snapshot_store_and_take_no_periodic_snapshots()
    {
        var settings = GlobalSnapshotStorage.Get(Sys).Settings;

        Assert.Equal(("", "global-snapshots", TimeSpan.FromSeconds(30), (TimeSpan?)null, "", 10),
            (settings.Plugin, settings.PersistenceId, settings.Timeout, settings.Interval, settings.PeriodicGroup, settings.KeepLast));
    }

    [Fact]
    public async Task Values_in_the_system_config_override_the_defaults()
    {
        using var system = ActorSystem.Create("overridden", """
            akka.snapshot { interval = 1m, keep-last = 3, periodic-group = "bank", storage-plugin = "akka.persistence.snapshot-store.inmem" }
            """);
        try
        {
            var settings = GlobalSnapshotStorage.Get(system).Settings;
            Assert.Equal(("akka.persistence.snapshot-store.inmem", TimeSpan.FromMinutes(1), "bank", 3),
                (settings.Plugin, settings.Interval, settings.PeriodicGroup, settings.KeepLast));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void The_With_methods_return_a_copy_with_the_one_value_changed_and_refuse_a_bad_one()
    {
        var defaults = GlobalSnapshotStorage.Get(Sys).Settings;

        var changed = defaults.WithPlugin("p").WithPersistenceId("id").WithTimeout(TimeSpan.FromSeconds(2))
            .WithInterval(TimeSpan.FromSeconds(5)).WithPeriodicGroup("bank").WithKeepLast(3);

        Assert.Equal(("p", "id", TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(5), "bank", 3),
            (changed.Plugin, changed.PersistenceId, changed.Timeout, changed.Interval, changed.PeriodicGroup, changed.KeepLast));
        Assert.Null(changed.WithInterval(null).Interval);
        Assert.Equal(10, defaults.KeepLast);
        Assert.Equal("akka.snapshot.keep-last = 0 must be at least 1", Assert.Throws<ConfigurationException>(() => defaults.WithKeepLast(0)).Message);
        Assert.StartsWith("akka.snapshot.interval = ", Assert.Throws<ConfigurationException>(() => defaults.WithInterval(TimeSpan.Zero)).Message);
        Assert.StartsWith("akka.snapshot.storage-timeout = ", Assert.Throws<ConfigurationException>(() => defaults.WithTimeout(TimeSpan.Zero)).Message);
        Assert.StartsWith("akka.snapshot.storage-persistence-id = ", Assert.Throws<ConfigurationException>(() => defaults.WithPersistenceId(" ")).Message);
    }

    [Theory]
    [InlineData("interval = 0s", "akka.snapshot.interval = 00:00:00 must be longer than 0, or off")]
    [InlineData("interval = soon", "akka.snapshot.interval = soon is not valid: ")]
    [InlineData("interval = on", "akka.snapshot.interval = on is not valid: ")]
    [InlineData("keep-last = 0", "akka.snapshot.keep-last = 0 must be at least 1")]
    [InlineData("keep-last = all", "akka.snapshot.keep-last = all is not valid: ")]
    [InlineData("storage-timeout = 0s", "akka.snapshot.storage-timeout = 00:00:00 must be longer than 0")]
    [InlineData("storage-persistence-id = \"\"", "akka.snapshot.storage-persistence-id =  must not be empty")]
    [InlineData("storage-plugin = \"akka.persistence.snapshot-store.none\"",
        "akka.snapshot.storage-plugin = akka.persistence.snapshot-store.none: no such section in the configuration, so no snapshot-store plugin to use")]
    public async Task A_bad_value_stops_the_extension_naming_the_full_key(string setting, string message)
    {
        using var system = ActorSystem.Create("bad-settings", $"akka.snapshot.{setting}");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => GlobalSnapshotStorage.Get(system));
            Assert.StartsWith(message, error.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }
}

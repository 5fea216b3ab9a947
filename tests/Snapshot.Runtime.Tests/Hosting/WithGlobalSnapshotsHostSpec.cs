using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snapshot.Hosting;
using Snapshot.Storage;

namespace Snapshot.Runtime.Tests.Hosting;

/// <summary>A real Microsoft.Extensions.Hosting host, started and stopped in each test.</summary>
public sealed class WithGlobalSnapshotsHostSpec
{
    [Fact]
    public async Task The_host_starts_the_extension_with_the_options_set_and_the_defaults_for_the_rest()
    {
        using var host = Build(akka => akka.WithGlobalSnapshots(o =>
        {
            o.MaxInFlight = 3;
            o.DefaultGroup = "bank";
            o.DefaultTimeout = TimeSpan.FromMilliseconds(1500);
        }));
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.True(system.HasExtension<GlobalSnapshots>(), "the extension should start with the system, not on first use");
            var settings = GlobalSnapshots.Get(system).Settings;
            Assert.Equal(3, settings.MaxInFlight);
            Assert.Equal("bank", settings.DefaultGroup);
            Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.DefaultTimeout);
            Assert.Equal(100_000, settings.MaxRecordedPerChannel);
            Assert.Equal(TimeSpan.FromSeconds(1), settings.TimeoutReportGrace);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_host_starts_the_storage_with_its_periodic_settings()
    {
        using var host = Build(akka => akka.WithGlobalSnapshots(interval: TimeSpan.FromMinutes(5), keepLast: 4));
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.True(system.HasExtension<GlobalSnapshotStorage>(), "the storage should start with the system, to take periodic snapshots");
            var settings = GlobalSnapshotStorage.Get(system).Settings;
            Assert.Equal((TimeSpan.FromMinutes(5), 4, ""), (settings.Interval, settings.KeepLast, settings.Plugin));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_bad_storage_value_fails_host_start_up_naming_its_key()
    {
        using var host = Build(akka => akka.WithGlobalSnapshots(o => o.KeepLast = 0));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Equal("akka.snapshot.keep-last = 0 must be at least 1", error.Message);
    }

    [Fact]
    public async Task A_bad_value_fails_host_start_up_naming_its_key()
    {
        using var host = Build(akka => akka.WithGlobalSnapshots(o => o.MaxInFlight = 0));

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => host.StartAsync());

        Assert.Contains("akka.snapshot.max-in-flight", error.Message);
    }

    private static IHost Build(Action<AkkaConfigurationBuilder> configureAkka)
    {
        // The empty builder reads no environment and logs nowhere: the test sees only what Akka.Hosting does.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("hosting-spec", configureAkka);
        return builder.Build();
    }
}

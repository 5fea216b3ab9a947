using Akka.Hosting;
using Snapshot.Runtime;
using Snapshot.Storage;

namespace Snapshot.Hosting;

/// <summary>Adds global snapshots to an ActorSystem configured with Akka.Hosting.</summary>
public static class GlobalSnapshotsHostingExtensions
{
    /// <summary>
    /// Starts <see cref="GlobalSnapshots"/> with the ActorSystem; each argument left null keeps the configured
    /// value (or the default of <c>reference.conf</c>).
    /// </summary>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithGlobalSnapshots(
        this AkkaConfigurationBuilder builder,
        string? defaultGroup = null,
        TimeSpan? defaultTimeout = null,
        int? maxInFlight = null,
        int? maxRecordedPerChannel = null,
        TimeSpan? timeoutReportGrace = null,
        TimeSpan? interval = null,
        int? keepLast = null) =>
        builder.WithGlobalSnapshots(new GlobalSnapshotsOptions
        {
            DefaultGroup = defaultGroup,
            DefaultTimeout = defaultTimeout,
            MaxInFlight = maxInFlight,
            MaxRecordedPerChannel = maxRecordedPerChannel,
            TimeoutReportGrace = timeoutReportGrace,
            Interval = interval,
            KeepLast = keepLast,
        });

    /// <summary>Starts <see cref="GlobalSnapshots"/> with the ActorSystem, with the options <paramref name="configure"/> sets.</summary>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithGlobalSnapshots(this AkkaConfigurationBuilder builder, Action<GlobalSnapshotsOptions> configure)
    {
        var options = new GlobalSnapshotsOptions();
        configure(options);
        return builder.WithGlobalSnapshots(options);
    }

    /// <summary>Starts <see cref="GlobalSnapshots"/> with the ActorSystem, with <paramref name="options"/>.</summary>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithGlobalSnapshots(this AkkaConfigurationBuilder builder, GlobalSnapshotsOptions options)
    {
        options.Apply(builder);
        builder.AddHocon(GlobalSnapshotsSettings.DefaultConfig(), HoconAddMode.Append);
        // Started with the system rather than on first use, so a bad setting fails start-up instead of the first snapshot;
        // the storage too, which takes the periodic snapshots when an interval is set.
        return builder.WithExtension<GlobalSnapshotsExtensionProvider>().WithExtension<GlobalSnapshotStorageExtensionProvider>();
    }
}

using System.Text;
using Akka.Configuration;
using Akka.Hosting;
using Snapshot.Runtime;

namespace Snapshot.Hosting;

/// <summary>
/// The <c>akka.snapshot</c> settings an application sets in code. Every property left null keeps its value
/// from the rest of the configuration, and from the library's <c>reference.conf</c> last of all. Values are
/// checked when the ActorSystem starts; a bad one stops it with a message naming its key.
/// </summary>
public sealed class GlobalSnapshotsOptions
{
    /// <summary><c>default-group</c>: the group a participant joins when it names none. Default <c>"default"</c>.</summary>
    public string? DefaultGroup { get; set; }

    /// <summary><c>default-timeout</c>: how long a snapshot may take when <c>TakeAsync</c> is given no timeout. Default 30 s.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary><c>max-in-flight</c>: how many snapshots may run at once in the ActorSystem. Default 8.</summary>
    public int? MaxInFlight { get; set; }

    /// <summary><c>max-recorded-per-channel</c>: most messages one channel records for one snapshot. Default 100000.</summary>
    public int? MaxRecordedPerChannel { get; set; }

    /// <summary><c>timeout-report-grace</c>: after a timeout, how long to wait for the report of what was missing. Default 1 s.</summary>
    public TimeSpan? TimeoutReportGrace { get; set; }

    /// <summary><c>interval</c>: take and store a snapshot of the periodic group this often. Default off.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary><c>keep-last</c>: how many periodic snapshots of the group to keep. Default 10.</summary>
    public int? KeepLast { get; set; }

    /// <summary><c>periodic-group</c>: the group periodic snapshots cover. Default <c>""</c>, the default group.</summary>
    public string? PeriodicGroup { get; set; }

    /// <summary><c>storage-plugin</c>: the config path of the snapshot-store plugin that stores snapshots. Default <c>""</c>, the default snapshot store.</summary>
    public string? StoragePlugin { get; set; }

    /// <summary>The <c>akka.snapshot</c> HOCON of the properties that are set; empty when none is.</summary>
    public string ToHocon()
    {
        var body = new StringBuilder();
        void Set(string key, string value) => body.Append("  ").Append(key).Append(" = ").Append(value).Append('\n');

        if (DefaultGroup is not null)
            Set("default-group", HoconValues.Quoted(DefaultGroup));
        if (DefaultTimeout is { } timeout)
            Set("default-timeout", HoconValues.Duration(timeout));
        if (MaxInFlight is { } maxInFlight)
            Set("max-in-flight", HoconValues.Number(maxInFlight));
        if (MaxRecordedPerChannel is { } maxRecorded)
            Set("max-recorded-per-channel", HoconValues.Number(maxRecorded));
        if (TimeoutReportGrace is { } grace)
            Set("timeout-report-grace", HoconValues.Duration(grace));
        if (Interval is { } interval)
            Set("interval", HoconValues.Duration(interval));
        if (KeepLast is { } keepLast)
            Set("keep-last", HoconValues.Number(keepLast));
        if (PeriodicGroup is not null)
            Set("periodic-group", HoconValues.Quoted(PeriodicGroup));
        if (StoragePlugin is not null)
            Set("storage-plugin", HoconValues.Quoted(StoragePlugin));
        return body.Length == 0 ? "" : $"{GlobalSnapshotsSettings.Section} {{\n{body}}}\n";
    }

    /// <summary>Puts the set properties in front of the builder's configuration, so they win over what is already there.</summary>
    internal void Apply(AkkaConfigurationBuilder builder)
    {
        var hocon = ToHocon();
        if (hocon.Length > 0)
            builder.AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend);
    }
}

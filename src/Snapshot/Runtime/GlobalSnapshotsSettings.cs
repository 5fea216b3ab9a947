using Akka.Actor;
using Akka.Configuration;

namespace Snapshot.Runtime;

/// <summary>The <c>akka.snapshot</c> settings, read once and validated when the extension starts.</summary>
public sealed class GlobalSnapshotsSettings
{
    public const string Section = "akka.snapshot";

    private GlobalSnapshotsSettings(string defaultGroup, TimeSpan defaultTimeout, int maxInFlight, int maxRecordedPerChannel, TimeSpan timeoutReportGrace)
    {
        DefaultGroup = Require(defaultGroup, !string.IsNullOrWhiteSpace(defaultGroup), "default-group", "must not be empty");
        DefaultTimeout = Require(defaultTimeout, defaultTimeout > TimeSpan.Zero, "default-timeout", "must be longer than 0");
        MaxInFlight = Require(maxInFlight, maxInFlight >= 1, "max-in-flight", "must be at least 1");
        MaxRecordedPerChannel = Require(maxRecordedPerChannel, maxRecordedPerChannel >= 1, "max-recorded-per-channel", "must be at least 1");
        TimeoutReportGrace = Require(timeoutReportGrace, timeoutReportGrace >= TimeSpan.Zero, "timeout-report-grace", "must not be negative");
    }

    public string DefaultGroup { get; }

    public TimeSpan DefaultTimeout { get; }

    public int MaxInFlight { get; }

    public int MaxRecordedPerChannel { get; }

    public TimeSpan TimeoutReportGrace { get; }

    /// <summary>The embedded defaults (<c>reference.conf</c>).</summary>
    public static Config DefaultConfig() =>
        ConfigurationFactory.FromResource<GlobalSnapshotsSettings>("Snapshot.Runtime.reference.conf");

    public static GlobalSnapshotsSettings Create(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(DefaultConfig());
        return Create(system.Settings.Config.GetConfig(Section));
    }

    /// <summary>Reads the <c>akka.snapshot</c> section itself.</summary>
    /// <exception cref="ConfigurationException">A value is missing, malformed or out of range; the message names its key.</exception>
    public static GlobalSnapshotsSettings Create(Config section)
    {
        if (section.IsNullOrEmpty())
            throw new ConfigurationException($"{Section} is missing: the defaults of reference.conf were not loaded");
        return new GlobalSnapshotsSettings(
            Read(section, "default-group", c => c.GetString("default-group")),
            Read(section, "default-timeout", c => c.GetTimeSpan("default-timeout", allowInfinite: false)),
            Read(section, "max-in-flight", c => c.GetInt("max-in-flight")),
            Read(section, "max-recorded-per-channel", c => c.GetInt("max-recorded-per-channel")),
            Read(section, "timeout-report-grace", c => c.GetTimeSpan("timeout-report-grace", allowInfinite: false)));
    }

    // Not Copy(defaultGroup: group): Copy reads null as "unchanged", which would let a null group pass unchecked.
    public GlobalSnapshotsSettings WithDefaultGroup(string group) =>
        new(group, DefaultTimeout, MaxInFlight, MaxRecordedPerChannel, TimeoutReportGrace);

    public GlobalSnapshotsSettings WithDefaultTimeout(TimeSpan timeout) => Copy(defaultTimeout: timeout);

    public GlobalSnapshotsSettings WithMaxInFlight(int max) => Copy(maxInFlight: max);

    public GlobalSnapshotsSettings WithMaxRecordedPerChannel(int max) => Copy(maxRecordedPerChannel: max);

    public GlobalSnapshotsSettings WithTimeoutReportGrace(TimeSpan grace) => Copy(timeoutReportGrace: grace);

    private GlobalSnapshotsSettings Copy(
        TimeSpan? defaultTimeout = null,
        int? maxInFlight = null,
        int? maxRecordedPerChannel = null,
        TimeSpan? timeoutReportGrace = null) => new(
        DefaultGroup,
        defaultTimeout ?? DefaultTimeout,
        maxInFlight ?? MaxInFlight,
        maxRecordedPerChannel ?? MaxRecordedPerChannel,
        timeoutReportGrace ?? TimeoutReportGrace);

    internal static T Read<T>(Config section, string key, Func<Config, T> read)
    {
        if (!section.HasPath(key))
            throw new ConfigurationException($"{Section}.{key} is missing");
        try
        {
            return read(section);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{Section}.{key} = {section.GetValue(key)} is not valid: {e.Message}");
        }
    }

    internal static T Require<T>(T value, bool valid, string key, string rule) =>
        valid ? value : throw new ConfigurationException($"{Section}.{key} = {value} {rule}");
}

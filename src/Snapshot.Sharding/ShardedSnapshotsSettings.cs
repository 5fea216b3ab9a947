using Akka.Actor;
using Akka.Configuration;

namespace Snapshot.Sharding;

/// <summary>The <c>akka.snapshot.sharding</c> settings, read once and validated when the extension starts.</summary>
public sealed class ShardedSnapshotsSettings
{
    public const string Section = "akka.snapshot.sharding";

    private ShardedSnapshotsSettings(int reportsPerMessage) =>
        ReportsPerMessage = reportsPerMessage >= 1
            ? reportsPerMessage
            : throw new ConfigurationException($"{Section}.reports-per-message = {reportsPerMessage}: must be at least 1");

    /// <summary>Most reports (entity states, messages in flight) a node sends its snapshot's coordinator in one message.</summary>
    public int ReportsPerMessage { get; }

    /// <summary>The embedded defaults (<c>reference.conf</c>).</summary>
    public static Config DefaultConfig() =>
        ConfigurationFactory.FromResource<ShardedSnapshotsSettings>("Snapshot.Sharding.reference.conf");

    public static ShardedSnapshotsSettings Create(ActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(DefaultConfig());
        var section = system.Settings.Config.GetConfig(Section)
            ?? throw new ConfigurationException($"{Section} is missing: the defaults of reference.conf were not loaded");
        return new ShardedSnapshotsSettings(section.GetInt("reports-per-message"));
    }
}

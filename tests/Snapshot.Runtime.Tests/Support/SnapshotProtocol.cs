namespace Snapshot.Runtime.Tests.Support;

/// <summary>Which protocol a spec's ActorSystem snapshots its groups by (README: "Groups that declare no channels: stamped mailboxes").</summary>
public enum SnapshotProtocol
{
    /// <summary>
    /// A marker per channel: the ActorSystem starts without the library's configuration, so participants get Akka's own
    /// deque, whose messages are not stamped.
    /// </summary>
    Markers,

    /// <summary>
    /// No markers: the ActorSystem starts with the library's configuration as fallback
    /// (<see cref="GlobalSnapshotsSettings.DefaultConfig"/>), so participants get <see cref="StampedMailbox"/>, and no
    /// participant declares channels.
    /// </summary>
    Stamped,
}

namespace Snapshot.Cli.Chaos;

/// <summary>The faults a chaos run injects.</summary>
public enum FaultKind
{
    /// <summary>
    /// An account is killed, or fails right after it records for a snapshot it initiates; its supervisor restarts it
    /// with its ledger.
    /// </summary>
    RestartParticipant,

    /// <summary>An account stops for good, at once or right after recording for a snapshot, and a new one opens in its place.</summary>
    StopParticipant,

    /// <summary>The association between two nodes drops, losing what was in it, and comes back.</summary>
    DropAssociation,

    /// <summary>A node stops without leaving the cluster; once the cluster has downed it, a new node joins with new accounts.</summary>
    CrashNode,
}

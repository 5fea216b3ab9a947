namespace Snapshot.Cli.Bench;

/// <summary>Which actors play ping-pong.</summary>
public enum PlayerKind
{
    /// <summary><see cref="PlainPlayer"/>: plain ReceiveActors, the baseline.</summary>
    Plain,

    /// <summary><see cref="ParticipantPlayer"/>: snapshot participants with the same handlers.</summary>
    Participant,

    /// <summary><see cref="PausablePlayer"/>: the same handlers, and a pause for the stop-the-world baseline.</summary>
    Pausable,
}

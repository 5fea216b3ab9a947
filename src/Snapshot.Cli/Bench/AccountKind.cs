namespace Snapshot.Cli.Bench;

/// <summary>Which actors hold the accounts of a transfer run.</summary>
public enum AccountKind
{
    /// <summary><see cref="PlainAccount"/>: plain ReceiveActors, the baseline.</summary>
    Plain,

    /// <summary><see cref="ParticipantAccount"/>: snapshot participants with the same handlers.</summary>
    Participant,
}

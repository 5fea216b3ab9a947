namespace Snapshot.Algorithm;

/// <summary>
/// A requested snapshot whose members are known: refused (<see cref="Refusal"/> set), or given its <see cref="Id"/>, which
/// the driver plans and then runs (<see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}.Run"/>).
/// </summary>
public readonly record struct StartDecision(SnapshotId Id, StartRefusal? Refusal)
{
    public bool Refused => Refusal is not null;
}

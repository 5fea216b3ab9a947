namespace Snapshot.Algorithm;

/// <summary>
/// A snapshot that a <see cref="SnapshotCoordination{TNode,TParticipant,TPart,TMessage}"/> ended without completing it:
/// the driver fails it to its caller and tells <paramref name="Unfinished"/> to drop what they recorded for it.
/// </summary>
/// <param name="Unfinished">Its participants whose part had not arrived, in participant order.</param>
public sealed record SnapshotEnding<TParticipant>(SnapshotId Id, IReadOnlyList<TParticipant> Unfinished);

using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>
/// The order reports list participants in: by name, then by whole path (the same name on two nodes), so that a
/// report reads the same whichever node took the snapshot.
/// </summary>
public sealed class ParticipantOrder : IComparer<IActorRef>
{
    public static readonly ParticipantOrder Instance = new();

    public int Compare(IActorRef? x, IActorRef? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null || y is null)
            return x is null ? -1 : 1;
        var byName = string.CompareOrdinal(x.Path.Name, y.Path.Name);
        return byName != 0 ? byName : string.CompareOrdinal(x.Path.ToString(), y.Path.ToString());
    }
}

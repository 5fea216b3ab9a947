using Akka.Actor;
using Snapshot.Algorithm.Sharded;
using Snapshot.Runtime.Participants;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// One entity's side of its type's snapshots, driving its node's <see cref="ShardedLedger{TNode,TEntity,TState,TMessage}"/>
/// through the <see cref="EntityHost"/>: the <see cref="SnapshotParticipant"/> of an entity routes its message loop and its
/// stop here. While its handler runs, it is <see cref="Current"/> on its thread, so that what it tells a
/// <see cref="ColouringRegion"/> carries its epoch.
/// </summary>
internal sealed class EntityParticipant : IEntityParticipation
{
    [ThreadStatic]
    private static EntityParticipant? t_current;

    private readonly Func<object?> _captureState;
    // Started while a snapshot was open, with nothing handed over: records before anything it handles. Not in the
    // constructor, where the actor's own fields are not set yet.
    private bool _recordFirst;

    public EntityParticipant(EntityHost host, ActorCell cell, Func<object?> captureState)
    {
        Host = host;
        _captureState = captureState;
        EntityId = Uri.UnescapeDataString(cell.Self.Path.Name);
        _recordFirst = host.Started(EntityId, cell.Self, cell.Parent);
    }

    /// <summary>The entity whose handler runs on this thread now; null outside an entity's handler.</summary>
    public static EntityParticipant? Current => t_current;

    public EntityHost Host { get; }

    public string EntityId { get; }

    public string Group => Host.TypeName;

    public bool AroundReceive(Receive receive, object message, Func<Receive, object, bool> next)
    {
        if (_recordFirst)
        {
            _recordFirst = false;
            Host.Recorded(EntityId, _captureState());
        }
        switch (message)
        {
            case InitiateEntity:
                if (Host.Initiated(EntityId))
                    Host.Recorded(EntityId, _captureState());
                return true;
            case ColouredMessage coloured when coloured.TypeName == Host.TypeName:
                if (Host.OnMessage(EntityId, coloured) == ShardedDecision.RecordFirst)
                    Host.Recorded(EntityId, _captureState());
                return Handle(receive, coloured.Message, next);
            default:
                return Handle(receive, message, next);
        }
    }

    public void Stopped() => Host.Passivated(EntityId, _captureState());

    private bool Handle(Receive receive, object message, Func<Receive, object, bool> next)
    {
        var outer = t_current;
        t_current = this;
        try
        {
            return next(receive, message);
        }
        finally
        {
            t_current = outer;
        }
    }
}

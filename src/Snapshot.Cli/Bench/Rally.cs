using Akka.Actor;

namespace Snapshot.Cli.Bench;

/// <summary>
/// One player's side of a ping-pong rally: the state and logic every player kind shares, so that the plain,
/// participant and pausable players run exactly the same handler.
/// </summary>
public sealed class Rally
{
    private long _hits;
    private long _limit;
    private Finish? _finish;

    public IActorRef Partner { get; private set; } = ActorRefs.Nobody;

    /// <summary>Balls received so far: the state a snapshot records.</summary>
    public long Hits => _hits;

    public void Meet(Meet meet)
    {
        Partner = meet.Partner;
        _limit = meet.Hits;
        _hits = 0;
        _finish = meet.Finish;
    }

    /// <summary>Counts a ball; true when it must go back to the partner, false when this player has stopped.</summary>
    public bool Hit()
    {
        if (++_hits < _limit)
            return true;
        if (_hits == _limit)
            _finish!.One();
        return false;
    }
}

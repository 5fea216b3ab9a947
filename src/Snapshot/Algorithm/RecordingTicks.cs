namespace Snapshot.Algorithm;

/// <summary>
/// One snapshot as one node sees it under the stamped protocol: the tick of its clock at which it saw each member
/// record, and how many members it still waits for (see <see cref="NodeLedger{TPeer,TSnapshot}"/>). A member keeps it from its
/// recording to its flush, after the node has let go of it.
/// </summary>
public sealed class RecordingTicks<TPeer, TSnapshot>
    where TPeer : notnull
    where TSnapshot : notnull
{
    // By member position; 0 while not seen (the clock's first tick is 1).
    private readonly long[] _ticks;
    private readonly int _localMembers;
    private int _localAwaited;
    private int _remoteAwaited;

    internal RecordingTicks(TSnapshot id, PeerIndex<TPeer> members, int localMembers, int maxRecordedPerChannel)
    {
        Id = id;
        Members = members;
        MaxRecordedPerChannel = maxRecordedPerChannel;
        _ticks = new long[members.Count];
        _localMembers = _localAwaited = localMembers;
        _remoteAwaited = members.Count - localMembers;
    }

    public TSnapshot Id { get; }

    public PeerIndex<TPeer> Members { get; }

    /// <summary>Most messages a member records from one sender for this snapshot; one more fails its part.</summary>
    public int MaxRecordedPerChannel { get; }

    /// <summary>
    /// True when the message from <paramref name="sender"/> stamped <paramref name="stamp"/> was sent after the sender
    /// recorded; false when before, or when the sender is no member.
    /// </summary>
    public bool SentAfterRecording(TPeer sender, long stamp) => Members.IndexOf(sender) is var i and >= 0 && Volatile.Read(ref _ticks[i]) is var tick and > 0 && stamp >= tick;

    /// <summary>
    /// Notes that <paramref name="member"/> recorded at the tick <paramref name="tick"/> takes, unless it was seen already;
    /// a member of this node's notice goes into <paramref name="notices"/> under the same lock, when other nodes have members.
    /// </summary>
    /// <returns>Whether this was the last member awaited, and whether it was the last of this node's.</returns>
    internal (bool Last, bool LastOfNode) See(TPeer member, Func<long> tick, bool local, NoticeOutbox<TPeer, TSnapshot> notices)
    {
        var position = Members.IndexOf(member);
        if (position < 0)
            return (false, false);
        lock (_ticks)
        {
            if (_ticks[position] > 0)
                return (false, false);
            Volatile.Write(ref _ticks[position], tick());
            if (local)
            {
                // Queued inside the lock: once the last member of this node is seen, every notice of this node is queued.
                if (_ticks.Length > _localMembers)
                    notices.Add(Id, member);
                _localAwaited--;
            }
            else
                _remoteAwaited--;
            return (_localAwaited == 0 && _remoteAwaited == 0, local && _localAwaited == 0);
        }
    }
}

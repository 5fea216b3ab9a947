using Akka.Actor;

namespace Snapshot.Cli.Nodes;

/// <summary>How far <c>snapshot take</c> got, for a failure to say what it waited for: joining, participants seen of those asked, the snapshot.</summary>
public sealed class TakeProgress(Address seed, string group, int minParticipants)
{
    private enum Stage { Joining, WaitingForParticipants, Snapshotting }

    private Stage _stage = Stage.Joining;
    private int _seen;

    public void Joined() => _stage = Stage.WaitingForParticipants;

    public void Seen(int participants) => _seen = participants;

    public void Snapshotting() => _stage = Stage.Snapshotting;

    /// <summary>What it was waiting for when it stopped, like <c>waited for 10 participants of group 'bank' (--min-participants), saw 5</c>.</summary>
    public override string ToString() => _stage switch
    {
        Stage.Joining => $"still joining the cluster at {seed} (--seed-node), no participant of group '{group}' seen yet",
        Stage.WaitingForParticipants => $"waited for {Counted.Of(minParticipants, "participant")} of group '{group}' (--min-participants), saw {_seen}",
        _ => $"the snapshot of {Counted.Of(_seen, "participant")} of group '{group}' did not complete",
    };
}

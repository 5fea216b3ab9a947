using Snapshot.Algorithm;

namespace Snapshot.Tests.Algorithm;

public sealed class SnapshotDeadlinesTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Takes_the_snapshots_past_their_deadline_from_the_front_in_the_order_they_were_opened_each_once()
    {
        var deadlines = new SnapshotDeadlines<string>();
        deadlines.Add("first", Now.AddSeconds(-2));
        deadlines.Add("second", Now.AddSeconds(-1));
        deadlines.Add("running", Now.AddSeconds(30));
        // Past its deadline, but behind one still running: it waits for it.
        deadlines.Add("behind", Now.AddSeconds(-1));

        Assert.Equal(["first", "second"], deadlines.TakePastDeadline(Now));
        Assert.Empty(deadlines.TakePastDeadline(Now));
        // A deadline reached is not yet past.
        Assert.Empty(deadlines.TakePastDeadline(Now.AddSeconds(30)));
        Assert.Equal(["running", "behind"], deadlines.TakePastDeadline(Now.AddSeconds(31)));
        Assert.Empty(deadlines.TakePastDeadline(Now.AddSeconds(31)));
    }

    [Fact]
    public void Takes_a_snapshot_opened_after_the_queue_emptied_once_its_deadline_passes()
    {
        var deadlines = new SnapshotDeadlines<string>();
        deadlines.Add("old", Now.AddSeconds(-1));
        Assert.Equal(["old"], deadlines.TakePastDeadline(Now));

        deadlines.Add("new", Now.AddSeconds(1));

        Assert.Empty(deadlines.TakePastDeadline(Now));
        Assert.Equal(["new"], deadlines.TakePastDeadline(Now.AddSeconds(2)));
    }

    /// <summary>
    /// What the members of a node do when a snapshot opens after one timed out (FailureSpec's blocked participant): each,
    /// on its own thread, takes the snapshots past their deadline, then opens the new one. The expired one is taken exactly
    /// once, and no member ever takes a snapshot another has just opened, however their steps interleave: a looked-at
    /// snapshot taken in a second step could be another member's new one, which its node would then forget and never flush.
    /// </summary>
    [Fact]
    public void Members_opening_snapshots_at_once_take_the_expired_one_once_and_never_one_just_opened()
    {
        const int members = 4;
        const int rounds = 5000;
        for (var round = 0; round < rounds; round++)
        {
            var deadlines = new SnapshotDeadlines<string>();
            deadlines.Add("expired", Now.AddSeconds(-1));
            var taken = new IReadOnlyList<string>[members];
            using var start = new Barrier(members);
            var threads = Enumerable.Range(0, members).Select(member => new Thread(() =>
            {
                start.SignalAndWait();
                taken[member] = deadlines.TakePastDeadline(Now);
                deadlines.Add($"opened by {member}", Now.AddSeconds(30));
            })).ToArray();
            foreach (var thread in threads)
                thread.Start();
            foreach (var thread in threads)
                thread.Join();

            Assert.Equal(["expired"], taken.SelectMany(t => t));
        }
    }
}

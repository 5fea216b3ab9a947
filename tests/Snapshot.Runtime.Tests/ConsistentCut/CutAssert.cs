using Snapshot.Runtime;

namespace Snapshot.Runtime.Tests.ConsistentCut;

/// <summary>
/// The definition of a consistent cut, checked id by id on a snapshot of <see cref="Trader"/>s: nothing was
/// received before recording that its sender had not sent before recording, each channel holds exactly what
/// was sent before the cut and not received before it, in send order, and no money was made or lost.
/// Participants are matched by actor name, so the check reads the same whichever node coordinated. Traders declare
/// no channels: every trader to every trader is a channel, checked whether it held messages or not.
/// </summary>
public static class CutAssert
{
    public static void Consistent(GlobalSnapshot snapshot, long total, string where)
    {
        Assert.All(snapshot.Processes, p => Assert.Empty(p.Stashed));
        var views = snapshot.Processes.ToDictionary(p => p.Participant.Path.Name, p => Assert.IsType<TraderView>(p.State));
        var recorded = snapshot.Channels.ToDictionary(c => (From: c.From.Path.Name, To: c.To.Path.Name), c => c.Messages);
        Assert.True(recorded.Keys.All(c => views.ContainsKey(c.From) && views.ContainsKey(c.To)), $"{where}: a channel names a non-participant\n{snapshot.Describe()}");
        foreach (var (from, to) in views.Keys.SelectMany(to => views.Keys.Select(from => (from, to))))
        {
            var sent = views[from].Sent(to);
            var received = views[to].Received(from);
            var inFlight = recorded.GetValueOrDefault((from, to), []).Select(m => Assert.IsType<Token>(m).Id).ToList();
            var name = $"{where}, channel {from} → {to}";

            var receivedButNotSent = received.Except(sent).ToList();
            Assert.True(receivedButNotSent.Count == 0,
                $"{name}: {to} had received [{string.Join(", ", receivedButNotSent)}] before it recorded, which {from} had not sent before it recorded");
            var receivedSet = received.ToHashSet();
            var expected = sent.Where(id => !receivedSet.Contains(id)).ToList();
            Assert.True(expected.SequenceEqual(inFlight),
                $"{name}: recorded [{string.Join(", ", inFlight)}], but sent-before-recording minus received-before-recording is [{string.Join(", ", expected)}]");
        }
        var held = views.Values.Sum(v => v.Balance) + snapshot.Channels.Sum(c => c.Messages.Cast<Token>().Sum(t => t.Amount));
        Assert.True(held == total, $"{where}: holds {held}, not {total}\n{snapshot.Describe()}");
    }
}

using Akka.Actor;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.ConsistentCut;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests;

/// <summary>
/// The definition of a consistent cut, checked message by message on real actors under random traffic:
/// nothing is received before the cut that was sent after it, and each channel holds exactly what was
/// sent before the cut and not yet received.
/// </summary>
public sealed class ConsistentCutSpec(ITestOutputHelper output) : SnapshotSpec("", output)
{
    private const int Seed = 1_861_2024;
    private const int Traders = 5;
    private const long OpeningBalance = 1000;
    private const int SnapshotsToTake = 20;

    [Fact]
    public async Task Every_snapshot_under_random_traffic_is_a_consistent_cut_id_by_id()
    {
        var traders = new IActorRef[Traders];
        for (var i = 0; i < Traders; i++)
        {
            var index = i;
            traders[i] = await JoinAsync(Trader.Group, Props.Create(() => new Trader(index, OpeningBalance)), $"trader-{i}");
        }
        foreach (var driver in Enumerable.Range(0, 3))
            Sys.ActorOf(Props.Create(() => new Driver(traders, Seed + driver)), $"driver-{driver}");

        var random = new Random(Seed);
        var taken = new List<GlobalSnapshot>();
        while (taken.Count < SnapshotsToTake)
        {
            var round = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Snapshots.TakeAsync(Trader.Group, initiator: random.Next(2) == 0 ? null : traders[random.Next(Traders)]))
                .ToArray();
            taken.AddRange(await Task.WhenAll(round));
        }

        foreach (var snapshot in taken)
            AssertConsistent(snapshot, traders);
        Assert.True(taken.Any(s => s.RecordedMessages > 0), $"seed {Seed}: no snapshot caught a token in flight, so the channel checks proved nothing");
    }

    private static void AssertConsistent(GlobalSnapshot snapshot, IActorRef[] traders)
    {
        var where = $"seed {Seed}, snapshot {snapshot.Id}";
        AssertCovers(snapshot, traders);
        Assert.All(snapshot.Processes, p => Assert.Empty(p.Stashed));
        var views = snapshot.Processes.ToDictionary(p => p.Participant, p => Assert.IsType<TraderView>(p.State));
        foreach (var from in traders)
        foreach (var to in traders)
        {
            var sent = views[from].Sent(to);
            var received = views[to].Received(from);
            var inFlight = Channel(snapshot, from, to).Select(m => Assert.IsType<Token>(m).Id).ToList();
            var channel = $"{where}, channel {from.Path.Name} → {to.Path.Name}";

            var receivedButNotSent = received.Except(sent).ToList();
            Assert.True(receivedButNotSent.Count == 0,
                $"{channel}: {to.Path.Name} had received [{string.Join(", ", receivedButNotSent)}] before it recorded, which {from.Path.Name} had not sent before it recorded");
            var receivedSet = received.ToHashSet();
            var expected = sent.Where(id => !receivedSet.Contains(id)).ToList();
            Assert.True(expected.SequenceEqual(inFlight),
                $"{channel}: recorded [{string.Join(", ", inFlight)}], but sent-before-recording minus received-before-recording is [{string.Join(", ", expected)}]");
        }
        var total = views.Values.Sum(v => v.Balance) + snapshot.Channels.Sum(c => c.Messages.Cast<Token>().Sum(t => t.Amount));
        Assert.True(total == Traders * OpeningBalance, $"{where}: holds {total}, not {Traders * OpeningBalance}\n{snapshot.Describe()}");
    }
}

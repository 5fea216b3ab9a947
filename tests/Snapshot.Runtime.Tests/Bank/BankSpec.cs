using Akka.Actor;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Bank;

public sealed class BankSpec(ITestOutputHelper output) : TestKit(output: output)
{
    private const int Accounts = 10;
    private const long OpeningBalance = 1000;
    private const long Total = Accounts * OpeningBalance;

    [Fact]
    public async Task Every_snapshot_taken_while_money_moves_conserves_the_total_and_records_money_in_flight()
    {
        var snapshots = GlobalSnapshots.Get(Sys);
        var accounts = Enumerable.Range(0, Accounts).Select(i => Sys.ActorOf(Props.Create(() => new Account(OpeningBalance)), $"account-{i}")).ToArray();
        await AwaitAssertAsync(async () => Assert.Equal(Accounts, (await snapshots.ParticipantsAsync(Account.Group)).Count));
        foreach (var seed in Enumerable.Range(0, 3))
            Sys.ActorOf(Props.Create(() => new Driver(accounts, seed)), $"driver-{seed}");

        var taken = new List<GlobalSnapshot>();
        var random = new Random(7);
        while (taken.Count < 100)
        {
            var round = new List<Task<GlobalSnapshot>>();
            var concurrent = random.Next(1, 4);
            for (var i = 0; i < concurrent; i++)
            {
                round.Add(((taken.Count + i) % 3) switch
                {
                    0 => snapshots.TakeAsync(Account.Group),
                    1 => snapshots.TakeAsync(Account.Group, initiator: accounts[random.Next(Accounts)]),
                    _ => accounts[random.Next(Accounts)].Ask<GlobalSnapshot>(replyTo => new StartSnapshotHere(replyTo), TimeSpan.FromSeconds(30), CancellationToken.None),
                });
            }
            taken.AddRange(await Task.WhenAll(round));
        }

        Assert.All(taken, s => Assert.True(Account.Money(s) == Total, $"snapshot {s.Id} holds {Account.Money(s)}, not {Total}:\n{s.Describe()}"));
        Assert.All(taken, s => Assert.Equal(Accounts, s.Processes.Count));
        Assert.All(taken, s => Assert.Equal(Accounts * Accounts, s.ChannelCount));
        Assert.Contains(taken, s => Account.InFlight(s) > 0);
        Assert.Equal(taken.Count, taken.Select(s => s.Id).Distinct().Count());
    }
}

using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Snapshot.Runtime.Tests.Readme;

/// <summary>Runs each variant of the README's example; the plain and hosted ones start ActorSystems of their own.</summary>
public sealed class EmbeddingExampleSpec : TestKit
{
    [Fact]
    public async Task The_plain_example_takes_ten_snapshots_that_all_hold_the_banks_money()
    {
        var taken = await Bank.RunAsync();

        Assert.Equal(10, taken.Count);
        Assert.All(taken, s => Assert.Equal(Bank.Money, Bank.Total(s)));
    }

    [Fact]
    public async Task The_hosted_example_takes_snapshots_of_its_default_group()
    {
        using var host = HostedBank.Build();
        await host.StartAsync();
        try
        {
            var snapshots = GlobalSnapshots.Get(host.Services.GetRequiredService<ActorSystem>());
            Assert.Equal(TimeSpan.FromSeconds(10), snapshots.Settings.DefaultTimeout);

            var snapshot = await snapshots.TakeAsync();

            Assert.Equal("bank", snapshot.Group);
            Assert.Equal(4, snapshot.Processes.Count);
            Assert.Equal(Bank.Money, Bank.Total(snapshot));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_teller_takes_part_through_its_SnapshotParticipant()
    {
        var teller = Sys.ActorOf(Props.Create(() => new Teller()), "teller");
        teller.Tell("next, please");
        teller.Tell("next, please");
        await AwaitAssertAsync(async () => Assert.Single(await GlobalSnapshots.Get(Sys).ParticipantsAsync("tellers")));

        var snapshot = await GlobalSnapshots.Get(Sys).TakeAsync("tellers");

        Assert.Equal(2, Assert.Single(snapshot.Processes).State);
    }
}

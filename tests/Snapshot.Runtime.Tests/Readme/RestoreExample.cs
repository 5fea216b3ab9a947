// The code of the README's "Restore from a checkpoint" section, compiled and run by RestoreExampleSpec. Each README region below is one of
// the section's code blocks, line for line: ReadmeCodeSpec fails when they differ, so change both together.
using Akka.Actor;
using Snapshot.Restore;
using Snapshot.Runtime.Participants;

namespace Snapshot.Runtime.Tests.Readme;

#region README
public sealed record Coin;                                 // a coin on its way to a player
public sealed record Serve(IActorRef To, int Coins);       // from outside: send this many coins to To

public sealed class Player : SnapshotReceiveActor
{
    private long _coins;

    public Player(long coins, RestoreTicket? restoredFrom = null) : base(group: "players", restoredFrom: restoredFrom)
    {
        _coins = coins;
        Receive<Serve>(serve =>
        {
            for (var i = 0; i < serve.Coins; i++)
                Pay(serve.To);
        });
        Receive<Coin>(_ =>
        {
            _coins++;
            Pay(Sender); // every coin goes straight back: the rally never stops
        });
    }

    private void Pay(IActorRef to)
    {
        _coins--;
        to.Tell(new Coin());
    }

    protected override object CaptureState() => _coins;
}
#endregion

public static class Rally
{
    public const long Coins = 2 * 10;

    // Coins held, plus coins caught in flight.
    public static long Count(GlobalSnapshot snapshot) =>
        snapshot.Processes.Sum(p => (long)p.State!) + snapshot.Channels.Sum(c => c.Messages.Count);

    public static async Task<GlobalSnapshot> CheckpointAsync(ActorSystem system)
    {
        var players = new[] { "ann", "bob" }.Select(name => system.ActorOf(Props.Create(() => new Player(10, null)), name)).ToArray();
        await GlobalSnapshots.Get(system).WaitForLocalParticipantsAsync(2, "players");
        players[0].Tell(new Serve(players[1], 5));
        return await GlobalSnapshots.Get(system).TakeAsync("players"); // keep it somewhere safe
    }

    #region README
    public static async Task<RestoredGroup> RestoreAsync(ActorSystem system, GlobalSnapshot checkpoint) =>
        await GlobalSnapshots.Get(system).RestoreAsync(checkpoint, player => system.ActorOf(
            Props.Create(() => new Player((long)player.State!, player.Ticket)).WithMailbox(RestoreTicket.DequeMailbox),
            player.Name));
    #endregion
}

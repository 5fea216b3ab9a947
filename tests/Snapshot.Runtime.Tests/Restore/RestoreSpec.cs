using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.TestActors;
using Snapshot.Restore;
using Snapshot.Runtime.Tests.Bank;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Restore;

/// <summary>
/// A group started again from a snapshot of a system that is gone: each participant gets its recorded state, then its
/// stash, then every message recorded in flight to it, in channel order from the sender's new actor, before any other
/// message; the money is the snapshot's, and the restored group goes on and snapshots conserve it. With a marker per
/// channel and with stamped mailboxes alike (stamped, the replay is put in front of the mailbox and reads stamp 0).
/// </summary>
public abstract class RestoreSpec(SnapshotProtocol protocol, ITestOutputHelper output) : SnapshotSpec(protocol, "", output)
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public sealed class WithMarkers(ITestOutputHelper output) : RestoreSpec(SnapshotProtocol.Markers, output);

    public sealed class Stamped(ITestOutputHelper output) : RestoreSpec(SnapshotProtocol.Stamped, output);

    [Fact]
    public async Task Each_participant_gets_its_state_then_its_stash_then_its_channels_in_order_from_the_new_senders()
    {
        var (a, b, c) = await RecordedAsync();
        var snapshot = Recorded(a, b, c);

        var restored = await Snapshots.RestoreAsync(snapshot, p => Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name));

        Assert.Equal(Account.Group, restored.Group);
        Assert.Equal([a, b, c], restored.Participants.Keys);
        Assert.Equal(["a", "b", "c"], restored.Participants.Values.Select(p => p.Path.Name));
        Assert.All(restored.Participants.Values, p => Assert.Equal(Sys.Name, p.Path.Address.System));
        Assert.Equal(7, restored.ReplayedMessages);
        var (na, nb, nc) = (restored.Participants[a], restored.Participants[b], restored.Participants[c]);
        Assert.All(restored.Participants.Values, AssertRunsProtocol);
        Assert.Equal([Stashed(5), new("a", new Transfer(3)), new("b", new Transfer(50))], await LogAsync(na));
        Assert.Equal([new("a", new Transfer(100)), new("a", new Transfer(7)), new("a", new Transfer(100)), new("c", new Transfer(1))], await LogAsync(nb));
        Assert.Empty(await LogAsync(nc));

        var after = await Snapshots.TakeAsync(Account.Group);
        Assert.Equal([na, nb, nc], after.Processes.Select(p => p.Participant).OrderBy(p => p.Path.Name));
        AssertInFlight(after);
        Assert.Equal(958L, StateOf(after, na));
        Assert.Equal(2208L, StateOf(after, nb));
        Assert.Equal(100L, StateOf(after, nc));
        Assert.Equal(Account.Money(snapshot), Account.Money(after));
    }

    [Fact]
    public async Task What_participants_send_at_start_and_outside_inputs_reach_a_participant_only_after_its_replay()
    {
        var (a, b, c) = await RecordedAsync();
        var snapshot = Recorded(a, b, c);
        var created = new Dictionary<string, IActorRef>();

        var restored = await Snapshots.RestoreAsync(snapshot, p =>
        {
            // b and c tell themselves a Tick and pay a from PreStart; every new actor is then paid from outside.
            var atStart = p.Name == "a" ? null : new AtStart(created["a"], TestActor);
            var actor = created[p.Name] = Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket, atStart), p.Name);
            if (atStart is not null)
                ExpectMsg(new Started(p.Name));
            actor.Tell(new Transfer(1000), ActorRefs.NoSender);
            return actor;
        });

        Assert.Equal([Stashed(5), new("a", new Transfer(3)), new("b", new Transfer(50)), Stashed(1000), new("b", new Transfer(1)), new("c", new Transfer(1))],
            await LogAsync(created["a"]));
        Assert.Equal([new("a", new Transfer(100)), new("a", new Transfer(7)), new("a", new Transfer(100)), new("c", new Transfer(1)), new("b", new Tick()), Stashed(1000)],
            await LogAsync(created["b"]));
        Assert.Equal([new("c", new Tick()), Stashed(1000)], await LogAsync(created["c"]));

        var after = await Snapshots.TakeAsync(Account.Group);
        AssertInFlight(after);
        Assert.Equal(Account.Money(snapshot) + 3 * 1000, Account.Money(after));
        Assert.Equal(7, restored.ReplayedMessages);
    }

    [Fact]
    public async Task A_snapshot_started_before_the_replays_arrive_counts_the_replayed_money_in_the_states_not_in_channels()
    {
        var (a, b, c) = await RecordedAsync();
        var snapshot = Recorded(a, b, c);
        Task<GlobalSnapshot>? during = null;

        await Snapshots.RestoreAsync(snapshot, p =>
        {
            var actor = Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name);
            if (p.Name == "c")
            {
                // Every new actor is registered and holding. The coordinator tells the initiates while it handles the
                // snapshot's request, before it answers the query behind it, so they are queued before any replay.
                Snapshots.WaitForLocalParticipantsAsync(3, Account.Group).GetAwaiter().GetResult();
                during = Snapshots.TakeAsync(Account.Group);
                Snapshots.ParticipantsAsync(Account.Group).GetAwaiter().GetResult();
            }
            return actor;
        });

        var taken = await during!;
        AssertInFlight(taken);
        Assert.Equal([958L, 2208L, 100L], taken.Processes.OrderBy(p => p.Participant.Path.Name).Select(p => p.State));
        Assert.Equal(Account.Money(snapshot), Account.Money(taken));
    }

    [Fact]
    public async Task A_replayed_message_that_names_recorded_participants_is_delivered_as_the_rewrite_gives_it()
    {
        var (a, b, c) = await RecordedAsync();
        // a had ordered c to pay b 10 (the order travels on a → c); b is gone, its new actor must be paid.
        var recorded = Recorded(a, b, c);
        var snapshot = recorded with { Channels = [.. recorded.Channels, new ChannelState(a, c, [new Pay(b, 10)])] };

        var restored = await Snapshots.RestoreAsync(snapshot, p => Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name),
            rewrite: (message, participants) => message is Pay pay ? pay with { To = participants[pay.To] } : message);

        // c pays b and tells a it paid while it handles the replayed order: a snapshot taken meanwhile catches them in flight.
        GlobalSnapshot after = null!;
        await AwaitAssertAsync(async () =>
        {
            after = await Snapshots.TakeAsync(Account.Group);
            AssertInFlight(after);
        });
        Assert.Equal(90L, StateOf(after, restored.Participants[c]));
        Assert.Equal(2218L, StateOf(after, restored.Participants[b]));
        Assert.Equal(Account.Money(snapshot), Account.Money(after));
    }

    [Fact]
    public async Task A_restored_participant_restarted_by_its_supervisor_after_its_replay_holds_nothing()
    {
        var (a, b, c) = await RecordedAsync();
        var restored = await Snapshots.RestoreAsync(Recorded(a, b, c), p => Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name));
        var na = restored.Participants[a];
        Assert.Equal(958L, await na.Ask<long>(new GetBalance(), RemainingOrDefault));

        EventFilter.Exception<InvalidOperationException>("crash ordered by the test").ExpectOne(() => na.Tell(new Crash()));

        // The new instance starts from its Props, the recorded 900, and answers at once: its ticket is spent.
        Assert.Equal(900L, await na.Ask<long>(new GetBalance(), RemainingOrDefault));
        Assert.Empty(await LogAsync(na));
    }

    [Fact]
    public async Task A_bank_crashed_while_money_moved_is_restored_with_its_money_and_goes_on_conserving_it()
    {
        const int accounts = 6;
        var old = ActorSystem.Create("crashed", SystemConfig(Config.Empty));
        GlobalSnapshot snapshot;
        try
        {
            var oldAccounts = Enumerable.Range(0, accounts).Select(i => old.ActorOf(Props.Create(() => new Account(1000)), $"account-{i}")).ToArray();
            await GlobalSnapshots.Get(old).WaitForLocalParticipantsAsync(accounts, Account.Group);
            Assert.All(oldAccounts, AssertRunsProtocol);
            foreach (var seed in Enumerable.Range(0, 2))
                old.ActorOf(Props.Create(() => new Driver(oldAccounts, seed)), $"driver-{seed}");
            snapshot = await InFlightSnapshotAsync(GlobalSnapshots.Get(old));
        }
        finally
        {
            await old.Terminate();
        }

        var restored = await Snapshots.RestoreAsync(snapshot, p => Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name));

        foreach (var process in snapshot.Processes)
        {
            var expected = snapshot.Channels.Where(c => c.To.Equals(process.Participant))
                .SelectMany(c => c.Messages.Select(m => new Handled(c.From.Path.Name, m)))
                .ToArray();
            var actor = restored.Participants[process.Participant];
            Assert.Equal(expected, await LogAsync(actor));
            Assert.Equal((long)process.State! + expected.Sum(h => ((Transfer)h.Message).Amount), await actor.Ask<long>(new GetBalance(), RemainingOrDefault));
        }
        var newAccounts = restored.Participants.Values.ToArray();
        Assert.All(newAccounts, AssertRunsProtocol);
        var first = await Snapshots.TakeAsync(Account.Group);
        AssertInFlight(first);
        Assert.Equal(accounts * 1000, Account.Money(first));

        foreach (var seed in Enumerable.Range(0, 2))
            Sys.ActorOf(Props.Create(() => new Driver(newAccounts, seed)), $"driver-{seed}");
        for (var i = 0; i < 10; i++)
        {
            var later = await Snapshots.TakeAsync(Account.Group);
            Assert.True(Account.Money(later) == accounts * 1000, later.Describe());
        }
        Assert.True(await newAccounts[0].Ask<Handled[]>(new GetLog(), RemainingOrDefault) is var log && log.Length > 0);
    }

    [Fact]
    public async Task A_factory_that_throws_fails_the_restore_naming_the_participant_and_what_it_created_is_stopped()
    {
        var (a, b, c) = await RecordedAsync();

        var error = await FailedRestoreAsync(Recorded(a, b, c),
            p => p.Name == "b" ? throw new InvalidOperationException("no room for b") : RestoredAccount.Props((long)p.State!, p.Ticket));

        Assert.Equal("the factory failed to create participant b (akka://recorded/user/b): no room for b", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(Account.Group, error.Group);
        await RestoresAfterwardsAsync(Recorded(a, b, c));
    }

    [Fact]
    public async Task A_factory_that_returns_no_actor_fails_the_restore_naming_the_participant()
    {
        var (a, b, c) = await RecordedAsync();

        var error = await FailedRestoreAsync(Recorded(a, b, c), p => p.Name == "c" ? null : RestoredAccount.Props((long)p.State!, p.Ticket));

        Assert.Equal("the factory returned no actor for participant c (akka://recorded/user/c)", error.Message);
    }

    [Fact]
    public async Task A_new_actor_created_without_its_ticket_fails_the_restore_naming_it()
    {
        var (a, b, c) = await RecordedAsync();

        var error = await FailedRestoreAsync(Recorded(a, b, c), p => RestoredAccount.Props((long)p.State!, p.Name == "b" ? null : p.Ticket));

        Assert.Equal("participant b (akka://test/user/b) refused its replay: it was not created with the restore's ticket, or already took its replay", error.Message);
    }

    [Fact]
    public async Task A_new_actor_whose_mailbox_cannot_put_its_replay_in_front_fails_the_restore_saying_how_to_create_it()
    {
        var (a, b, c) = await RecordedAsync();

        var error = await FailedRestoreAsync(Recorded(a, b, c),
            p => p.Name == "a" ? PlainMailboxAccount.Props(p.Ticket) : RestoredAccount.Props((long)p.State!, p.Ticket));

        Assert.Equal("participant a (akka://test/user/a) refused its replay: its mailbox (UnboundedMessageQueue) cannot put the replay in front: " +
            "create it with Props.WithMailbox(\"akka.snapshot.stamped-mailbox\"), or implement IWithUnboundedStash or " +
            "IRequiresMessageQueue<IUnboundedDequeBasedMessageQueueSemantics>", error.Message);
        await RestoresAfterwardsAsync(Recorded(a, b, c));
    }

    [Fact]
    public async Task A_new_actor_that_is_no_participant_or_stops_or_is_given_twice_fails_the_restore_naming_it()
    {
        var (a, b, c) = await RecordedAsync();
        var quiet = await Assert.ThrowsAsync<RestoreFailedException>(() => Snapshots.RestoreAsync(Recorded(a, b, c),
            p => Sys.ActorOf(p.Name == "c" ? BlackHoleActor.Props : RestoredAccount.Props((long)p.State!, p.Ticket), p.Name),
            timeout: TimeSpan.FromMilliseconds(300)));
        Assert.Equal("participants c did not take their replay within 0.3 s: create each with its RestoringParticipant.Ticket", quiet.Message);

        var gone = Sys.ActorOf(BlackHoleActor.Props, "gone");
        Watch(gone);
        Sys.Stop(gone);
        await ExpectTerminatedAsync(gone);
        var stopped = await Assert.ThrowsAsync<RestoreFailedException>(() => Snapshots.RestoreAsync(Recorded(a, b, c),
            p => p.Name == "b" ? gone : Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), $"{p.Name}-2")));
        Assert.Equal("participant b (akka://test/user/gone) stopped before its replay was delivered", stopped.Message);

        var twice = await Assert.ThrowsAsync<RestoreFailedException>(() => Snapshots.RestoreAsync(Recorded(a, b, c),
            p => p.Name == "a" ? Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), "a-3") : gone));
        Assert.Equal("the factory returned akka://test/user/gone for both participant b and participant c", twice.Message);
        Assert.Empty(await Snapshots.ParticipantsAsync(Account.Group));
    }

    [Fact]
    public async Task A_cancelled_restore_stops_what_it_created_and_its_restorer()
    {
        var (a, b, c) = await RecordedAsync();
        using var cancel = new CancellationTokenSource();
        var created = new List<IActorRef>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Snapshots.RestoreAsync(Recorded(a, b, c), p =>
        {
            var actor = Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name);
            created.Add(actor);
            if (p.Name == "c")
                cancel.Cancel();
            return actor;
        }, cancellationToken: cancel.Token));

        foreach (var actor in created)
        {
            Watch(actor);
            await ExpectTerminatedAsync(actor);
        }
        Assert.Empty(await Snapshots.ParticipantsAsync(Account.Group));
        await AwaitAssertAsync(async () =>
            Assert.Null((await Sys.ActorSelection("/system/snapshot-restore-*").Ask<ActorIdentity>(new Identify(1), RemainingOrDefault)).Subject));
    }

    [Fact]
    public async Task A_group_that_has_participants_is_not_restored_into_and_the_factory_is_never_called()
    {
        var (a, b, c) = await RecordedAsync();
        var present = await JoinAsync(Account.Group, RestoredAccount.Props(10, null), "present");
        var called = false;

        var error = await Assert.ThrowsAsync<RestoreFailedException>(() => Snapshots.RestoreAsync(Recorded(a, b, c), p =>
        {
            called = true;
            return Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), p.Name);
        }));

        Assert.Equal("group 'bank' already has participants (present): a snapshot is restored into an empty group", error.Message);
        Assert.False(called);
        Assert.Equal([present], await Snapshots.ParticipantsAsync(Account.Group));
    }

    /// <summary>The participants' refs as a crashed system's snapshot names them: paths of a system that is gone.</summary>
    private static async Task<(IActorRef A, IActorRef B, IActorRef C)> RecordedAsync()
    {
        var recorded = ActorSystem.Create("recorded");
        var refs = new[] { "a", "b", "c" }.Select(name => recorded.ActorOf(BlackHoleActor.Props, name)).ToArray();
        await recorded.Terminate();
        return (refs[0], refs[1], refs[2]);
    }

    /// <summary>
    /// a (900, a 5 in its stash), b (2000) and c (100), with money in flight on a → a, b → a, a → b (two equal
    /// payments among them, which must both arrive) and c → b.
    /// </summary>
    private static GlobalSnapshot Recorded(IActorRef a, IActorRef b, IActorRef c)
    {
        IActorRef[] all = [a, b, c];
        var inFlight = new Dictionary<(IActorRef, IActorRef), object[]>
        {
            [(a, a)] = [new Transfer(3)],
            [(b, a)] = [new Transfer(50)],
            [(a, b)] = [new Transfer(100), new Transfer(7), new Transfer(100)],
            [(c, b)] = [new Transfer(1)],
        };
        return new GlobalSnapshot(17, Account.Group, a,
            [new ProcessState(a, 900L, [new Transfer(5)]), new ProcessState(b, 2000L, []), new ProcessState(c, 100L, [])],
            [.. all.SelectMany(to => all.Where(from => inFlight.ContainsKey((from, to))).Select(from => new ChannelState(from, to, inFlight[(from, to)])))],
            all.Length * all.Length,
            Taken, Taken);
    }

    private static Handled Stashed(long amount) => new("deadLetters", new Transfer(amount));

    private async Task<Handled[]> LogAsync(IActorRef account) => await account.Ask<Handled[]>(new GetLog(), RemainingOrDefault);

    /// <summary>Snapshots of a running bank until one has money in flight.</summary>
    private static async Task<GlobalSnapshot> InFlightSnapshotAsync(GlobalSnapshots snapshots)
    {
        for (var i = 0; i < 200; i++)
        {
            var snapshot = await snapshots.TakeAsync(Account.Group);
            if (Account.InFlight(snapshot) > 0)
                return snapshot;
        }
        throw new InvalidOperationException("200 snapshots of a busy bank caught no money in flight");
    }

    /// <summary>
    /// Restores <paramref name="snapshot"/> with an actor of the props <paramref name="propsOf"/> gives for each participant
    /// (none when null), expecting the restore to fail; returns its exception once every actor created is known stopped.
    /// </summary>
    private async Task<RestoreFailedException> FailedRestoreAsync(GlobalSnapshot snapshot, Func<RestoringParticipant, Props?> propsOf)
    {
        var created = new List<IActorRef>();
        var error = await Assert.ThrowsAsync<RestoreFailedException>(() => Snapshots.RestoreAsync(snapshot, p =>
        {
            if (propsOf(p) is not { } props)
                return null!;
            var actor = Sys.ActorOf(props, p.Name);
            created.Add(actor);
            return actor;
        }));
        foreach (var actor in created)
        {
            Watch(actor);
            await ExpectTerminatedAsync(actor);
        }
        Assert.Empty(await Snapshots.ParticipantsAsync(Account.Group));
        return error;
    }

    /// <summary>A failed restore left the group empty: the same snapshot restores.</summary>
    private async Task RestoresAfterwardsAsync(GlobalSnapshot snapshot)
    {
        var restored = await Snapshots.RestoreAsync(snapshot, p => Sys.ActorOf(RestoredAccount.Props((long)p.State!, p.Ticket), $"{p.Name}-again"));
        Assert.Equal(Account.Money(snapshot), Account.Money(await Snapshots.TakeAsync(Account.Group)));
        Assert.Equal(3, restored.Participants.Count);
    }
}

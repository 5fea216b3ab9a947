using Akka.Actor;
using Akka.TestKit.Xunit2;
using Snapshot.Analysis;
using Snapshot.Cli.Deadlock;
using Snapshot.Runtime.Participants;
using Snapshot.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Analysis;

/// <summary>
/// The demo's lock and lock user, with a snapshot cut while lock 2's grant to A is on its way, recorded on the
/// channel lock-2 → A. Lock 2 runs on a one-thread dispatcher that a blocker holds, so its mailbox stands still
/// until A has recorded; an observer participant, telling only A, starts the snapshot and says when it has.
/// </summary>
public sealed class GrantInFlightSpec(ITestOutputHelper output) : TestKit(HeldThread, output)
{
    private const string HeldThread = """
        held-thread {
          type = ForkJoinDispatcher
          throughput = 100
          dedicated-thread-pool.thread-count = 1
        }
        """;

    [Fact]
    public async Task A_grant_recorded_in_flight_is_no_deadlock()
    {
        var lock1 = Sys.ActorOf(LockActor.Props("lock 1"), "lock-1");
        var lock2 = Sys.ActorOf(LockActor.Props("lock 2").WithDispatcher("held-thread"), "lock-2");
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker()).WithDispatcher("held-thread"), "blocker");
        var a = Sys.ActorOf(LockUser.Props(), "A");
        var recorded = CreateTestProbe();
        var observer = Sys.ActorOf(Props.Create(() => new Observer(a, recorded.Ref)), "observer");
        await GlobalSnapshots.Get(Sys).WaitForLocalParticipantsAsync(4, DeadlockRun.Group);
        Assert.Equal("A holds lock 1", (await a.Ask<LockOutcome>(new Take(lock1, "lock 1"))).ToString());

        using var gate = new Gate();
        blocker.Tell(new Block(gate, TestActor));
        ExpectMsg<Blocked>();
        // A's request waits in lock 2's mailbox; A handles this Take before the observer's marker, told after it.
        var granted = a.Ask<LockOutcome>(new Take(lock2, "lock 2"));
        var taking = GlobalSnapshots.Get(Sys).TakeAsync(DeadlockRun.Group, initiator: observer);
        recorded.ExpectMsg<Recorded>();
        await observer.Ask<Ready>(new Ready()); // answered after the recording step: the marker to A is queued
        gate.Open(); // lock 2 grants A, then takes the first marker, which A sent after it recorded
        var snapshot = await taking;

        Assert.Equal("A holds lock 2", (await granted).ToString());
        Assert.Equal([new Granted("lock 2")], snapshot.Channels.Single(c => c.From.Equals(lock2) && c.To.Equals(a)).Messages);
        Assert.Equal("holds lock 1; waits for lock 2", $"{snapshot.Processes.Single(p => p.Participant.Equals(a)).State}");
        Assert.Equal("held by A", $"{snapshot.Processes.Single(p => p.Participant.Equals(lock2)).State}");
        var report = Deadlocks.Find(snapshot);
        Assert.Equal(["lock 2 in flight lock-2 → A"], report.Handovers.Select(h => h.ToString()));
        Assert.Empty(report.WaitsFor);
        Assert.Empty(report.Cycles);
        // Read without the grant, the same states would have A wait for a lock its manager says A holds.
        var withoutHandovers = Deadlocks.Find(snapshot, p => p.State is IResourceState state ? state.ResourceClaims(p.Participant) : [], _ => null);
        Assert.Equal(["A →(lock 2)→ A"], withoutHandovers.Cycles.Select(c => c.ToString()));
    }

    private sealed record Recorded;

    private sealed record Ready;

    /// <summary>Not a participant: holds the one thread of <c>held-thread</c> while its gate is closed.</summary>
    private sealed class Blocker : ReceiveActor
    {
        public Blocker() => Receive<Block>(block => block.Gate.Pass(() => block.NotifyTo.Tell(new Blocked(Self))));
    }

    /// <summary>A participant that tells only A, and says when it records; its state is nothing.</summary>
    private sealed class Observer : SnapshotReceiveActor
    {
        private readonly IActorRef _recorded;

        public Observer(IActorRef a, IActorRef recorded) : base(DeadlockRun.Group, channels: [a])
        {
            _recorded = recorded;
            Receive<Ready>(ready => Sender.Tell(ready));
        }

        protected override object? CaptureState()
        {
            _recorded.Tell(new Recorded());
            return null;
        }
    }
}

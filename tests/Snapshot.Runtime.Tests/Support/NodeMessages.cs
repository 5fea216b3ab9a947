using Akka.Actor;

namespace Snapshot.Runtime.Tests.Support;

/// <summary>Money arriving at a participant; <paramref name="Note"/> says where it came from, so a test can tell messages apart.</summary>
/// <param name="Acknowledge">When true the receiver answers its sender with <see cref="Credited"/> (for an Ask).</param>
public sealed record Credit(long Amount, string Note, bool Acknowledge = false);

/// <summary>The answer to a <see cref="Credit"/> that asked for one.</summary>
public sealed record Credited(string Note);

/// <summary>A test's order to a participant: take <paramref name="Amount"/> off your balance and tell <paramref name="To"/> a <see cref="Credit"/>.</summary>
public sealed record PayTo(IActorRef To, long Amount, string Note);

/// <summary>Tell <paramref name="To"/> the message <paramref name="Message"/> (for a non-participant relaying an external input).</summary>
public sealed record Relay(IActorRef To, object Message);

/// <summary>Wait inside this handler until <paramref name="Gate"/> opens; tell <paramref name="NotifyTo"/> <see cref="Blocked"/> once inside.</summary>
/// <param name="StopAfterwards">Stop once the gate opens, before handling anything queued behind: a stop from
/// within is a system message to itself, which goes before the mailbox's other messages.</param>
public sealed record Block(Gate Gate, IActorRef NotifyTo, bool StopAfterwards = false);

/// <summary>The actor is inside its <see cref="Block"/> handler: its mailbox now only grows.</summary>
public sealed record Blocked(IActorRef Actor);

/// <summary>Answered with <see cref="Recording"/>: is the participant's snapshot helper recording any channel?</summary>
public sealed record GetRecording;

public sealed record Recording(bool IsRecording);

/// <summary>Answered with the participant's current balance, a <see cref="long"/>.</summary>
public sealed record GetBalance;

/// <summary>Makes the participant throw, so that its supervisor restarts it.</summary>
public sealed record Crash;

/// <summary>Starts a timer that tells the participant itself <paramref name="Message"/> at once (a timer message has no sender).</summary>
public sealed record ArmTimer(object Message);

using Akka.Actor;

namespace Snapshot.Restore;

/// <summary>What a restore's factory is given for each participant of the snapshot, to create its new instance.</summary>
/// <param name="Recorded">The participant as the snapshot names it: its path, on a node that may no longer exist.</param>
/// <param name="State">What the participant's <c>CaptureState</c> returned when it recorded.</param>
/// <param name="Ticket">To pass to the new actor's participant base class, so that it holds all traffic until its replay arrives.</param>
public sealed record RestoringParticipant(IActorRef Recorded, object? State, RestoreTicket Ticket)
{
    /// <summary>The recorded actor's name, to name the new one after it.</summary>
    public string Name => Recorded.Path.Name;

    /// <summary>The node the participant lived on when it recorded.</summary>
    public Address Node => Recorded.Path.Address;
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;

namespace Snapshot.Runtime.Diagnostics;

/// <summary>The extension's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, shared by every ActorSystem of the process.</summary>
internal static class Instrumentation
{
    private static readonly string? Version = typeof(Instrumentation).Assembly.GetName().Version?.ToString();

    public static readonly Meter Meter = new(SnapshotTelemetry.MeterName, Version);

    public static readonly ActivitySource Source = new(SnapshotTelemetry.ActivitySourceName, Version);

    /// <summary>
    /// Starts a span under <paramref name="parent"/> (a root when it has none), leaving <see cref="Activity.Current"/> as
    /// it was: spans here outlive the actor message that starts them, and the dispatcher thread goes on to other actors.
    /// </summary>
    public static Activity? StartDetached(string name, ActivityContext parent, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var current = Activity.Current;
        // Whatever another actor left current on this thread is no parent of a snapshot's span.
        Activity.Current = null;
        try
        {
            return Source.StartActivity(name, ActivityKind.Internal, parent, tags);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Stops a span started by <see cref="StartDetached"/>, leaving <see cref="Activity.Current"/> as it was.</summary>
    public static void StopDetached(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }

    /// <summary>An actor as tags name it: its path with its node's address and no uid, the same string on every node.</summary>
    /// <param name="system">The ActorSystem whose ref <paramref name="actor"/> is: its own actors' paths carry no address.</param>
    public static string PathOf(IActorRef actor, ActorSystem system) =>
        actor.Path.Address.HasGlobalScope ? actor.Path.ToString() : actor.Path.ToStringWithAddress(((ExtendedActorSystem)system).Provider.DefaultAddress);
}

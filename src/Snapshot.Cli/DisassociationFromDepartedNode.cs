using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Snapshot.Cli;

/// <summary>
/// Akka.Remote's warning and error, stack trace and all, that its association to a node has dropped, when either end is
/// leaving the cluster or no longer in it. A node that leaves shuts its remoting down and says goodbye on each
/// association, but the goodbye races the connection's closing (Akka.Remote sends it after it stops the endpoint and
/// before it closes the transport): on a busy machine the other end sees a dropped connection, and reports a node that
/// left on purpose, like a <c>take</c> client, as a failure. Between two members that are up, the drop is a failure.
/// </summary>
public static partial class DisassociationFromDepartedNode
{
    /// <summary>True when <paramref name="logged"/> is that report, and <paramref name="system"/> or the node at the other end has left or is leaving.</summary>
    public static bool Describes(LogEvent logged, ActorSystem system)
    {
        // Akka.Remote keeps EndpointDisassociatedException internal: known by its name.
        var disassociated = logged switch
        {
            Error error => error.Cause?.GetType().Name == "EndpointDisassociatedException",
            Warning warning => warning.Message?.ToString()?.Contains("Akka.Remote.EndpointDisassociatedException") == true,
            _ => false,
        };
        if (!disassociated || ((ExtendedActorSystem)system).Provider is not IClusterActorRefProvider)
            return false;
        // Remoting's endpoint actors are named after the remote address, escaped: reliableEndpointWriter-akka.tcp%3A%2F%2F…-1.
        var endpoint = EndpointName().Match(logged.LogSource ?? "");
        if (!endpoint.Success || !ActorPath.TryParseAddress(Uri.UnescapeDataString(endpoint.Groups["address"].Value), out var address))
            return false;
        var cluster = Cluster.Get(system);
        // A node that has left keeps its last view of the others, all up, until its ActorSystem stops.
        if (cluster.IsTerminated || Departing(cluster.SelfMember))
            return true;
        var member = cluster.State.Members.FirstOrDefault(m => m.Address.Equals(address));
        return member is null || Departing(member);
    }

    private static bool Departing(Member member) => member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed;

    [GeneratedRegex(@"/reliableEndpointWriter-(?<address>[^/]+)-\d+(/|$)")]
    private static partial Regex EndpointName();
}

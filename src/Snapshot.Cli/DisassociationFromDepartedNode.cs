using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Snapshot.Cli;

/// <summary>
/// Akka.Remote's warning and error, stack trace and all, that its association to a node has dropped, when that node is
/// leaving the cluster or no longer in it. A node that leaves shuts its remoting down and says goodbye on each
/// association, but the goodbye races the connection's closing (Akka.Remote sends it after it stops the endpoint and
/// before it closes the transport): on a busy machine the other nodes see a dropped connection, and report a node that
/// left on purpose, like a <c>take</c> client, as a failure. A member that is up when its association drops has not left.
/// </summary>
public static partial class DisassociationFromDepartedNode
{
    /// <summary>True when <paramref name="logged"/> is that report, about a node <paramref name="system"/>'s cluster no longer counts as up.</summary>
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
        var member = Cluster.Get(system).State.Members.FirstOrDefault(m => m.Address.Equals(address));
        return member is null || member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed;
    }

    [GeneratedRegex(@"/reliableEndpointWriter-(?<address>[^/]+)-\d+(/|$)")]
    private static partial Regex EndpointName();
}

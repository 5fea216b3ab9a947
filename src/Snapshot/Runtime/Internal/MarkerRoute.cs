using Akka.Actor;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// How one participant's markers reach its outgoing channels: told directly to each receiver on its own node, and as
/// one <see cref="NodeMarker"/> to the <see cref="MarkerFanOut"/> of each other node with receivers, which tells them
/// there. Built once per layout, like the participant's process.
/// </summary>
internal sealed class MarkerRoute(IReadOnlyList<IActorRef> outgoing, IActorRefProvider provider)
{
    /// <summary>Receivers on the participant's own node.</summary>
    public IActorRef[] Local { get; } = [.. outgoing.Where(to => !to.Path.Address.HasGlobalScope)];

    /// <summary>The fan-outs of the other nodes with receivers, one per node.</summary>
    public IActorRef[] Nodes { get; } =
        [.. outgoing.Select(to => to.Path.Address).Where(node => node.HasGlobalScope).Distinct().Select(node => MarkerFanOut.At(provider, node))];
}

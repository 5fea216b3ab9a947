using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// The channel layouts this node knows, by id: its own coordinator's, and those the coordinators of other nodes
/// shared with it before starting snapshots over them. Markers and initiates name their layout by id only, so what
/// grows with the group crosses the network once per membership change instead of with every marker; the
/// serializer resolves the id here, on whichever thread reads the message.
/// <para>
/// A coordinator says, with each layout it shares, which of its earlier layouts of the group its running
/// snapshots still use; the others are dropped, so a node keeps a few layouts per coordinator and group.
/// </para>
/// </summary>
internal sealed class LayoutRegistry : IExtension
{
    private readonly Dictionary<Guid, ChannelLayout> _byId = [];
    // By the node of the coordinator too, so that a node's layouts go when it leaves the cluster.
    private readonly Dictionary<(Address Node, string Coordinator, string Group), HashSet<Guid>> _byOwner = [];
    private readonly Lock _lock = new();

    public static LayoutRegistry Get(ActorSystem system) => system.WithExtension<LayoutRegistry, LayoutRegistryProvider>();

    /// <summary>The layout with <paramref name="id"/>, or null when this node was never given it (or has dropped it).</summary>
    public ChannelLayout? Find(Guid id)
    {
        lock (_lock)
            return _byId.GetValueOrDefault(id);
    }

    /// <summary>
    /// <paramref name="node"/> was removed from the cluster: the layouts its coordinators shared go. Nothing it started
    /// can still need them here: its snapshots spanning this node failed when it left, and a node that comes back at the
    /// same address is a new incarnation, with a coordinator (and layouts) of its own. Without this, every restart of a
    /// node would leave its last layout of each group, every member of the group, on every other node for good.
    /// </summary>
    public void Forget(Address node)
    {
        lock (_lock)
        {
            foreach (var owner in _byOwner.Keys.Where(owner => owner.Node == node).ToArray())
            {
                foreach (var id in _byOwner[owner])
                    _byId.Remove(id);
                _byOwner.Remove(owner);
            }
        }
    }

    /// <summary>The sizes of what it keeps: the layouts, and the owners (coordinator and group) they are kept for.</summary>
    public IEnumerable<TableSize> TableSizes()
    {
        lock (_lock)
            return [new("node.layouts", _byId.Count), new("node.layout-owners", _byOwner.Count)];
    }

    /// <summary>
    /// Keeps <paramref name="layout"/>, the newest of <paramref name="coordinator"/>'s layouts of <paramref name="group"/>,
    /// and of its earlier ones those in <paramref name="stillUsed"/>.
    /// </summary>
    public void Add(IActorRef coordinator, string group, ChannelLayout layout, IEnumerable<Guid> stillUsed)
    {
        var owner = (coordinator.Path.Address, Akka.Serialization.Serialization.SerializedActorPath(coordinator), group);
        lock (_lock)
        {
            var kept = new HashSet<Guid>(stillUsed) { layout.Id };
            if (_byOwner.TryGetValue(owner, out var known))
            {
                foreach (var dropped in known.Where(id => !kept.Contains(id)))
                    _byId.Remove(dropped);
            }
            _byOwner[owner] = kept;
            _byId[layout.Id] = layout;
        }
    }
}

internal sealed class LayoutRegistryProvider : ExtensionIdProvider<LayoutRegistry>
{
    public override LayoutRegistry CreateExtension(ExtendedActorSystem system) => new();
}

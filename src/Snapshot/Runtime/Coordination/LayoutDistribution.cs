using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Coordination;

/// <summary>
/// Which nodes hold which of this coordinator's layouts, and which have been asked to. A snapshot starts only once
/// every node with members of it holds its layout, so a layout crosses the network once per node and membership
/// change, and no marker or initiate ever reaches a node that cannot read the layout it names.
/// </summary>
internal sealed class LayoutDistribution
{
    private readonly Dictionary<Guid, Shares> _layouts = [];
    private readonly Dictionary<string, HashSet<Guid>> _byGroup = [];

    /// <summary>Of <paramref name="nodes"/>, those that do not hold <paramref name="layout"/> yet.</summary>
    public IReadOnlyCollection<Address> Lacking(Guid layout, IEnumerable<Address> nodes) =>
        _layouts.TryGetValue(layout, out var shares) ? [.. nodes.Where(n => !shares.Held.Contains(n))] : [.. nodes];

    /// <summary>The sizes of what it keeps: the layouts it tracks, their ids by group, and the nodes asked or holding them.</summary>
    public IEnumerable<TableSize> TableSizes() =>
    [
        new("distribution.layouts", _layouts.Count),
        new("distribution.by-group", _byGroup.Values.Sum(ids => ids.Count)),
        new("distribution.nodes", _layouts.Values.Sum(shares => shares.Held.Count + shares.Asked.Count)),
    ];

    /// <summary>Marks <paramref name="layout"/> as asked of <paramref name="node"/>; false when it had been asked already.</summary>
    public bool Ask(string group, Guid layout, Address node)
    {
        if (!_layouts.TryGetValue(layout, out var shares))
        {
            _layouts[layout] = shares = new Shares();
            (_byGroup.TryGetValue(group, out var ids) ? ids : _byGroup[group] = []).Add(layout);
        }
        return shares.Asked.Add(node);
    }

    /// <summary><paramref name="node"/> confirmed it holds <paramref name="layout"/>; false for a layout no longer followed.</summary>
    public bool Confirm(Guid layout, Address node) => _layouts.TryGetValue(layout, out var shares) && shares.Held.Add(node);

    /// <summary>Forgets the layouts of <paramref name="group"/> other than <paramref name="kept"/>: no snapshot will use them again.</summary>
    public void Keep(string group, IReadOnlySet<Guid> kept)
    {
        if (!_byGroup.TryGetValue(group, out var ids))
            return;
        foreach (var id in ids.Where(id => !kept.Contains(id)).ToArray())
        {
            ids.Remove(id);
            _layouts.Remove(id);
        }
    }

    /// <summary>A node that left: if one comes back at its address, it is a new ActorSystem that holds nothing.</summary>
    public void Forget(Address node)
    {
        foreach (var shares in _layouts.Values)
        {
            shares.Held.Remove(node);
            shares.Asked.Remove(node);
        }
    }

    private sealed class Shares
    {
        public HashSet<Address> Held { get; } = [];

        public HashSet<Address> Asked { get; } = [];
    }
}

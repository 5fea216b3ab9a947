namespace Snapshot.Algorithm;

/// <summary>
/// Who is in a snapshot, or in a list of a group's participants: a coordinator gathers the members its own node has
/// and asks every other node that can answer for theirs. A request is complete once every node asked has answered or
/// can no longer answer (its members then take no part); it fails when the question may have been lost on the way.
/// Members come out ordered by node (this node's first, then by <c>order</c>), each node's as it sent them.
/// Pure: the driver sends the questions, keeps the time and tells what arrived.
/// </summary>
public sealed class MemberGathering<TNode, TMember>(IComparer<TNode> order)
    where TNode : notnull
{
    private readonly Dictionary<Guid, Request> _requests = [];

    /// <summary>How many requests are still waiting for answers.</summary>
    public int Count => _requests.Count;

    /// <summary>Starts request <paramref name="request"/>: this node's <paramref name="local"/> members, and the nodes to ask.</summary>
    /// <returns>The members, when no other node is asked; null while answers are awaited.</returns>
    /// <exception cref="ArgumentException">The request is already gathering.</exception>
    public IReadOnlyList<TMember>? Begin(Guid request, IReadOnlyList<TMember> local, IEnumerable<TNode> asked)
    {
        var gathering = new Request(local, [.. asked], order);
        if (gathering.IsComplete)
            return local;
        _requests.Add(request, gathering);
        return null;
    }

    public bool IsGathering(Guid request) => _requests.ContainsKey(request);

    /// <summary>The nodes request <paramref name="request"/> still waits for; empty when it is not gathering.</summary>
    public IReadOnlyCollection<TNode> Awaited(Guid request) => _requests.TryGetValue(request, out var gathering) ? gathering.Awaited : [];

    /// <summary>The answer of <paramref name="node"/> to <paramref name="request"/>.</summary>
    /// <param name="complete">The members of every node, once this was the last answer awaited.</param>
    /// <returns>False when the request is not gathering: it ended before this answer came.</returns>
    public bool Answer(Guid request, TNode node, IReadOnlyList<TMember> members, out IReadOnlyList<TMember>? complete)
    {
        complete = null;
        if (!_requests.TryGetValue(request, out var gathering))
            return false;
        gathering.Add(node, members);
        complete = CompleteIfDone(request, gathering);
        return true;
    }

    /// <summary>
    /// <paramref name="node"/> can no longer answer (it became unreachable or left): its members take no part in what is
    /// being gathered.
    /// </summary>
    /// <returns>The requests this completed, with their members.</returns>
    public IReadOnlyList<(Guid Request, IReadOnlyList<TMember> Members)> NodeLost(TNode node)
    {
        var completed = new List<(Guid, IReadOnlyList<TMember>)>();
        foreach (var (request, gathering) in _requests.Where(r => r.Value.Awaited.Contains(node)).ToArray())
        {
            gathering.Drop(node);
            if (CompleteIfDone(request, gathering) is { } members)
                completed.Add((request, members));
        }
        return completed;
    }

    /// <summary>
    /// The association between this node and <paramref name="node"/> dropped: a question asked or an answer sent on it may
    /// be lost, so the requests waiting for that node fail now instead of waiting for their timeout.
    /// </summary>
    /// <returns>The requests that failed.</returns>
    public IReadOnlyList<Guid> AssociationLost(TNode node)
    {
        var failed = _requests.Where(r => r.Value.Awaited.Contains(node)).Select(r => r.Key).ToArray();
        foreach (var request in failed)
            _requests.Remove(request);
        return failed;
    }

    /// <summary>
    /// Members of <paramref name="node"/> for which <paramref name="gone"/> holds stopped: they leave every answer
    /// <paramref name="node"/> already gave. Answers it gives from now on leave them out themselves.
    /// </summary>
    public void Remove(TNode node, Func<TMember, bool> gone)
    {
        foreach (var gathering in _requests.Values)
            gathering.Remove(node, gone);
    }

    /// <summary>Request <paramref name="request"/> ran out of time, or its caller gave up: it ends.</summary>
    /// <returns>The nodes that had not answered; null when it was not gathering.</returns>
    public IReadOnlyCollection<TNode>? End(Guid request) => _requests.Remove(request, out var gathering) ? gathering.Awaited : null;

    private IReadOnlyList<TMember>? CompleteIfDone(Guid request, Request gathering)
    {
        if (!gathering.IsComplete)
            return null;
        _requests.Remove(request);
        return gathering.Members;
    }

    private sealed class Request(IReadOnlyList<TMember> local, HashSet<TNode> awaited, IComparer<TNode> order)
    {
        private readonly SortedDictionary<TNode, IReadOnlyList<TMember>> _byNode = new(order);

        public IReadOnlyCollection<TNode> Awaited => awaited;

        public bool IsComplete => awaited.Count == 0;

        public IReadOnlyList<TMember> Members => _byNode.Count == 0 ? local : [.. local, .. _byNode.Values.SelectMany(m => m)];

        public void Add(TNode node, IReadOnlyList<TMember> members)
        {
            if (awaited.Remove(node))
                _byNode[node] = members;
        }

        public void Drop(TNode node) => awaited.Remove(node);

        public void Remove(TNode node, Func<TMember, bool> gone)
        {
            if (_byNode.TryGetValue(node, out var members) && members.Any(gone))
                _byNode[node] = [.. members.Where(member => !gone(member))];
        }
    }
}

using Akka.Actor;

namespace Snapshot.Analysis;

/// <summary>
/// Every elementary cycle of a wait-for graph, each once, starting at its first participant in
/// <see cref="ParticipantOrder"/>. The search runs inside each strongly connected component only, so participants
/// that merely wait in a chain cost one visit; a component whose participants each wait for several others can
/// hold many cycles, and all are listed.
/// </summary>
public static class CycleSearch
{
    public static IReadOnlyList<DeadlockCycle> Find(IReadOnlyList<WaitEdge> edges)
    {
        var nodes = edges.SelectMany(e => new[] { e.Waiter, e.Holder }).Distinct().Order(ParticipantOrder.Instance).ToArray();
        var index = nodes.Select((node, i) => (node, i)).ToDictionary(x => x.node, x => x.i);
        var component = Components(nodes.Length, edges.Select(e => (index[e.Waiter], index[e.Holder])).ToArray());
        // Only edges inside a component can lie on a cycle; sorted by target, so cycles come out in participant order.
        var next = edges
            .Where(e => component[index[e.Waiter]] == component[index[e.Holder]])
            .ToLookup(e => index[e.Waiter]);
        var cycles = new List<DeadlockCycle>();
        var path = new List<WaitEdge>();
        var onPath = new bool[nodes.Length];
        for (var start = 0; start < nodes.Length; start++)
            Extend(start, start);
        return cycles;

        // Extends the path from start through nodes after start only: a cycle through an earlier node was found from it.
        void Extend(int start, int at)
        {
            onPath[at] = true;
            foreach (var edge in next[at].OrderBy(e => index[e.Holder]))
            {
                var to = index[edge.Holder];
                if (to == start)
                    cycles.Add(new DeadlockCycle([.. path, edge]));
                else if (to > start && !onPath[to])
                {
                    path.Add(edge);
                    Extend(start, to);
                    path.RemoveAt(path.Count - 1);
                }
            }
            onPath[at] = false;
        }
    }

    /// <summary>Tarjan's strongly connected components: the component number of each node.</summary>
    private static int[] Components(int count, (int From, int To)[] edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var component = Enumerable.Repeat(-1, count).ToArray();
        var order = Enumerable.Repeat(-1, count).ToArray();
        var low = new int[count];
        var stack = new Stack<int>();
        var onStack = new bool[count];
        var visited = 0;
        var components = 0;
        for (var node = 0; node < count; node++)
        {
            if (order[node] < 0)
                Visit(node);
        }
        return component;

        void Visit(int node)
        {
            order[node] = low[node] = visited++;
            stack.Push(node);
            onStack[node] = true;
            foreach (var to in next[node])
            {
                if (order[to] < 0)
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack[to])
                    low[node] = Math.Min(low[node], order[to]);
            }
            if (low[node] != order[node])
                return;
            int member;
            do
            {
                member = stack.Pop();
                onStack[member] = false;
                component[member] = components;
            }
            while (member != node);
            components++;
        }
    }
}

using Snapshot.Runtime;

namespace Snapshot.Analysis;

/// <summary>
/// Garbage detection on a consistent snapshot: an object is alive when a root reaches it through references; the
/// roots are what participants use directly (<see cref="IObjectStore.Roots"/>), what messages on their way carry
/// (<see cref="IObjectReferences"/>, in flight or stashed), and what the caller declares. On a consistent cut an
/// object nothing reaches cannot be reached again, as no one holds a reference to pass on: it is garbage.
/// </summary>
public static class Garbage
{
    /// <param name="declaredRoots">Ids alive whatever references them: names published outside the snapshot's group.</param>
    public static GarbageReport Find(GlobalSnapshot snapshot, IEnumerable<string>? declaredRoots = null)
    {
        var stores = snapshot.Processes.Where(p => p.State is IObjectStore).Select(p => (p.Participant, Store: (IObjectStore)p.State!)).ToArray();
        // An id two participants claim is counted once, as the first one's (snapshot order).
        var objects = stores
            .SelectMany(s => s.Store.Objects.Select(o => (Object: o, Owner: s.Participant)))
            .DistinctBy(o => o.Object.Id)
            .ToDictionary(o => o.Object.Id);
        var roots = stores.SelectMany(s => s.Store.Roots)
            .Concat(PendingMessage.Of(snapshot).Select(p => p.Message).OfType<IObjectReferences>().SelectMany(m => m.References))
            .Concat(declaredRoots ?? []);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var toVisit = new Stack<string>(roots);
        while (toVisit.TryPop(out var id))
        {
            if (!reached.Add(id) || !objects.TryGetValue(id, out var found))
                continue;
            foreach (var reference in found.Object.References)
                toVisit.Push(reference);
        }
        UnreachableObject[] unreachable =
        [
            .. objects.Values
                .Where(o => !reached.Contains(o.Object.Id))
                .OrderBy(o => o.Object.Id, StringComparer.Ordinal)
                .Select(o => new UnreachableObject(o.Object.Id, o.Owner)),
        ];
        return new GarbageReport(objects.Count, objects.Count - unreachable.Length, unreachable);
    }
}

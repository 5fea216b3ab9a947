using Snapshot.Analysis;
using Snapshot.Tests.Chaos;

namespace Snapshot.Tests.Analysis;

public sealed class GarbageTests(NamedRefs refs) : IClassFixture<NamedRefs>
{
    private sealed record Heap(IReadOnlyList<HeapObject> Objects, IReadOnlyList<string> Roots) : IObjectStore
    {
        IEnumerable<HeapObject> IObjectStore.Objects => Objects;

        IEnumerable<string> IObjectStore.Roots => Roots;
    }

    private sealed record Pass(params string[] Refs) : IObjectReferences
    {
        public IEnumerable<string> References => Refs;
    }

    private static HeapObject Object(string id, params string[] references) => new(id, references);

    [Fact]
    public void Objects_no_root_reaches_are_garbage_even_when_they_reference_each_other()
    {
        var report = Garbage.Find(new SnapshotBuilder(refs)
            // p's root a reaches b on q, which reaches c back on p; x and y only reference each other; z nothing.
            .Process("p", new Heap([Object("a", "b"), Object("c"), Object("x", "y"), Object("z")], ["a"]))
            .Process("q", new Heap([Object("b", "c"), Object("y", "x")], []))
            .Build());

        Assert.Equal(["x on p", "y on q", "z on p"], report.Unreachable.Select(o => o.ToString()));
        Assert.Equal((6, 3), (report.Objects, report.Reachable));
    }

    [Fact]
    public void A_reference_in_flight_or_stashed_keeps_its_object_and_what_it_reaches_alive()
    {
        var report = Garbage.Find(new SnapshotBuilder(refs)
            .Process("p", new Heap([Object("a", "b"), Object("b"), Object("c"), Object("d")], []), new Pass("c"))
            .Process("q", new Heap([], []))
            .Channel("p", "q", new Pass("a"), "not a reference")
            .Build());

        Assert.Equal(["d on p"], report.Unreachable.Select(o => o.ToString()));
    }

    [Fact]
    public void Declared_roots_are_alive_and_references_to_unknown_objects_are_ignored()
    {
        var report = Garbage.Find(new SnapshotBuilder(refs)
            .Process("p", new Heap([Object("a", "gone"), Object("b")], ["missing"]))
            .Process("q", 42L) // a participant without objects
            .Build(), declaredRoots: ["a"]);

        Assert.Equal(["b on p"], report.Unreachable.Select(o => o.ToString()));
    }
}

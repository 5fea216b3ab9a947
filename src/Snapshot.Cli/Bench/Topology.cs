namespace Snapshot.Cli.Bench;

/// <summary>A graph of participants for the latency runs: who tells whom.</summary>
public sealed record Topology(string Name, int Size)
{
    /// <summary>Every participant tells every participant, itself included: channels left undeclared.</summary>
    public static Topology Complete(int size) => new("complete", size);

    /// <summary>Each participant tells only its successor (and itself, a channel every participant keeps).</summary>
    public static Topology Ring(int size) => new("ring", size);

    public bool IsComplete => Name == "complete";

    /// <summary>The participants <paramref name="i"/> sends to, as the snapshot plan sees them: self included.</summary>
    public IEnumerable<int> OutgoingOf(int i) => IsComplete ? Enumerable.Range(0, Size) : i == (i + 1) % Size ? [i] : [(i + 1) % Size, i];

    /// <summary>How many channels come into each participant.</summary>
    public int IncomingCount => IsComplete ? Size : Math.Min(Size, 2);

    public long Channels => (long)Size * IncomingCount;

    public override string ToString() => $"{Name} {Size}";
}

using Snapshot.Algorithm;

namespace Snapshot.Simulation;

/// <summary>What travels on a simulated link.</summary>
public abstract record SimMessage;

/// <summary>An application message carrying tokens. <see cref="Id"/> is unique in a run, so a message can be traced.</summary>
public sealed record Token(long Id, long Amount) : SimMessage
{
    public override string ToString() => $"token({Amount})";
}

/// <summary>A Chandy–Lamport marker.</summary>
public sealed record Marker(SnapshotId Snapshot) : SimMessage
{
    public override string ToString() => $"marker({Snapshot})";
}

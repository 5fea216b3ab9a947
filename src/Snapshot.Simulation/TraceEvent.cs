using Snapshot.Algorithm;

namespace Snapshot.Simulation;

/// <summary>Something that happened in a run, at a step. A run's trace lists them in the order they happened.</summary>
public abstract record TraceEvent(long Time);

/// <summary>A message was put on link <c>From → To</c>, due at step <see cref="Due"/>.</summary>
public sealed record MessageSent(long Time, string From, string To, SimMessage Message, long Due) : TraceEvent(Time);

/// <summary>A message was taken off link <c>From → To</c> and handled by <c>To</c>.</summary>
public sealed record MessageDelivered(long Time, string From, string To, SimMessage Message) : TraceEvent(Time);

/// <summary>A server recorded its local state for a snapshot.</summary>
public sealed record StateRecorded(long Time, string Server, SnapshotId Snapshot, long Tokens) : TraceEvent(Time);

/// <summary>Every server has finished its part: the global snapshot is assembled.</summary>
public sealed record SnapshotCompleted(long Time, SnapshotId Snapshot) : TraceEvent(Time);

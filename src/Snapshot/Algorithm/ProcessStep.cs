namespace Snapshot.Algorithm;

/// <summary>
/// What the driver must do after handing an input to a <see cref="SnapshotProcess{TPeer,TMessage}"/>,
/// in this order:
/// <list type="number">
/// <item>if <see cref="RecordState"/>, capture the local state now, before the process handles any
/// other message: the state must include everything received before the marker and nothing after;</item>
/// <item>send a marker for <see cref="Snapshot"/> to each peer of <see cref="SendMarkersTo"/>, in that
/// order, before the process sends any application message, so that each marker follows on its
/// FIFO channel exactly the messages sent before the state was captured;</item>
/// <item>if <see cref="Completed"/> is set, this process's part is final: hand it, with the captured
/// state, to whoever assembles the global snapshot.</item>
/// </list>
/// </summary>
public readonly record struct ProcessStep<TPeer, TMessage>(
    SnapshotId Snapshot,
    bool RecordState,
    IReadOnlyList<TPeer> SendMarkersTo,
    LocalSnapshot<TPeer, TMessage>? Completed)
    where TPeer : notnull;

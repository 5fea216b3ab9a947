namespace Snapshot.Cli.Demo;

/// <summary>Where <c>demo --restore</c> gets its checkpoint: the local snapshot store in <see cref="Store"/>, and in it the snapshot <see cref="StoredId"/>, or a new one the demo takes and stores when that is null.</summary>
/// <param name="Store">The directory of the local snapshot store.</param>
/// <param name="StoredId">A stored snapshot of the bank, checked by <see cref="StoredCheckpoint.FindAsync"/>; null to run the bank and take one first.</param>
public sealed record RestoreSource(string Store, long? StoredId);

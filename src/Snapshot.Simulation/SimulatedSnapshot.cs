using Snapshot.Algorithm;

namespace Snapshot.Simulation;

/// <summary>
/// A completed snapshot of a simulated run: tokens per server and tokens in flight per channel, who
/// started it and the steps at which it started and completed.
/// </summary>
public sealed record SimulatedSnapshot(GlobalCut<string, long, Token> Cut, string Initiator, long StartedAt, long CompletedAt, long ExpectedTotal)
{
    public SnapshotId Id => Cut.Id;

    public long InServers => Cut.Processes.Sum(p => p.State);

    public long InFlight => Cut.Channels.Sum(c => c.Messages.Sum(m => m.Amount));

    public long Total => InServers + InFlight;

    /// <summary>No token was created or lost: the cut holds exactly the tokens the network started with.</summary>
    public bool IsConserved => Total == ExpectedTotal;
}

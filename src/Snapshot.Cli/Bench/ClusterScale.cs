namespace Snapshot.Cli.Bench;

/// <summary>
/// The bank of <see cref="Accounts"/> accounts, a complete group, on <see cref="Nodes"/> nodes under transfers, as
/// <c>bench scale</c> measures it: the payment chains in flight and the transfers they made, the snapshots taken back
/// to back (their latency, money, and whether each covered every account), the unreachable events the nodes saw, and
/// the protocol traffic between nodes per snapshot started.
/// </summary>
public sealed record ClusterScale(int Accounts, int Nodes, int Chains, Throughput Transfers, SnapshotSeries Snapshots, int UnreachableEvents, ProtocolCount Sent)
{
    public bool Conserved => Snapshots.ConservationViolations == 0;

    public bool Complete => Snapshots.Incomplete == 0;

    /// <summary>Failed snapshots sent protocol messages too, so the traffic is divided among every snapshot started.</summary>
    public double ProtocolMessagesPerSnapshot => Snapshots.Attempts == 0 ? 0 : (double)Sent.Messages / Snapshots.Attempts;

    public double ProtocolBytesPerSnapshot => Snapshots.Attempts == 0 ? 0 : (double)Sent.Bytes / Snapshots.Attempts;

    public object ToJson() => new
    {
        accounts = Accounts,
        nodes = Nodes,
        chains = Chains,
        transfers_per_s = Math.Round(Transfers.MessagesPerSecond),
        snapshots = Snapshots.Taken,
        failed = Snapshots.Failures,
        conserved = Conserved,
        complete = Complete,
        p50_ms = Math.Round(Snapshots.PercentileMs(0.5), 3),
        p99_ms = Math.Round(Snapshots.PercentileMs(0.99), 3),
        unreachable_events = UnreachableEvents,
        protocol_messages = Math.Round(ProtocolMessagesPerSnapshot, 1),
        protocol_bytes = Math.Round(ProtocolBytesPerSnapshot),
    };
}

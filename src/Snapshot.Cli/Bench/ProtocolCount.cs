using Akka.Actor;
using Snapshot.Runtime.Serialization;

namespace Snapshot.Cli.Bench;

/// <summary>
/// Snapshot protocol messages, and their bytes, that the nodes of a cluster serialized to send to one another:
/// markers, plans, parts, layouts. Payments and Akka's own traffic are not counted, nor anything between actors of
/// one node.
/// </summary>
public readonly record struct ProtocolCount(long Messages, long Bytes)
{
    /// <summary>What <paramref name="nodes"/> have sent so far, added up.</summary>
    public static ProtocolCount SentBy(IEnumerable<ActorSystem> nodes) =>
        nodes.Select(node => ProtocolTraffic.Of(node).Total())
            .Aggregate(new ProtocolCount(0, 0), (sum, sent) => new ProtocolCount(sum.Messages + sent.Messages, sum.Bytes + sent.Bytes));

    public static ProtocolCount operator -(ProtocolCount after, ProtocolCount before) =>
        new(after.Messages - before.Messages, after.Bytes - before.Bytes);
}

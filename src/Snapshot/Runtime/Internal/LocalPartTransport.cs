using Akka.Actor;
using Snapshot.Runtime.Coordination;
using Snapshot.Runtime.Serialization;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Carries a participant's finished part to its coordinator. On the coordinator's node the part is handed over as
/// an object. To a coordinator on another node it goes through the participant's own node's coordinator, which
/// batches the parts of its node's participants (<see cref="PartBatches"/>) and sends each batch serialized, in
/// pieces no larger than half the remote transport's frame, so that a batch with many recorded messages still
/// arrives instead of being dropped by the transport.
/// </summary>
internal static class LocalPartTransport
{
    private const string FrameSizeKey = "akka.remote.dot-netty.tcp.maximum-frame-size";
    private const long DefaultFrameSize = 128000;

    public static void Send(LocalPart part, SnapshotPlan plan, IActorRef ownCoordinator, IActorRef participant)
    {
        if (plan.Coordinator is IInternalActorRef { IsLocal: true })
            plan.Coordinator.Tell(part, participant);
        else
            ownCoordinator.Tell(new PartToSend(plan, part), participant);
    }

    /// <summary>The bytes of <paramref name="part"/>; null, with its coordinator told why, when it cannot be serialized.</summary>
    public static byte[]? Serialize(LocalPart part, SnapshotPlan plan, ActorSystem system)
    {
        try
        {
            return Serializer(system).Write(part);
        }
        catch (Exception e)
        {
            plan.Coordinator.Tell(new PartFailed(part.Id, part.Participant, SnapshotFailureReason.PartNotSerializable,
                $"the part of {part.Participant.Path} cannot be serialized: {e.Message}"), part.Participant);
            return null;
        }
    }

    /// <summary>Sends <paramref name="batch"/> to its snapshot's coordinator, in pieces, from <paramref name="source"/>, this node's coordinator.</summary>
    public static void Send(PartBatches.Batch batch, IActorRef source, ActorSystem system)
    {
        var bytes = Serializer(system).WritePartBatch(batch.Parts);
        var size = PieceSize(system);
        var count = Math.Max(1, (bytes.Length + size - 1) / size);
        for (var i = 0; i < count; i++)
            batch.Plan.Coordinator.Tell(new PartBatchChunk(batch.Plan.Id, source, batch.Number, i, count, bytes[(i * size)..Math.Min(bytes.Length, (i + 1) * size)]), source);
    }

    /// <summary>The parts a batch's pieces make up.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">They make no valid batch.</exception>
    public static IReadOnlyList<LocalPart> Read(ActorSystem system, byte[] bytes) => Serializer(system).ReadPartBatch(bytes);

    /// <summary>Half the remote transport's frame: the most bytes one piece carries.</summary>
    public static int PieceSize(ActorSystem system)
    {
        var config = system.Settings.Config;
        var frame = config.HasPath(FrameSizeKey) ? config.GetByteSize(FrameSizeKey) ?? DefaultFrameSize : DefaultFrameSize;
        return (int)Math.Max(1024, frame / 2);
    }

    private static SnapshotProtocolSerializer Serializer(ActorSystem system) =>
        (SnapshotProtocolSerializer)system.Serialization.FindSerializerForType(typeof(LocalPart));
}

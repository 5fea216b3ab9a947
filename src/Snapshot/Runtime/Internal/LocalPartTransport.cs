using Akka.Actor;
using Akka.Serialization;

namespace Snapshot.Runtime.Internal;

/// <summary>
/// Carries a participant's finished part to its coordinator. To a coordinator on another node the part
/// travels serialized, in pieces no larger than half the remote transport's frame, so that a part with many
/// recorded messages still arrives instead of being dropped by the transport.
/// </summary>
internal static class LocalPartTransport
{
    private const string FrameSizeKey = "akka.remote.dot-netty.tcp.maximum-frame-size";
    private const long DefaultFrameSize = 128000;

    public static void Send(LocalPart part, IActorRef coordinator, IActorRef participant, ActorSystem system)
    {
        if (coordinator is IInternalActorRef { IsLocal: true })
        {
            coordinator.Tell(part, participant);
            return;
        }
        byte[] bytes;
        try
        {
            bytes = Serializer(system).Write(part);
        }
        catch (Exception e)
        {
            coordinator.Tell(new PartFailed(part.Id, participant, SnapshotFailureReason.PartNotSerializable,
                $"the part of {participant.Path} cannot be serialized: {e.Message}"), participant);
            return;
        }
        var size = PieceSize(system);
        var count = Math.Max(1, (bytes.Length + size - 1) / size);
        for (var i = 0; i < count; i++)
            coordinator.Tell(new LocalPartChunk(part.Id, participant, i, count, bytes[(i * size)..Math.Min(bytes.Length, (i + 1) * size)]), participant);
    }

    /// <summary>The part the pieces make up.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">They make no valid part.</exception>
    public static LocalPart Read(ActorSystem system, byte[] bytes) =>
        (LocalPart)Serializer(system).FromBinary(bytes, Serialization.SnapshotProtocolSerializer.LocalPartManifest);

    private static Serialization.SnapshotProtocolSerializer Serializer(ActorSystem system) =>
        (Serialization.SnapshotProtocolSerializer)system.Serialization.FindSerializerForType(typeof(LocalPart));

    private static int PieceSize(ActorSystem system)
    {
        var config = system.Settings.Config;
        var frame = config.HasPath(FrameSizeKey) ? config.GetByteSize(FrameSizeKey) ?? DefaultFrameSize : DefaultFrameSize;
        return (int)Math.Max(1024, frame / 2);
    }
}

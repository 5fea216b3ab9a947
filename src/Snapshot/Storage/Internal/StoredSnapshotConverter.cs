using Akka.Actor;
using Snapshot.Runtime;

namespace Snapshot.Storage.Internal;

/// <summary>
/// Turns a <see cref="GlobalSnapshot"/> into the form it is stored in and back. States and messages keep the
/// serializers the application bound to them; refs are stored as full paths (with the actor's uid) and read back
/// as refs of the reading ActorSystem.
/// </summary>
internal static class StoredSnapshotConverter
{
    /// <exception cref="SnapshotStorageException">A state or message cannot be serialized; the message names it and its participant or channel.</exception>
    /// <param name="periodic">Stored by the periodic schedule.</param>
    public static StoredSnapshot ToStored(GlobalSnapshot snapshot, bool periodic, ExtendedActorSystem system)
    {
        var paths = new List<string>();
        var indexes = new Dictionary<IActorRef, int>();
        int IndexOf(IActorRef actor)
        {
            if (!indexes.TryGetValue(actor, out var index))
            {
                index = paths.Count;
                indexes.Add(actor, index);
                paths.Add(Akka.Serialization.Serialization.SerializedActorPath(actor));
            }
            return index;
        }
        StoredPayload Serialize(object payload, Func<string> what)
        {
            try
            {
                var serializer = system.Serialization.FindSerializerFor(payload);
                return new StoredPayload(serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, payload), serializer.ToBinary(payload));
            }
            catch (Exception e)
            {
                throw new SnapshotStorageException(
                    $"cannot store snapshot {snapshot.Id} of group '{snapshot.Group}': {what()} ({payload.GetType().FullName}) cannot be serialized: {e.Message}", e);
            }
        }

        var processes = snapshot.Processes.Select(p => new StoredProcess(
            IndexOf(p.Participant),
            p.State is null ? null : Serialize(p.State, () => $"the state of {p.Participant.Path}"),
            [.. p.Stashed.Select((m, i) => Serialize(m, () => $"stashed message {i + 1} of {p.Participant.Path}"))])).ToArray();
        var channels = snapshot.Channels.Select(c => new StoredChannel(
            IndexOf(c.From),
            IndexOf(c.To),
            [.. c.Messages.Select((m, i) => Serialize(m, () => $"message {i + 1} on the channel {c.From.Path} → {c.To.Path}"))])).ToArray();
        int? initiator = snapshot.Initiator is null ? null : IndexOf(snapshot.Initiator);
        return new StoredSnapshot(snapshot.Id, snapshot.Group, paths, initiator, processes, channels, snapshot.ChannelCount, snapshot.StartedAt, snapshot.CompletedAt, periodic);
    }

    /// <exception cref="SnapshotStorageException">A ref or a payload cannot be read back; the message names it.</exception>
    public static GlobalSnapshot ToGlobalSnapshot(StoredSnapshot stored, long storedId, ExtendedActorSystem system)
    {
        var refs = stored.Paths.Select(path => Resolve(path, storedId, system)).ToArray();
        IActorRef Ref(int index) => index >= 0 && index < refs.Length
            ? refs[index]
            : throw new SnapshotStorageException($"stored snapshot {storedId} is corrupt: it names actor {index} of {refs.Length}");
        object Deserialize(StoredPayload payload, Func<string> what)
        {
            try
            {
                return system.Serialization.Deserialize(payload.Bytes, payload.SerializerId, payload.Manifest);
            }
            catch (Exception e)
            {
                throw new SnapshotStorageException(
                    $"cannot read stored snapshot {storedId}: {what()} cannot be deserialized by serializer {payload.SerializerId} (manifest [{payload.Manifest}]): {e.Message}", e);
            }
        }

        var processes = stored.Processes.Select(p =>
        {
            var participant = Ref(p.Participant);
            return new ProcessState(
                participant,
                p.State is null ? null : Deserialize(p.State, () => $"the state of {participant.Path}"),
                [.. p.Stashed.Select((m, i) => Deserialize(m, () => $"stashed message {i + 1} of {participant.Path}"))]);
        }).ToArray();
        var channels = stored.Channels.Select(c =>
        {
            var (from, to) = (Ref(c.From), Ref(c.To));
            return new ChannelState(from, to, [.. c.Messages.Select((m, i) => Deserialize(m, () => $"message {i + 1} on the channel {from.Path} → {to.Path}"))]);
        }).ToArray();
        var initiator = stored.Initiator is { } index ? Ref(index) : null;
        return new GlobalSnapshot(stored.SnapshotId, stored.Group, initiator, processes, channels, stored.ChannelCount, stored.StartedAt, stored.CompletedAt);
    }

    /// <summary>
    /// The reading system's own ref when it resolves the path to the same actor (a live local one, or any through
    /// remoting); otherwise a ref that keeps the stored path and uid, and whose messages go to dead letters, such as
    /// an actor of a cluster node read by a process without remoting, or one that has stopped.
    /// </summary>
    private static IActorRef Resolve(string path, long storedId, ExtendedActorSystem system)
    {
        if (!ActorPath.TryParse(path, out var parsed))
            throw new SnapshotStorageException($"stored snapshot {storedId} is corrupt: [{path}] is not an actor path");
        var resolved = system.Provider.ResolveActorRef(path);
        return resolved.Path.Equals(parsed) && resolved.Path.Uid == parsed.Uid
            ? resolved
            : new EmptyLocalActorRef(system.Provider, parsed, system.EventStream);
    }
}

using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// Reads what <see cref="ProtocolWriter"/> wrote. The bytes come from the network, so every length and count is
/// checked against the bytes that remain before anything is allocated or read, and whatever does not fit the
/// layout fails with a <see cref="SerializationException"/> that names the message and the offset.
/// </summary>
/// <param name="protocolSerializerId">The identifier of the protocol's own serializer, which no payload may name.</param>
/// <param name="kind">What the bytes are, as errors name it.</param>
internal sealed class ProtocolReader(byte[] bytes, string manifest, int protocolSerializerId, ExtendedActorSystem system, string kind = "snapshot protocol message")
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private int _position;

    private int Remaining => bytes.Length - _position;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public bool ReadBool() => Take(1)[0] switch
    {
        0 => false,
        1 => true,
        var other => throw Malformed($"{other} is not a boolean"),
    };

    public Guid ReadGuid() => new(Take(16));

    public SnapshotId ReadId() => new(ReadInt64());

    public TimeSpan ReadTimeSpan() => TimeSpan.FromTicks(ReadInt64());

    public DateTime ReadDateTime()
    {
        var ticks = ReadInt64();
        var kind = (DateTimeKind)Take(1)[0];
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || !Enum.IsDefined(kind))
            throw Malformed($"{ticks} ticks of kind {kind} is not a date");
        return new DateTime(ticks, kind);
    }

    /// <summary>A span context from another node: remote, as the parent of a span here.</summary>
    public ActivityContext ReadTraceContext()
    {
        if (!ReadBool())
            return default;
        var traceId = ActivityTraceId.CreateFromBytes(Take(16));
        var spanId = ActivitySpanId.CreateFromBytes(Take(8));
        return new ActivityContext(traceId, spanId, (ActivityTraceFlags)Take(1)[0], isRemote: true);
    }

    public TEnum ReadEnum<TEnum>() where TEnum : struct, Enum
    {
        var value = (TEnum)Enum.ToObject(typeof(TEnum), ReadInt32());
        return Enum.IsDefined(value) ? value : throw Malformed($"{value} is not a {typeof(TEnum).Name}");
    }

    public string ReadString()
    {
        var utf8 = Take(ReadLength());
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw Malformed($"invalid UTF-8 in a string: {e.Message}");
        }
    }

    public byte[] ReadBytes() => Take(ReadLength()).ToArray();

    public T[] ReadList<T>(Func<T> readItem)
    {
        // Every item takes at least one byte, so a count beyond the bytes left is a lie, not a big list.
        var count = ReadLength();
        var items = new T[count];
        for (var i = 0; i < count; i++)
            items[i] = readItem();
        return items;
    }

    public T? ReadOptional<T>(Func<T> readValue) where T : class => ReadBool() ? readValue() : null;

    public IActorRef ReadRef()
    {
        var path = ReadString();
        try
        {
            return system.Provider.ResolveActorRef(path);
        }
        catch (Exception e)
        {
            // Akka's path parser throws on some malformed paths (a uid that is not a number) instead of refusing them.
            throw Malformed($"[{path}] is not an actor path: {e.Message}", e);
        }
    }

    public IActorRef[] ReadRefs() => ReadList(ReadRef);

    public Address ReadAddress()
    {
        var text = ReadString();
        try
        {
            return Address.Parse(text);
        }
        catch (Exception e)
        {
            throw Malformed($"[{text}] is not a node address: {e.Message}", e);
        }
    }

    /// <summary>Reads what <see cref="ProtocolWriter.WritePayload"/> wrote, with the serializer it names.</summary>
    public object ReadPayload()
    {
        var serializerId = ReadInt32();
        if (serializerId == protocolSerializerId)
        {
            // No state or application message is a protocol message, and one inside another inside another
            // could nest as deep as the bytes allow, until the stack overflows.
            throw Malformed("a payload cannot be a snapshot protocol message");
        }
        var payloadManifest = ReadString();
        var payload = ReadBytes();
        object? deserialized;
        try
        {
            deserialized = system.Serialization.Deserialize(payload, serializerId, payloadManifest);
        }
        catch (Exception e)
        {
            // Whatever a serializer throws on bytes it cannot read, the caller is told the message was malformed.
            throw Malformed($"serializer {serializerId} cannot read a payload with manifest [{payloadManifest}]: {e.Message}", e);
        }
        return deserialized ?? throw Malformed($"serializer {serializerId} read a payload as null");
    }

    public object[] ReadPayloads() => ReadList(ReadPayload);

    /// <summary>Fails unless every byte was read: bytes left over mean the message is not what its manifest says.</summary>
    public void ReadEnd()
    {
        if (Remaining != 0)
            throw Malformed($"{Remaining} bytes left over after the message");
    }

    public SerializationException Malformed(string problem, Exception? cause = null) =>
        new($"Cannot deserialize {kind} [{manifest}] at byte {_position} of {bytes.Length}: {problem}", cause);

    private int ReadLength()
    {
        var length = ReadInt32();
        if (length < 0 || length > Remaining)
            throw Malformed($"length {length} does not fit the {Remaining} bytes left");
        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
            throw Malformed($"{count} bytes needed, {Remaining} left");
        var taken = bytes.AsSpan(_position, count);
        _position += count;
        return taken;
    }
}

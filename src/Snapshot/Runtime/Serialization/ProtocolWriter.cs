using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Snapshot.Algorithm;

namespace Snapshot.Runtime.Serialization;

/// <summary>
/// Writes the fields of one protocol message, in the layout <see cref="ProtocolReader"/> reads back: fixed-size
/// little-endian numbers, and every string, byte array and list prefixed with its length.
/// </summary>
internal sealed class ProtocolWriter
{
    private readonly ExtendedActorSystem _system;
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public ProtocolWriter(ExtendedActorSystem system)
    {
        _system = system;
        _writer = new BinaryWriter(_buffer);
    }

    public byte[] ToArray()
    {
        _writer.Flush();
        return _buffer.ToArray();
    }

    public void WriteInt32(int value) => _writer.Write(value);

    public void WriteInt64(long value) => _writer.Write(value);

    public void WriteBool(bool value) => _writer.Write(value);

    public void WriteGuid(Guid value) => _writer.Write(value.ToByteArray());

    public void WriteId(SnapshotId id) => WriteInt64(id.Value);

    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    // The kind travels too: a deadline read back must compare with DateTime.UtcNow as it did where it was set.
    public void WriteDateTime(DateTime value)
    {
        WriteInt64(value.Ticks);
        _writer.Write((byte)value.Kind);
    }

    /// <summary>A span's W3C trace context (trace id, span id, flags), or only a flag when there is none; its trace state does not travel.</summary>
    public void WriteTraceContext(ActivityContext context)
    {
        WriteBool(context != default);
        if (context == default)
            return;
        Span<byte> ids = stackalloc byte[24];
        context.TraceId.CopyTo(ids[..16]);
        context.SpanId.CopyTo(ids[16..]);
        _writer.Write(ids);
        _writer.Write((byte)context.TraceFlags);
    }

    public void WriteEnum<TEnum>(TEnum value) where TEnum : struct, Enum => WriteInt32(Convert.ToInt32(value));

    public void WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    public void WriteBytes(byte[] value)
    {
        WriteInt32(value.Length);
        _writer.Write(value);
    }

    public void WriteList<T>(IReadOnlyCollection<T> items, Action<T> writeItem)
    {
        WriteInt32(items.Count);
        foreach (var item in items)
            writeItem(item);
    }

    public void WriteOptional<T>(T? value, Action<T> writeValue) where T : class
    {
        WriteBool(value is not null);
        if (value is not null)
            writeValue(value);
    }

    /// <summary>As its full path with address, which the receiving system's provider resolves to a local or remote ref.</summary>
    public void WriteRef(IActorRef actor) => WriteString(Akka.Serialization.Serialization.SerializedActorPath(actor));

    public void WriteAddress(Address address) => WriteString(address.ToString());

    public void WriteRefs(IReadOnlyCollection<IActorRef> actors) => WriteList(actors, WriteRef);

    /// <summary>
    /// An application's object (a state, a stashed or recorded message), with the serializer the application bound
    /// to its type: its identifier, its manifest and its bytes, as Akka's own envelopes carry a payload.
    /// </summary>
    public void WritePayload(object payload)
    {
        var serializer = _system.Serialization.FindSerializerFor(payload);
        WriteInt32(serializer.Identifier);
        WriteString(Akka.Serialization.Serialization.ManifestFor(serializer, payload));
        WriteBytes(serializer.ToBinary(payload));
    }

    public void WritePayloads(IReadOnlyCollection<object> payloads) => WriteList(payloads, WritePayload);
}

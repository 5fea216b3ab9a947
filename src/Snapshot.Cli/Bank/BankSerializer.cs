using System.Buffers.Binary;
using Akka.Actor;
using Akka.Serialization;

namespace Snapshot.Cli.Bank;

/// <summary>
/// The bank's transfers and account states as 8 or 16 bytes, with string manifests: what a transfer between nodes,
/// and a state inside a snapshot, cost with a serializer an application would write for its hot messages, rather than
/// Akka's default JSON, which spent more of `bench scale`'s CPU than the snapshots it measures did.
/// </summary>
public sealed class BankSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string TransferManifest = "T";
    private const string AccountStateManifest = "S";

    /// <summary>The akka.actor.serializers binding that <see cref="CliAkkaConfig"/> gives this serializer.</summary>
    public const string Binding = """
        serializers.snapshot-cli-bank = "Snapshot.Cli.Bank.BankSerializer, Snapshot.Cli"
        serialization-bindings {
          "Snapshot.Cli.Bank.Transfer, Snapshot.Cli" = snapshot-cli-bank
          "Snapshot.Cli.Bank.AccountState, Snapshot.Cli" = snapshot-cli-bank
        }
        serialization-identifiers."Snapshot.Cli.Bank.BankSerializer, Snapshot.Cli" = 4190
        """;

    public override string Manifest(object o) => o switch
    {
        Transfer => TransferManifest,
        AccountState => AccountStateManifest,
        _ => throw new ArgumentException($"{nameof(BankSerializer)} cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        Transfer transfer => Longs(transfer.Amount),
        AccountState state => Longs(state.Balance, state.Opening),
        _ => throw new ArgumentException($"{nameof(BankSerializer)} cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        TransferManifest when bytes.Length == 8 => new Transfer(Long(bytes, 0)),
        AccountStateManifest when bytes.Length == 16 => new AccountState(Long(bytes, 0), Long(bytes, 8)),
        _ => throw new System.Runtime.Serialization.SerializationException($"{nameof(BankSerializer)} cannot read {bytes.Length} bytes with manifest [{manifest}]"),
    };

    internal static byte[] Longs(params ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    internal static long Long(byte[] bytes, int offset) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset));
}

using Akka.Actor;
using Akka.Serialization;
using Snapshot.Cli.Bank;

namespace Snapshot.Cli.Bench;

/// <summary>The bench's <see cref="Payment"/> as 16 bytes, for the reason <see cref="BankSerializer"/> gives.</summary>
public sealed class PaymentSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string PaymentManifest = "P";

    /// <summary>The akka.actor.serializers binding that <see cref="CliAkkaConfig"/> gives this serializer.</summary>
    public const string Binding = """
        serializers.snapshot-cli-payment = "Snapshot.Cli.Bench.PaymentSerializer, Snapshot.Cli"
        serialization-bindings."Snapshot.Cli.Bench.Payment, Snapshot.Cli" = snapshot-cli-payment
        serialization-identifiers."Snapshot.Cli.Bench.PaymentSerializer, Snapshot.Cli" = 4191
        """;

    public override string Manifest(object o) => o is Payment
        ? PaymentManifest
        : throw new ArgumentException($"{nameof(PaymentSerializer)} cannot serialize {o.GetType()}", nameof(o));

    public override byte[] ToBinary(object obj) => obj is Payment payment
        ? BankSerializer.Longs(payment.Amount, payment.Hops)
        : throw new ArgumentException($"{nameof(PaymentSerializer)} cannot serialize {obj.GetType()}", nameof(obj));

    public override object FromBinary(byte[] bytes, string manifest) => manifest == PaymentManifest && bytes.Length == 16
        ? new Payment(BankSerializer.Long(bytes, 0), BankSerializer.Long(bytes, 8))
        : throw new System.Runtime.Serialization.SerializationException($"{nameof(PaymentSerializer)} cannot read {bytes.Length} bytes with manifest [{manifest}]");
}

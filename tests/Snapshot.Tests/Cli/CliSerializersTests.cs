using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Snapshot.Cli;
using Snapshot.Cli.Bank;
using Snapshot.Cli.Bench;

namespace Snapshot.Tests.Cli;

/// <summary>The CLI's ActorSystems carry the bank's and the bench's messages with their binary serializers, both ways.</summary>
public sealed class CliSerializersTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializers", CliAkkaConfig.Quiet);

    public static TheoryData<object, Type, string, int> Messages => new()
    {
        { new Transfer(-42), typeof(BankSerializer), "T", 8 },
        { new AccountState(long.MaxValue, 1000), typeof(BankSerializer), "S", 16 },
        { new Payment(7, long.MinValue), typeof(PaymentSerializer), "P", 16 },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_is_bound_to_its_serializer_and_reads_back_equal(object message, Type serializer, string manifest, int bytes)
    {
        var found = _system.Serialization.FindSerializerFor(message);
        var binary = found.ToBinary(message);

        Assert.IsType(serializer, found);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(found, message));
        Assert.Equal(bytes, binary.Length);
        Assert.Equal(message, _system.Serialization.Deserialize(binary, found.Identifier, manifest));
    }

    [Theory]
    [InlineData("T", 7)]
    [InlineData("S", 8)]
    [InlineData("P", 15)]
    [InlineData("X", 8)]
    public void Bytes_of_the_wrong_length_or_manifest_are_refused_naming_both(string manifest, int length)
    {
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerForType(manifest == "P" ? typeof(Payment) : typeof(Transfer));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary(new byte[length], manifest));

        Assert.Contains($"{length} bytes with manifest [{manifest}]", error.Message);
    }

    public void Dispose() => _system.Terminate().Wait();
}

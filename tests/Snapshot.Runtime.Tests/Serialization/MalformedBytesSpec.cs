using System.Runtime.Serialization;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using Xunit.Abstractions;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>
/// Bytes from the network may be anything: truncated, corrupted or random bytes under any manifest must fail with a
/// <see cref="SerializationException"/>, never another exception, a huge allocation or a hang.
/// </summary>
public sealed class MalformedBytesSpec : TestKit
{
    private const int RandomInputsPerManifest = 2_000;
    private const int CorruptionsPerSample = 300;

    private readonly SerializerWithStringManifest _serializer;
    private readonly (string Manifest, byte[] Bytes)[] _valid;

    public MalformedBytesSpec(ITestOutputHelper output) : base("", output)
    {
        var samples = new ProtocolSamples(Sys, GlobalSnapshots.Get(Sys).Coordinator).All().ToArray();
        _serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(samples[0]);
        _valid = samples.Select(sample => (_serializer.Manifest(sample), _serializer.ToBinary(sample))).ToArray();
    }

    private IEnumerable<string> Manifests => _valid.Select(v => v.Manifest).Distinct();

    [Fact]
    public void Every_truncation_of_every_valid_message_is_a_serialization_error()
    {
        foreach (var (manifest, bytes) in _valid)
        {
            for (var length = 0; length < bytes.Length; length++)
            {
                var truncated = bytes[..length];
                var error = Record.Exception(() => _serializer.FromBinary(truncated, manifest));
                Assert.True(error is SerializationException,
                    $"[{manifest}] cut to {length} of {bytes.Length} bytes: expected a SerializationException, got {Describe(error)}");
            }
        }
    }

    [Fact]
    public void A_trailing_byte_after_a_valid_message_is_a_serialization_error()
    {
        foreach (var (manifest, bytes) in _valid)
            Assert.Throws<SerializationException>(() => _serializer.FromBinary([.. bytes, 0], manifest));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20250611)]
    [InlineData(4180)]
    public void Random_bytes_under_every_manifest_fail_only_with_a_serialization_error(int seed)
    {
        var random = new Random(seed);
        foreach (var manifest in Manifests)
        {
            for (var i = 0; i < RandomInputsPerManifest; i++)
            {
                var bytes = new byte[random.Next(0, 256)];
                random.NextBytes(bytes);
                AssertReadsOrFailsCleanly(manifest, bytes, $"seed {seed}, input {i}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20250611)]
    [InlineData(4180)]
    public void Corrupted_valid_messages_fail_only_with_a_serialization_error(int seed)
    {
        // Flipping a few bytes of a valid message reaches the fields behind the first length, which random bytes rarely do.
        var random = new Random(seed);
        foreach (var (manifest, valid) in _valid)
        {
            for (var i = 0; i < CorruptionsPerSample; i++)
            {
                var bytes = valid.ToArray();
                for (var flips = random.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                AssertReadsOrFailsCleanly(manifest, bytes, $"seed {seed}, corruption {i}");
            }
        }
    }

    // A corruption may still read as some message (a changed number, say): what it must never do is fail another way.
    private void AssertReadsOrFailsCleanly(string manifest, byte[] bytes, string input)
    {
        var error = Record.Exception(() => _serializer.FromBinary(bytes, manifest));
        Assert.True(error is null or SerializationException,
            $"[{manifest}] {input} ({Convert.ToHexString(bytes)}): expected a message or a SerializationException, got {Describe(error)}");
    }

    private static string Describe(Exception? error) => error is null ? "a message" : error.ToString();
}

using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Snapshot.Storage.Serialization;

namespace Snapshot.Runtime.Tests.Storage;

/// <summary>
/// Stands in for the storage serializer of a later version of the library: the same identifier (4181), snapshots
/// written under the manifest of a format 9 that this version does not know.
/// </summary>
public sealed class NewerFormatSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public static readonly Config Config = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.snapshot-storage = "{{typeof(NewerFormatSerializer).AssemblyQualifiedName!.Split(", Version")[0]}}"
          serialization-identifiers { "{{typeof(NewerFormatSerializer).AssemblyQualifiedName!.Split(", Version")[0]}}" = 4181 }
        }
        """);

    private readonly StoredSnapshotSerializer _current = new(system);

    public override string Manifest(object o) => _current.Manifest(o) == StoredSnapshotSerializer.SnapshotManifest ? "S9" : _current.Manifest(o);

    public override byte[] ToBinary(object obj) => _current.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest) => _current.FromBinary(bytes, manifest);
}

using Akka.Actor;

namespace Snapshot.Runtime.Coordination;

/// <summary>Nodes in the order of their addresses' text: every coordinator lists a group's members node by node in this order.</summary>
internal sealed class AddressOrder : IComparer<Address>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(Address? x, Address? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
}

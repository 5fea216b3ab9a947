namespace Snapshot.Analysis;

/// <summary>
/// Implemented by a message that hands an exclusive resource to its receiver: a lock granted to a waiter, or given
/// back to a lock manager. From the moment it is sent its sender no longer holds the resource; while it is in
/// flight (or stashed) the receiver is the resource's only holder, and does not wait for it any more.
/// </summary>
public interface IResourceHandover
{
    string Resource { get; }
}

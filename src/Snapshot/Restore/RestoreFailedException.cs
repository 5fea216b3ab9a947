namespace Snapshot.Restore;

/// <summary>
/// A restore that did not complete; the message names the participant at fault. Every actor the factory had created
/// for it has been stopped, so the group is empty again and the restore can be retried.
/// </summary>
public sealed class RestoreFailedException(string group, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string Group { get; } = group;
}

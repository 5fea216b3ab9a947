namespace Snapshot.Analysis;

/// <summary>
/// Implemented by a message that carries references to objects. In flight or stashed, it keeps them alive: its
/// receiver will hold them once it handles it.
/// </summary>
public interface IObjectReferences
{
    IEnumerable<string> References { get; }
}

namespace Snapshot.Analysis;

/// <summary>Implemented by a recorded state that owns objects for garbage detection.</summary>
public interface IObjectStore
{
    /// <summary>The objects this participant owns, each with the references it holds.</summary>
    IEnumerable<HeapObject> Objects { get; }

    /// <summary>The ids this participant uses directly (its variables): roots, alive whatever references them.</summary>
    IEnumerable<string> Roots { get; }
}

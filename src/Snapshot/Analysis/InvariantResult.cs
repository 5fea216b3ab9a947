namespace Snapshot.Analysis;

/// <summary>What checking one invariant on one snapshot found: whether it holds, and a sentence saying why.</summary>
public sealed record InvariantResult(bool Holds, string Message)
{
    public static InvariantResult Held(string message) => new(true, message);

    public static InvariantResult Violated(string message) => new(false, message);
}

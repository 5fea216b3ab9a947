namespace Snapshot.Cli;

/// <summary>What the <c>snapshot</c> command's exit code means.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run did not succeed: a snapshot broke an invariant (money or tokens not conserved), failed, or never came; or the command itself failed.</summary>
    public const int InvariantViolated = 1;

    /// <summary>A mistake in the command line or an input file; nothing ran, or the run stopped there.</summary>
    public const int BadInput = 2;

    /// <summary>Ctrl+C (SIGINT) stopped the run before its end; what it did so far was printed. 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;
}

namespace Snapshot.Simulation;

/// <summary>One command of an events script, with the line it came from.</summary>
public abstract record ScriptEvent(int Line);

/// <summary><c>send SRC DST N</c>: SRC gives N of its tokens to DST.</summary>
public sealed record SendTokens(int Line, string From, string To, long Amount) : ScriptEvent(Line);

/// <summary><c>snapshot SERVER</c>: SERVER starts the next snapshot.</summary>
public sealed record StartSnapshot(int Line, string Initiator) : ScriptEvent(Line);

/// <summary><c>tick [N]</c>: time advances by N steps.</summary>
public sealed record Tick(int Line, long Steps) : ScriptEvent(Line)
{
    /// <summary>The most steps one tick may take, so that a script's clock cannot overflow.</summary>
    public const long MaxSteps = 1_000_000_000_000;
}

namespace Snapshot.Cli.Hocon;

/// <summary>A HOCON text <see cref="HoconSyntax"/> refuses, with the line the problem is on.</summary>
public sealed class HoconSyntaxException(int line, string problem) : Exception($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

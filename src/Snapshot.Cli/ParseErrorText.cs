using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Snapshot.Cli;

/// <summary>
/// The one error line for a command line that does not parse. System.CommandLine's own wording names no unknown
/// command ("Required command was not provided") and a number it cannot read by its .NET type
/// (<c>System.Nullable`1[System.Int32]</c>): those two are said in the user's terms.
/// </summary>
public static class ParseErrorText
{
    public static string Of(ParseResult parsed)
    {
        var help = $"see '{CommandLine(parsed.CommandResult)} --help'";
        if (parsed.CommandResult.Command is RootCommand root)
        {
            var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            return parsed.UnmatchedTokens.FirstOrDefault() is { } unknown && !unknown.StartsWith('-')
                ? $"'{unknown}' is not a command of snapshot, which has {commands} ({help})"
                : $"snapshot needs a command: {commands} ({help})";
        }
        var error = parsed.Errors[0];
        return NotAWholeNumber(error.SymbolResult) ?? $"{error.Message} ({help})";
    }

    /// <summary>The problem with an option or argument of a whole-number type given something else, or null for another problem.</summary>
    private static string? NotAWholeNumber(SymbolResult? result)
    {
        var (name, type) = result switch
        {
            OptionResult option => (option.Option.Name, option.Option.ValueType),
            ArgumentResult argument => (argument.Argument.Name, argument.Argument.ValueType),
            _ => (null, null),
        };
        if (name is null || (Nullable.GetUnderlyingType(type!) ?? type) is not { } valueType || (valueType != typeof(int) && valueType != typeof(long)))
            return null;
        var (minimum, maximum) = valueType == typeof(int) ? ((long)int.MinValue, (long)int.MaxValue) : (long.MinValue, long.MaxValue);
        foreach (var token in result!.Tokens)
        {
            if (!long.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                return $"{name}: expects a whole number, found '{token.Value}'";
            if (number < minimum || number > maximum)
                return $"{name}: expects a whole number from {minimum} to {maximum}, found {token.Value}";
        }
        return null;
    }

    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
            if (result is CommandResult { Command: var c } && c is not RootCommand)
                names.Insert(0, c.Name);
        return string.Join(" ", ["snapshot", .. names]);
    }
}

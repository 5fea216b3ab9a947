using System.Globalization;

namespace Snapshot.Simulation;

/// <summary>Reads the <c>--delays</c> value: a delays file, or <c>random:SEED</c>.</summary>
public static class DelaySpec
{
    public const string RandomPrefix = "random:";

    public static IDelaySource Open(string spec, string option = "--delays")
    {
        if (!spec.StartsWith(RandomPrefix, StringComparison.Ordinal))
            return DelayList.Load(spec);
        var seed = spec[RandomPrefix.Length..];
        if (!long.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new SimulationInputException(option, null, $"'{spec}' needs a whole-number seed after '{RandomPrefix}'");
        return new SeededDelays(value);
    }
}

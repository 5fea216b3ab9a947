using System.Globalization;
using System.Text;

namespace Snapshot.Hosting;

/// <summary>Writes .NET values as HOCON values that parse back to exactly the same value.</summary>
internal static class HoconValues
{
    /// <summary>
    /// A quoted HOCON string. Always quoted, because an unquoted value would be cut at <c>:</c>, <c>#</c> or
    /// <c>//</c> and would read <c>${...}</c> as a substitution; escaped as JSON, which HOCON's quoted strings are.
    /// </summary>
    public static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    /// <summary>A HOCON number, written the same whatever the machine's culture (some write minus as U+2212).</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A HOCON duration in milliseconds (<c>1500ms</c>), with a fraction when the span is finer than that.</summary>
    public static string Duration(TimeSpan value) =>
        (value.Ticks / (decimal)TimeSpan.TicksPerMillisecond).ToString("0.####", CultureInfo.InvariantCulture) + "ms";
}

using System.Text.RegularExpressions;
using Akka.Actor;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// A remote ActorSystem address given on the command line, like <c>akka.tcp://snapshot@127.0.0.1:4053</c>. Akka's own
/// parser takes much that no node can be reached at (<c>http://…</c>, no port, <c>akka://snapshot</c> with no transport),
/// so the parts are checked here, before anything starts.
/// </summary>
public static partial class AddressOption
{
    private const string Expected = "akka.tcp://system@host:port, like akka.tcp://snapshot@127.0.0.1:4053";

    private static readonly string[] Protocols = ["akka.tcp", "akka.ssl.tcp"];

    public static Address Parse(string text, string option)
    {
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw Refused(option, text, "it does not read as one");
        }
        if (!Protocols.Contains(address.Protocol))
            throw Refused(option, text, address.Protocol == "akka"
                ? "akka:// is an address inside one process, with no transport to reach it by"
                : $"its scheme is '{address.Protocol}', not {string.Join(" or ", Protocols)}");
        if (!SystemName().IsMatch(address.System))
            throw Refused(option, text, $"'{address.System}' is not an ActorSystem name (letters, digits, '-' and '_', not first)");
        if (string.IsNullOrEmpty(address.Host))
            throw Refused(option, text, "it has no host");
        if (address.Port is not (> 0 and <= 65535))
            throw Refused(option, text, "it has no port");
        return address;
    }

    private static UsageException Refused(string option, string text, string reason) =>
        new(option, $"'{text}' is not an actor system address {Expected}: {reason}");

    // What ActorSystem.Create accepts as a name.
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex SystemName();
}

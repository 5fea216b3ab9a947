using Akka.Actor;

namespace Snapshot.Cli.Nodes;

/// <summary>An ActorSystem address given on the command line, like <c>akka.tcp://snapshot@127.0.0.1:4053</c>.</summary>
public static class AddressOption
{
    public static Address Parse(string text, string option)
    {
        try
        {
            return Address.Parse(text);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            throw new UsageException(option, $"'{text}' is not an actor system address like akka.tcp://snapshot@127.0.0.1:4053");
        }
    }
}

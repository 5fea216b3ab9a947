using System.Net;
using System.Net.Sockets;
using Akka.Configuration;

namespace Snapshot.Cli.Nodes;

/// <summary>
/// The address and port a node's remoting listens on, checked free before the node starts. DotNetty binds with address
/// reuse, which on Linux and macOS lets a second process listen on a port already taken (two nodes on one port, each
/// getting some of the connections); a port another program holds Akka reports as five nested exceptions after
/// logging its own trace. The check is a connection attempt: whatever listens there accepts it, whatever its socket
/// options, while the connections a killed node leaves waiting out TIME_WAIT accept none, so a node restarted in its
/// place is not refused.
/// </summary>
public static class ListeningPort
{
    // A local listener answers at once; this only bounds a host that drops the attempt. Not less: on a loaded
    // machine, compiling the socket code on first use can take a second by itself.
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(5);

    /// <param name="option">The option that set the port, for the error message.</param>
    /// <exception cref="UsageException">Something already listens there.</exception>
    public static void EnsureFree(Config config, string option)
    {
        // Akka.NET listens on these two (public-hostname and public-port only change what it advertises).
        var port = config.GetInt("akka.remote.dot-netty.tcp.port", 0);
        var hostname = config.GetString("akka.remote.dot-netty.tcp.hostname", "");
        if (port == 0)
            return; // the OS picks a free one
        if (Accepts(Reachable(hostname), port))
            throw new UsageException(option,
                $"{(hostname.Length > 0 ? hostname : IPAddress.Any.ToString())}:{port} is already in use by another process (a node started before?): stop it, or give this node another --port");
    }

    /// <summary>Where to connect to reach a listener bound to <paramref name="hostname"/>: a wildcard address is reached on loopback.</summary>
    private static string Reachable(string hostname) => hostname switch
    {
        "" or "0.0.0.0" => IPAddress.Loopback.ToString(),
        "::" or "[::]" => IPAddress.IPv6Loopback.ToString(),
        _ => hostname,
    };

    private static bool Accepts(string host, int port)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(ConnectLimit);
        try
        {
            client.ConnectAsync(host, port, limit.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Refused: nothing listens. Unreachable, unresolved or no answer: the bind will tell.
            return false;
        }
    }
}

using System.Reflection;
using System.Security.Cryptography;
using Akka.Actor;
using Akka.Configuration;
using Snapshot.Cli.Hocon;

namespace Snapshot.Cli.Nodes;

/// <summary>Reads a node's HOCON file, turning a missing or malformed file into one error line naming it.</summary>
public static class NodeConfig
{
    /// <param name="port">Overrides <c>akka.remote.dot-netty.tcp.port</c> when set.</param>
    /// <param name="seedNode">Overrides <c>akka.cluster.seed-nodes</c> when set.</param>
    public static Config Load(string path, int? port, string? seedNode)
    {
        var config = Read(path);
        if (config.GetString("akka.actor.provider", "") != "cluster")
            throw new UsageException("--config", $"'{path}' must set akka.actor.provider = cluster");
        if (port is { } p)
            config = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {p}").WithFallback(config);
        if (seedNode is not null)
            config = ConfigurationFactory.ParseString($"akka.cluster.seed-nodes = [\"{AddressOption.Parse(seedNode, "--seed-node")}\"]").WithFallback(config);
        return config.WithFallback(CliAkkaConfig.Quiet);
    }

    /// <summary>The file's HOCON as it is, without the CLI's defaults.</summary>
    public static Config Read(string path) => HoconFile.Read(path, "--config");

    /// <summary>Starts the node's ActorSystem; a configuration Akka refuses is reported against the file.</summary>
    public static ActorSystem Start(string path, Config config)
    {
        try
        {
            return ActorSystem.Create(Demo.LocalCluster.SystemName, config);
        }
        catch (Exception e) when (RefusedSetting(e) is { } refused)
        {
            var problem = refused.Message.Split('\n')[0];
            if (refused is CryptographicException)
                problem = $"TLS certificate '{config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.path", "")}': {problem}";
            throw new UsageException("--config", $"Akka cannot start with '{path}': {problem}");
        }
    }

    /// <summary>
    /// The setting Akka refused, or null for another failure. The remoting reports what its transport refused
    /// (a TLS certificate that is missing or that its password does not open, say) wrapped in other exceptions.
    /// </summary>
    private static Exception? RefusedSetting(Exception e)
    {
        var cause = e;
        while (cause is AggregateException or TargetInvocationException && cause.InnerException is { } inner)
            cause = inner;
        return cause is ConfigurationException or ArgumentException or FormatException or InvalidCastException or CryptographicException ? cause : null;
    }
}

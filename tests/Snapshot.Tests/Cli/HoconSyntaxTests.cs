using System.Reflection;
using Akka.Configuration;
using Snapshot.Cli.Hocon;

namespace Snapshot.Tests.Cli;

/// <summary>The grammar check run before Akka's parser accepts the HOCON that Akka.NET, the snapshot extension and the project's node files are written in.</summary>
public sealed class HoconSyntaxTests
{
    public static TheoryData<string> AkkaReferenceConfigurations()
    {
        var names = new TheoryData<string>();
        foreach (var assembly in new[] { typeof(Config).Assembly, typeof(Akka.Remote.RemoteSettings).Assembly, typeof(Akka.Cluster.Cluster).Assembly, typeof(Akka.Persistence.Persistence).Assembly, typeof(Snapshot.Runtime.GlobalSnapshotsSettings).Assembly })
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".conf", StringComparison.Ordinal)))
                names.Add($"{assembly.GetName().Name}|{name}");
        return names;
    }

    [Theory]
    [MemberData(nameof(AkkaReferenceConfigurations))]
    public void Accepts_a_reference_configuration_Akka_or_the_extension_ships(string resource)
    {
        var (assemblyName, name) = (resource.Split('|')[0], resource.Split('|')[1]);
        using var stream = Assembly.Load(assemblyName).GetManifestResourceStream(name)!;

        HoconSyntax.Check(new StreamReader(stream).ReadToEnd());
    }

    [Theory]
    [InlineData("node1.conf")]
    [InlineData("node2.conf")]
    [InlineData("node3.conf")]
    [InlineData("tls.conf")]
    public void Accepts_the_project_node_files(string name) =>
        HoconSyntax.Check(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", name)));

    [Fact]
    public void Refuses_nesting_deeper_than_its_limit()
    {
        var deep = $"a = {new string('[', HoconSyntax.MaxDepth + 1)}{new string(']', HoconSyntax.MaxDepth + 1)}";

        HoconSyntax.Check($"a = {new string('[', HoconSyntax.MaxDepth)}{new string(']', HoconSyntax.MaxDepth)}");
        Assert.Equal($"nested deeper than {HoconSyntax.MaxDepth} levels of '{{' and '['", Assert.Throws<HoconSyntaxException>(() => HoconSyntax.Check(deep)).Problem);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Snapshot.Tests.Cli;

public sealed class NodeOptionTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Take_refuses_a_seed_node_that_is_not_an_address() =>
        Assert.Contains("'nonsense' is not an actor system address", CliRun.Of("take", "--seed-node", "nonsense").AssertBadInput("--seed-node", null));

    [Theory]
    [InlineData("http://127.0.0.1:4053", "its scheme is 'http', not akka.tcp or akka.ssl.tcp")]
    [InlineData("akka.tcp://snapshot@127.0.0.1", "it has no port")]
    [InlineData("akka://snapshot", "akka:// is an address inside one process, with no transport to reach it by")]
    [InlineData("akka.tcp://@127.0.0.1:4053", "'127.0.0.1' is not an ActorSystem name (letters, digits, '-' and '_', not first)")]
    [InlineData("akka.tcp://snap shot@127.0.0.1:4053", "'snap%20shot' is not an ActorSystem name (letters, digits, '-' and '_', not first)")]
    public void A_seed_node_no_node_can_be_reached_at_is_refused_up_front(string address, string reason)
    {
        var config = _files.Write("node.conf", "akka.actor.provider = cluster\n");
        var expected = $"'{address}' is not an actor system address akka.tcp://system@host:port, like akka.tcp://snapshot@127.0.0.1:4053: {reason}";

        Assert.Equal(expected, CliRun.Of("take", "--seed-node", address).AssertBadInput("--seed-node", null));
        Assert.Equal(expected, CliRun.Of("node", "--config", config, "--seed-node", address).AssertBadInput("--seed-node", null));
    }

    [Fact]
    public void Take_refuses_a_timeout_that_is_not_a_duration() =>
        CliRun.Of("take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--timeout", "soon").AssertBadInput("--timeout", null);

    [Fact]
    public void Take_refuses_fewer_than_one_participant_to_wait_for() =>
        Assert.Contains("found 0", CliRun.Of("take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--min-participants", "0").AssertBadInput("--min-participants", null));

    [Fact]
    public void Take_names_a_config_file_it_cannot_read()
    {
        var missing = _files.PathOf("missing.conf");

        Assert.Contains(missing, CliRun.Of("take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--config", missing).AssertBadInput("--config", null));
    }

    [Fact]
    public void Node_names_a_config_file_it_cannot_read()
    {
        var missing = _files.PathOf("missing.conf");

        Assert.Contains(missing, CliRun.Of("node", "--config", missing).AssertBadInput("--config", null));
    }

    [Fact]
    public void Node_refuses_a_config_that_is_not_a_cluster_or_that_Akka_cannot_start_with()
    {
        var local = _files.Write("local.conf", "akka.actor.provider = local\n");
        var broken = _files.Write("broken.conf", "akka.actor.provider = cluster\nakka.remote = [1, 2]\n");

        Assert.Contains("akka.actor.provider = cluster", CliRun.Of("node", "--config", local).AssertBadInput("--config", null));
        Assert.Contains($"Akka cannot start with '{broken}'", CliRun.Of("node", "--config", broken).AssertBadInput("--config", null));
    }

    [Fact]
    public void Node_refuses_TLS_without_a_certificate_it_can_open()
    {
        var certificate = _files.PathOf("node.pfx");
        using (var key = ECDsa.Create())
        using (var selfSigned = new CertificateRequest("CN=node", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)))
            File.WriteAllBytes(certificate, selfSigned.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, "right"));
        var missingCertificate = _files.PathOf("missing.pfx");
        var missing = _files.Write("missing.conf", Tls(missingCertificate, "right"));
        var wrongPassword = _files.Write("wrong-password.conf", Tls(certificate, "wrong"));
        var unset = _files.Write("unset.conf", "akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.enable-ssl = true\n");

        Assert.Contains($"Akka cannot start with '{missing}': TLS certificate '{missingCertificate}'", CliRun.Of("node", "--config", missing, "--port", "0").AssertBadInput("--config", null));
        Assert.Contains("password", CliRun.Of("node", "--config", wrongPassword, "--port", "0").AssertBadInput("--config", null));
        Assert.Contains("ssl.certificate.path", CliRun.Of("node", "--config", unset, "--port", "0").AssertBadInput("--config", null));
    }

    private static string Tls(string certificate, string password) => $$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", enable-ssl = true, ssl.certificate { path = "{{certificate}}", password = "{{password}}" } }
        """;

    [Theory]
    [InlineData("--accounts", "-1")]
    [InlineData("--port", "70000")]
    public void Node_refuses_values_out_of_range(string option, string value)
    {
        var config = _files.Write("node.conf", "akka.actor.provider = cluster\n");

        CliRun.Of("node", "--config", config, option, value).AssertBadInput(option, null);
    }
}

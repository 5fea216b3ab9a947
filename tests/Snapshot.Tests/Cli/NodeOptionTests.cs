namespace Snapshot.Tests.Cli;

public sealed class NodeOptionTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Take_refuses_a_seed_node_that_is_not_an_address() =>
        Assert.Contains("'nonsense' is not an actor system address", CliRun.Of("take", "--seed-node", "nonsense").AssertBadInput("--seed-node", null));

    [Fact]
    public void Take_refuses_a_timeout_that_is_not_a_duration() =>
        CliRun.Of("take", "--seed-node", "akka.tcp://snapshot@127.0.0.1:4053", "--timeout", "soon").AssertBadInput("--timeout", null);

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

    [Theory]
    [InlineData("--accounts", "-1")]
    [InlineData("--port", "70000")]
    public void Node_refuses_values_out_of_range(string option, string value)
    {
        var config = _files.Write("node.conf", "akka.actor.provider = cluster\n");

        CliRun.Of("node", "--config", config, option, value).AssertBadInput(option, null);
    }
}

namespace Snapshot.Tests.Cli;

/// <summary>
/// A <c>--config</c> file that is not HOCON Akka.NET reads as written, or not a regular text file, given to the real
/// <c>node</c> and <c>list</c> processes: one error line naming the file (and the line), exit code 2, and the process
/// ends, where Akka's parser alone spun on some of these until memory ran out, or started a node with settings lost.
/// </summary>
public sealed class ConfigFileTests : IDisposable
{
    /// <summary>Far more than starting the CLI takes; a parse that spins is killed here and fails the test.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string, string, int, string> MalformedFiles => new()
    {
        // command, file name, its text, the line named, the problem
        { "node", "array-closed-by-brace.conf", "a = [\"x\" }\n", 1, "not valid HOCON: '}' where the '[' on line 1 expects its ']'" },
        { "list", "array-closed-by-brace.conf", "a = [\"x\" }\n", 1, "not valid HOCON: '}' where the '[' on line 1 expects its ']'" },
        { "node", "unclosed-brace.conf", "akka.actor.provider = cluster\nakka {\n  loglevel = INFO\n", 2, "not valid HOCON: the '{' on line 2 is never closed by a '}'" },
        { "list", "unclosed-brace.conf", "akka.actor.provider = cluster\nakka {\n  loglevel = INFO\n", 2, "not valid HOCON: the '{' on line 2 is never closed by a '}'" },
        { "node", "extra-brace.conf", "akka.actor.provider = cluster\n}\nakka.cluster.seed-nodes = []\n", 2, "not valid HOCON: '}' closes no '{'" },
        { "list", "extra-brace.conf", "akka.actor.provider = cluster\n}\nakka.cluster.seed-nodes = []\n", 2, "not valid HOCON: '}' closes no '{'" },
        { "node", "assignment-in-array.conf", "akka.actor.provider = cluster\na = [1 = 2]\n", 2, "not valid HOCON: an element of the '[' on line 2 is missing: expected a value, found '='" },
        { "list", "key-without-value.conf", "o { a = [ {b} ] x = 1 } : 2\n", 1, "not valid HOCON: 'b' has no value: expected '=', ':' or '{' after it, found '}'" },
        { "node", "optional-substitution.conf", "akka.actor.provider = cluster\na = [ ${?x} ]\n", 2, "not valid HOCON: optional substitutions, '${?…}', are not supported by Akka.NET's HOCON parser" },
        { "node", "unclosed-quote.conf", "akka.actor.provider = cluster\nakka.loglevel = \"INFO\n", 2, "not valid HOCON: the string opened with '\"' on line 2 is not closed on that line (\"\"\" quotes a text of several lines)" },
        { "list", "unclosed-triple-quote.conf", "a = \"\"\"one\ntwo\n", 1, "not valid HOCON: the string opened with \"\"\" on line 1 is never closed" },
        { "node", "comment-hides-brace.conf", "akka { # }\n  actor.provider = cluster\n", 1, "not valid HOCON: the '{' on line 1 is never closed by a '}'" },
        { "list", "include.conf", "include \"other.conf\"\n", 1, "not valid HOCON: 'include' is not supported: Akka.NET's HOCON parser does not read included files; put the settings in this file" },
        { "node", "binary.conf", "akka.actor.provider = cluster\n\u0001\u0002\n", 2, "not a text file: it holds the control character U+0001" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_is_one_error_line_naming_its_line(string command, string name, string text, int line, string problem)
    {
        var path = _files.Write(name, text);

        var run = await RunAsync(command, path);

        Assert.Equal($"{path}:{line}: {problem}", run.AssertBadInput("--config", null));
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("list")]
    public async Task A_substitution_of_itself_is_refused_before_Akka_recurses_into_a_stack_overflow(string command)
    {
        var path = _files.Write("self.conf", "akka.actor.provider = cluster\nakka.loglevel = ${akka.loglevel}\n");

        Assert.Equal($"'{path}' is not valid HOCON: the substitution ${{akka.loglevel}} refers to itself, directly or through other settings",
            (await RunAsync(command, path)).AssertBadInput("--config", null));
    }

    [Theory]
    [InlineData("node")]
    [InlineData("list")]
    public async Task A_device_is_refused_unread(string command) =>
        Assert.Equal("'/dev/urandom' is empty or not a regular file (a device or a pipe, say)", (await RunAsync(command, "/dev/urandom")).AssertBadInput("--config", null));

    [Theory]
    [InlineData("node")]
    [InlineData("list")]
    public async Task An_empty_file_is_refused(string command)
    {
        var path = _files.Write("empty.conf", "");

        Assert.Equal($"'{path}' is empty or not a regular file (a device or a pipe, say)", (await RunAsync(command, path)).AssertBadInput("--config", null));
    }

    [Theory]
    [InlineData("node")]
    [InlineData("list")]
    public async Task A_folder_is_said_to_be_a_folder(string command) =>
        Assert.Equal($"'{_files.Root}' is a folder, not a file", (await RunAsync(command, _files.Root)).AssertBadInput("--config", null));

    [Fact]
    public async Task A_file_of_another_encoding_is_not_text()
    {
        var path = _files.PathOf("latin1.conf");
        File.WriteAllBytes(path, [.. "akka.loglevel = \"caf"u8, 0xE9, .. "\"\n"u8]);

        Assert.Equal($"'{path}' is not a text file: it is not UTF-8", (await RunAsync("list", path)).AssertBadInput("--config", null));
    }

    /// <summary><c>node</c> on a port the OS picks, so that a file accepted by mistake starts no node on a fixed port (the test then times out).</summary>
    private static async Task<CliRun> RunAsync(string command, string config)
    {
        string[] args = command == "node" ? ["node", "--config", config, "--port", "0"] : [command, "--config", config];
        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Limit, args);
        return new CliRun(exitCode, stdout, stderr);
    }
}

using System.Diagnostics;
using System.Text;

namespace Snapshot.Tests.Cli;

/// <summary>
/// The built CLI (<c>dotnet Snapshot.Cli.dll ARGS</c>, copied next to the tests by the project reference) run as
/// its own process, as a user runs it. Disposing it kills it, with its children, if it is still running.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Kills it at once, as <c>kill -9</c> does (SIGKILL): it gets no chance to leave its cluster. Returns once it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string?>(), args);

    /// <param name="environment">Variables set (or, when null, removed) in the environment the CLI inherits from the tests.</param>
    public static CliProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Snapshot.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not found");
        // The dotnet CLI tells the processes it starts where it is; fall back to the one on the PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}"));
    }

    /// <summary>Runs the CLI to its end; kills it and fails the test if it takes longer than <paramref name="timeout"/>.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args) =>
        RunAsync(timeout, new Dictionary<string, string?>(), args);

    /// <inheritdoc cref="RunAsync(TimeSpan, string[])"/>
    /// <param name="environment">As for <see cref="Start(IReadOnlyDictionary{string, string?}, string[])"/>.</param>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        await using var cli = Start(environment, args);
        return await cli.WaitAsync(timeout);
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var overrun = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(overrun.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the CLI did not exit within {timeout}; its output:\n{Stdout}\n{Stderr}");
        }
        return (_process.ExitCode, Stdout, Stderr);
    }

    /// <summary>Polls both streams until one holds <paramref name="text"/>; fails the test, with what they hold, after <paramref name="timeout"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text) && !Stderr.Contains(text))
        {
            Assert.False(_process.HasExited, $"the CLI exited with {(_process.HasExited ? _process.ExitCode : 0)} before printing '{text}'; its output:\n{Stdout}\n{Stderr}");
            Assert.True(DateTime.UtcNow < deadline, $"the CLI did not print '{text}' within {timeout}; its output:\n{Stdout}\n{Stderr}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", Id.ToString()]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public string Stdout
    {
        get { lock (_stdout) return _stdout.ToString(); }
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }
}

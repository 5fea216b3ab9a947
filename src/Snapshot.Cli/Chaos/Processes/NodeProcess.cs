using System.Diagnostics;
using System.Reflection;
using Akka.Actor;

namespace Snapshot.Cli.Chaos.Processes;

/// <summary>
/// One <c>snapshot node</c> process that a process chaos run started: this same CLI, run again, on a loopback port
/// the run picked. Its output is read (a pipe nobody reads would block it) and only its last lines kept, for a report
/// of why it ended.
/// </summary>
public sealed class NodeProcess
{
    private const int LinesKept = 5;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private NodeProcess(Process process, int number, Address address)
    {
        _process = process;
        Number = number;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = _process.WaitForExitAsync();
    }

    /// <summary>Counts the processes of a run from 1, replacements included: "node 4" is the first replacement of a run of three.</summary>
    public int Number { get; }

    public int Id => _process.Id;

    public Address Address { get; }

    /// <summary>Completes when the process has exited, however.</summary>
    public Task Exited { get; }

    public bool HasExited => _process.HasExited;

    public string LastLines
    {
        get { lock (_lastLines) return string.Join(" | ", _lastLines); }
    }

    /// <param name="config">The HOCON file of <c>snapshot node --config</c>.</param>
    /// <param name="seedNode">The address it joins the cluster through.</param>
    public static NodeProcess Start(int number, string config, int port, Address seedNode, int accounts, int seed)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("the CLI does not know its own executable"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Run as `dotnet Snapshot.Cli.dll`, the executable is the dotnet host, which needs the assembly; an apphost
        // (the installed `snapshot` tool) is the command itself.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in (string[])["node", "--config", config, "--port", port.ToString(), "--seed-node", seedNode.ToString(),
                     "--accounts", accounts.ToString(), "--seed", seed.ToString()])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        return new NodeProcess(process, number, new Address(seedNode.Protocol, seedNode.System, "127.0.0.1", port));
    }

    /// <summary>kill -9: the process ends at once, leaving nothing, telling nobody.</summary>
    public void Kill() => Signal(PosixSignal.Kill);

    /// <summary>SIGSTOP: the process stops running, as in a long GC pause, and its sockets stay open.</summary>
    public void Freeze() => Signal(PosixSignal.Stop);

    public void Thaw() => Signal(PosixSignal.Continue);

    /// <summary>SIGINT, as Ctrl+C: the node leaves the cluster and exits.</summary>
    public void Interrupt() => Signal(PosixSignal.Interrupt);

    /// <summary>Kills the process by its id unless it has exited, and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // A frozen process dies of SIGKILL as well: no need to thaw it first.
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
        await Exited;
        _process.Dispose();
    }

    public override string ToString() => $"node {Number} (pid {Id}, {Address})";

    private void Signal(int signal)
    {
        try
        {
            PosixSignal.Send(_process.Id, signal);
        }
        catch (System.ComponentModel.Win32Exception) when (_process.HasExited)
        {
            // It had exited already: nothing left to signal.
        }
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > LinesKept)
                _lastLines.Dequeue();
        }
    }
}

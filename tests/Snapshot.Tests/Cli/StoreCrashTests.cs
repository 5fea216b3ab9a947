using System.Text.Json;
using Xunit.Abstractions;

namespace Snapshot.Tests.Cli;

/// <summary>
/// A real <c>snapshot node</c> process storing periodic snapshots into the local file store, killed with SIGKILL at
/// random moments and started again, many times in a row: after every kill <c>list</c> names nothing it cannot read,
/// <c>show</c> reads back every snapshot it lists, and no id is ever given to two snapshots.
/// </summary>
/// <remarks>
/// <c>SNAPSHOT_CRASH_KILLS</c> sets how many kills (20 by default) and <c>SNAPSHOT_CRASH_SEED</c> the seed of the kill
/// moments, which a failure prints.
/// </remarks>
public sealed class StoreCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StoreWithin = TimeSpan.FromSeconds(60);


    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_node_killed_while_it_stores_periodic_snapshots_leaves_a_store_whose_every_listed_snapshot_reads_back_and_no_id_is_reused()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("SNAPSHOT_CRASH_KILLS"), out var k) ? k : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SNAPSHOT_CRASH_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var store = _files.PathOf("snapshots");
        var config = _files.Write("node.conf", File.ReadAllText("hocon/node1.conf") + $$"""

            akka.snapshot { interval = 50ms, keep-last = 3, periodic-group = "bank" }
            akka.persistence.snapshot-store.local.dir = {{JsonSerializer.Serialize(store)}}
            """);
        // Every id ever listed, with when its snapshot started, and every snapshot file ever seen: an id listed again
        // must be the same snapshot, and a file of an id is never replaced by another.
        var seen = new Dictionary<long, string>();
        var files = new Dictionary<long, string>();
        long stored = 0;
        Directory.CreateDirectory(store);
        output.WriteLine($"seed {seed}, {kills} kills");
        for (var kill = 1; kill <= kills; kill++)
        {
            var context = $"kill {kill} of {kills} (SNAPSHOT_CRASH_SEED={seed})";
            // A kill in three lands as the store starts writing a snapshot's file, one as it finishes it (before the
            // catalog that lists it can be written), one at a random moment after.
            var moment = (KillMoment)(kill % 3);
            var port = ClusterProcessTests.FreePorts(1)[0];
            await using (var node = CliProcess.Start("node", "--config", config, "--port", port.ToString(), "--seed-node", $"akka.tcp://snapshot@127.0.0.1:{port}",
                             "--accounts", "4", "--seed", kill.ToString()))
            {
                var storedOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var watcher = new FileSystemWatcher(store, "snapshot-global-snapshots-*");
                // The store writes a snapshot to a .tmp file and renames it: the rename is the moment it is stored.
                watcher.Created += (_, e) =>
                {
                    if (moment == KillMoment.AsItWrites && IdOf(e.Name!, unfinished: true) is { } id && id > stored && !storedOne.Task.IsCompleted)
                    {
                        storedOne.TrySetResult();
                        node.Kill();
                    }
                };
                watcher.Renamed += (_, e) =>
                {
                    if (moment != KillMoment.AsItWrites && IdOf(e.Name!) is { } id && id > stored && !storedOne.Task.IsCompleted)
                    {
                        storedOne.TrySetResult();
                        if (moment == KillMoment.AsItFinishes)
                            node.Kill();
                    }
                };
                watcher.EnableRaisingEvents = true;
                var finished = await Task.WhenAny(storedOne.Task, node.WaitAsync(StoreWithin));
                Assert.True(finished == storedOne.Task, $"{context}: the node stored no snapshot:\n{node.Stdout}\n{node.Stderr}");
                if (moment == KillMoment.Later)
                {
                    await Task.Delay(random.Next(0, 400));
                    node.Kill();
                }
            }
            foreach (var file in Directory.GetFiles(store))
            {
                stored = Math.Max(stored, IdOf(Path.GetFileName(file), unfinished: true) ?? 0);
                if (IdOf(Path.GetFileName(file)) is not { } id)
                    continue;
                Assert.True(files.TryAdd(id, file) || files[id] == file, $"{context}: the file of snapshot {id}, {files[id]}, was replaced by {file}");
            }

            var list = CliRun.Of("list", "--config", config, "--json");
            Assert.True(list.ExitCode == 0, $"{context}: list exited with {list.ExitCode}:\n{list.Error}");
            foreach (var snapshot in JsonDocument.Parse(list.Output).RootElement.GetProperty("snapshots").EnumerateArray())
            {
                var id = snapshot.GetProperty("id").GetInt64();
                var startedAt = snapshot.GetProperty("started_at").GetString()!;
                Assert.True(seen.TryAdd(id, startedAt) || seen[id] == startedAt, $"{context}: id {id} was given to two snapshots, started {seen[id]} and {startedAt}");
                var show = CliRun.Of("show", id.ToString(), "--config", config, "--json");
                Assert.True(show.ExitCode == 0, $"{context}: show {id} exited with {show.ExitCode}:\n{show.Error}");
                // Whole: every participant the catalog counted is in it, each with its state.
                var shown = JsonDocument.Parse(show.Output).RootElement;
                Assert.Equal(snapshot.GetProperty("participants").GetInt32(), shown.GetProperty("processes").GetArrayLength());
                Assert.All(shown.GetProperty("processes").EnumerateArray(), p => Assert.StartsWith("AccountState", p.GetProperty("state").GetString()));
            }
        }
        output.WriteLine($"{seen.Count} snapshot ids listed over {kills} kills, the highest {seen.Keys.Max()}");
    }

    /// <summary>
    /// The id of a snapshot's file (<c>snapshot-global-snapshots-ID-1-TICKS</c>, with <c>.tmp</c> while being written:
    /// such a file only when <paramref name="unfinished"/>); null for the catalog's files.
    /// </summary>
    private static long? IdOf(string name, bool unfinished = false) =>
        name.Split('-') is [_, _, _, var id, "1", var ticks] && long.TryParse(unfinished ? ticks.Replace(".tmp", "") : ticks, out _) ? long.Parse(id) : null;

    private enum KillMoment
    {
        Later,
        AsItWrites,
        AsItFinishes,
    }
}

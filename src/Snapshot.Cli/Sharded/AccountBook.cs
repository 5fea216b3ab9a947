using System.Collections.Concurrent;
using Akka.Actor;

namespace Snapshot.Cli.Sharded;

/// <summary>
/// Where sharded accounts keep their balance while they hold no actor, shared by every node of this process: the stand-in
/// for the database an entity loads from when it starts, on whichever node its shard is. It also counts what the report
/// says about the entities: how often they started, and how often a shard started on another node than before.
/// </summary>
public sealed class AccountBook(long openingBalance, TimeSpan? idleAfter)
{
    private readonly ConcurrentDictionary<string, bool> _accounts = new();
    private readonly ConcurrentDictionary<ActorSystem, int> _startsOn = new();
    private readonly ConcurrentDictionary<string, ActorSystem> _shardHomes = new();
    private int _starts;
    private int _shardMoves;

    public long OpeningBalance { get; } = openingBalance;

    /// <summary>How long an account goes without a message before it passivates; null for never.</summary>
    public TimeSpan? IdleAfter { get; } = idleAfter;

    public ConcurrentDictionary<string, long> Balances { get; } = new();

    /// <summary>How many accounts have started at least once.</summary>
    public int Accounts => _accounts.Count;

    /// <summary>How many times an account started: first starts and starts again after passivating or moving.</summary>
    public int Starts => _starts;

    /// <summary>How many times an account's shard started on another node than the one it was on before.</summary>
    public int ShardMoves => _shardMoves;

    public int StartsOn(ActorSystem node) => _startsOn.GetValueOrDefault(node);

    public void Started(string id, string shard, ActorSystem node)
    {
        _accounts[id] = true;
        Interlocked.Increment(ref _starts);
        _startsOn.AddOrUpdate(node, 1, (_, n) => n + 1);
        if (_shardHomes.TryGetValue(shard, out var home) && home != node)
            Interlocked.Increment(ref _shardMoves);
        _shardHomes[shard] = node;
    }
}

using Snapshot.Runtime;
using Snapshot.Tests.Chaos;

namespace Snapshot.Tests.Analysis;

/// <summary>
/// A <see cref="GlobalSnapshot"/> built by hand: participants by name with their states and stashes, and the channels
/// holding messages, of a group where every participant tells every participant.
/// </summary>
public sealed class SnapshotBuilder(NamedRefs refs)
{
    private readonly List<ProcessState> _processes = [];
    private readonly List<ChannelState> _channels = [];

    public SnapshotBuilder Process(string name, object? state, params object[] stashed)
    {
        _processes.Add(new ProcessState(refs[name], state, stashed));
        return this;
    }

    /// <summary>The messages in flight from <paramref name="from"/> to <paramref name="to"/>; none leaves the channel out, as a snapshot does.</summary>
    public SnapshotBuilder Channel(string from, string to, params object[] messages)
    {
        if (messages.Length > 0)
            _channels.Add(new ChannelState(refs[from], refs[to], messages));
        return this;
    }

    public GlobalSnapshot Build()
    {
        var now = DateTimeOffset.UtcNow;
        return new GlobalSnapshot(1, "analysis", null, _processes, _channels, _processes.Count * _processes.Count, now, now);
    }
}

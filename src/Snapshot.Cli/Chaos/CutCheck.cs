using Snapshot.Runtime;

namespace Snapshot.Cli.Chaos;

/// <summary>
/// Whether a completed snapshot of chaos accounts is a consistent cut, from the snapshot alone. Faults lose money
/// for real (transfers to a node that died, or on an association that dropped), so the total is no invariant;
/// the per-peer books are:
/// <list type="bullet">
/// <item>each account's balance is its opening plus its deposits plus what it received minus what it sent;</item>
/// <item>on each channel From → To, what From had sent at its cut is what To had accounted (received, or known
/// lost) at its cut, followed without gap or overlap by the transfers recorded in flight, in order.</item>
/// </list>
/// Only while From suspects that transfers to To were lost (an association to To's node dropped and To has not
/// confirmed since) may the channel fall short, or skip money, of what From sent. Chaos accounts never stash, and
/// declare no channels: every account to every account, itself included, is a channel, checked whether it held
/// messages or not.
/// </summary>
public static class CutCheck
{
    /// <summary>What is wrong with the snapshot; empty when it is a consistent cut.</summary>
    public static IReadOnlyList<string> Violations(GlobalSnapshot snapshot)
    {
        var violations = new List<string>();
        var accounts = new List<(string Name, ChaosAccountState State)>();
        foreach (var process in snapshot.Processes)
        {
            var name = process.Participant.Path.Name;
            if (process.State is not ChaosAccountState state)
            {
                violations.Add($"{name} recorded {process.State ?? "nothing"}, not an account's books");
                continue;
            }
            accounts.Add((name, state));
            violations.AddRange(BookViolations(name, state));
        }
        var inFlight = snapshot.Channels.ToDictionary(c => (From: c.From.Path.Name, To: c.To.Path.Name), c => c.Messages);
        // A participant without books is reported above.
        foreach (var (to, receiver) in accounts)
        {
            foreach (var (from, sender) in accounts)
                violations.AddRange(ChannelViolations(from, to, sender.With(to), receiver.With(from), inFlight.GetValueOrDefault((from, to), [])));
        }
        return violations;
    }

    private static IEnumerable<string> BookViolations(string name, ChaosAccountState state)
    {
        var received = state.Peers.Sum(p => p.Received);
        var sent = state.Peers.Sum(p => p.Sent);
        var books = state.Opening + state.Deposited + received - sent;
        if (state.Balance != books)
            yield return $"{name}: balance {state.Balance}, but opening {state.Opening} + deposited {state.Deposited} + received {received} − sent {sent} = {books}";
        foreach (var peer in state.Peers.Where(p => p.Disordered > 0))
            yield return $"{name}: {Counted.Of(peer.Disordered, "transfer or sync", "transfers or syncs")} from {peer.Peer} arrived behind a later one: the channel was not FIFO";
    }

    private static IEnumerable<string> ChannelViolations(string from, string to, PeerCounters sender, PeerCounters receiver, IReadOnlyList<object> recorded)
    {
        var channel = $"{from} → {to}";
        if (receiver.Accounted > sender.Sent)
            yield return $"{channel}: {to} had accounted {receiver.Accounted} from {from}, more than the {sender.Sent} {from} had sent at its cut";
        var position = receiver.Accounted;
        var skipped = 0L;
        foreach (var message in recorded)
        {
            // A sync covers what was sent before it and moves nothing itself.
            var (start, end) = message switch
            {
                ChaosTransfer transfer => (transfer.SentThrough - transfer.Amount, transfer.SentThrough),
                ChannelSync sync => (sync.SentThrough, sync.SentThrough),
                _ => (position, position),
            };
            if (start < position)
                yield return $"{channel}: {message} recorded in flight, but the money from {start} on was already accounted up to {position}: counted twice";
            if (end > sender.Sent)
                yield return $"{channel}: {message} recorded in flight, but {from} had sent only {sender.Sent} at its cut";
            skipped += Math.Max(0, start - position);
            position = Math.Max(position, end);
        }
        var missing = skipped + Math.Max(0, sender.Sent - position);
        if (missing > 0 && !sender.LossSuspected)
            yield return $"{channel}: {missing} that {from} sent before its cut is neither accounted by {to} nor recorded in flight, and no dropped association explains it";
    }
}

using Akka.Actor;

namespace Snapshot.Tests.Chaos;

/// <summary>Refs of actors with the names a test gives them, in an ActorSystem of their own, for snapshots built by hand.</summary>
public sealed class NamedRefs : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("named-refs", "akka.loglevel = OFF");
    private readonly Dictionary<string, IActorRef> _refs = [];

    public IActorRef this[string name]
    {
        get
        {
            lock (_refs)
                return _refs.TryGetValue(name, out var known) ? known : _refs[name] = _system.ActorOf(Props.Empty, name);
        }
    }

    /// <summary>A ref to <paramref name="name"/> on another node, that nothing answers: enough to be compared and told apart.</summary>
    public IActorRef On(Address node, string name) =>
        new EmptyLocalActorRef(((ExtendedActorSystem)_system).Provider, new RootActorPath(node) / "user" / name, _system.EventStream);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}

using Akka.Actor;
using Akka.Hosting;
using Akka.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Snapshot.Hosting;
using Snapshot.Algorithm;
using Snapshot.Runtime.Internal;
using Snapshot.Runtime.Serialization;

namespace Snapshot.Runtime.Tests.Serialization;

/// <summary>
/// reference.conf binds the protocol to its serializer, and the extension injects reference.conf when it starts:
/// so the binding holds from the moment the extension is loaded, and not before.
/// </summary>
public sealed class SerializerBindingSpec
{
    [Fact]
    public async Task Protocol_messages_use_the_protocol_serializer_once_the_extension_is_loaded()
    {
        using var system = ActorSystem.Create("bound");
        try
        {
            GlobalSnapshots.Get(system);

            Assert.IsType<SnapshotProtocolSerializer>(system.Serialization.FindSerializerFor(MarkerIn(system)));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Before_the_extension_is_loaded_protocol_messages_fall_back_to_the_default_serializer()
    {
        using var system = ActorSystem.Create("unbound");
        try
        {
            var marker = MarkerIn(system);
            // Not bound yet: a node must load the extension at start (Akka.Hosting's WithGlobalSnapshots does)
            // before protocol messages cross the network, or they would travel as JSON with type names.
            Assert.IsType<NewtonSoftJsonSerializer>(system.Serialization.FindSerializerFor(marker));

            GlobalSnapshots.Get(system);

            Assert.IsType<SnapshotProtocolSerializer>(system.Serialization.FindSerializerFor(marker));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task With_Akka_Hosting_they_are_bound_once_the_host_has_started()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("hosted", akka => akka.WithGlobalSnapshots());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();

            Assert.IsType<SnapshotProtocolSerializer>(system.Serialization.FindSerializerFor(MarkerIn(system)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static Marker MarkerIn(ActorSystem system) => new(new SnapshotPlan(new SnapshotId(1), "default", system.DeadLetters,
        new ChannelLayout(Guid.NewGuid(), [system.DeadLetters], new Dictionary<IActorRef, IReadOnlyCollection<IActorRef>>()), 10, DateTime.UtcNow, new SnapshotId(1)));
}

using Akka.Cluster.Sharding;

namespace Snapshot.Sharding.Internal;

/// <summary>
/// The application's extractor, taught the colour its messages carry between entities: a <see cref="ColouredMessage"/> is
/// routed by the message inside it, and reaches the entity still coloured, with the application's extractor's message
/// inside (a <c>ShardingEnvelope</c>'s payload, say), for the entity's participation to take out. Everything else goes to
/// the application's extractor as it is.
/// </summary>
/// <remarks>
/// Akka.Cluster.Sharding opens a <see cref="ShardingEnvelope"/> itself, around the application's extractor, so one inside
/// a coloured message is opened here as Akka would, and never reaches the application's extractor.
/// </remarks>
#pragma warning disable AK2001 // opening a ShardingEnvelope inside a coloured message is what Akka's own adapter does outside one
internal sealed class SnapshotMessageExtractor(IMessageExtractor application) : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        ColouredMessage { Message: ShardingEnvelope envelope } => envelope.EntityId,
        ColouredMessage coloured => application.EntityId(coloured.Message),
        _ => application.EntityId(message),
    };

    public object? EntityMessage(object message) => message switch
    {
        ColouredMessage { Message: ShardingEnvelope envelope } coloured => coloured with { Message = envelope.Message },
        ColouredMessage coloured => application.EntityMessage(coloured.Message) is { } inner ? coloured with { Message = inner } : null,
        _ => application.EntityMessage(message),
    };

#pragma warning disable CS0618 // the obsolete overload is still part of the interface, and an application's extractor may implement only it
    public string? ShardId(object message) =>
        application.ShardId(message is ColouredMessage coloured ? coloured.Message : message);
#pragma warning restore CS0618

    public string ShardId(string entityId, object? messageHint = null) =>
        application.ShardId(entityId, messageHint is ColouredMessage coloured ? coloured.Message : messageHint);
}
#pragma warning restore AK2001

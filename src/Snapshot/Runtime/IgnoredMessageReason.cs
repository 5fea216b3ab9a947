namespace Snapshot.Runtime;

/// <summary>Why a snapshot protocol message was dropped instead of acted on; see <see cref="IgnoredMessages"/>.</summary>
public enum IgnoredMessageReason
{
    /// <summary>A part, an answer or a failure report for a snapshot the coordinator is not running (any more).</summary>
    UnknownSnapshot,

    /// <summary>A marker or a part of a snapshot the receiver, or the sender, is not a member of.</summary>
    NotAMember,

    /// <summary>A second marker on one channel, a marker for a snapshot already finished, or a part reported twice.</summary>
    Duplicate,

    /// <summary>A marker that arrived after its snapshot's deadline.</summary>
    PastDeadline,

    /// <summary>A marker that came without a sender, so its channel is unknown.</summary>
    NoSender,

    /// <summary>A protocol message of a kind the receiver never expects.</summary>
    Unexpected,

    /// <summary>A marker or initiate naming a layout of members its node was never given, or has dropped.</summary>
    UnknownLayout,
}

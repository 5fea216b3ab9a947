namespace Snapshot.Sharding;

/// <summary>A message one entity told another through a region, in flight at the cut.</summary>
/// <param name="From">The sending entity's id.</param>
/// <param name="To">The receiving entity's id.</param>
/// <param name="Message">The message as the receiving entity's handler got it.</param>
public sealed record EntityMessage(string From, string To, object Message);

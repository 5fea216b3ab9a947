namespace Snapshot.Simulation;

/// <summary>Gives each message put on a link, in send order, the number of steps until it is due.</summary>
public interface IDelaySource
{
    /// <summary>The next delay, at least 1.</summary>
    long Next();
}

using Akka.Configuration.Hocon;

namespace Snapshot.Cli.Hocon;

/// <summary>
/// A substitution that refers to itself, directly (<c>a = ${a}</c>) or through others or a setting it is inside of.
/// Akka.NET's parser accepts it; reading the setting then recurses until the process dies of a stack overflow.
/// </summary>
public static class SubstitutionCycle
{
    /// <summary>The path of a substitution on a cycle in <paramref name="root"/>, or null when there is none.</summary>
    public static string? Find(HoconValue root)
    {
        // Depth first without recursion, so that a long chain of substitutions cannot overflow this check either.
        var onPath = new HashSet<HoconValue>(ReferenceEqualityComparer.Instance);
        var finished = new HashSet<HoconValue>(ReferenceEqualityComparer.Instance);
        var path = new Stack<(HoconValue Value, IEnumerator<(HoconValue Next, HoconSubstitution? Through)> Edges)>();
        var substitutions = new Stack<HoconSubstitution>();
        Enter(root);
        while (path.TryPeek(out var top))
        {
            if (!top.Edges.MoveNext())
            {
                path.Pop();
                onPath.Remove(top.Value);
                finished.Add(top.Value);
                if (path.TryPeek(out var parent) && parent.Edges.Current.Through is not null)
                    substitutions.Pop();
                continue;
            }
            var (next, through) = top.Edges.Current;
            if (onPath.Contains(next))
                return (through ?? substitutions.Peek()).Path;
            if (finished.Contains(next))
                continue;
            if (through is not null)
                substitutions.Push(through);
            Enter(next);
        }
        return null;

        void Enter(HoconValue value)
        {
            onPath.Add(value);
            path.Push((value, Edges(value).GetEnumerator()));
        }
    }

    private static IEnumerable<(HoconValue Next, HoconSubstitution? Through)> Edges(HoconValue value)
    {
        foreach (var element in value.Values)
        {
            switch (element)
            {
                case HoconObject inner:
                    foreach (var item in inner.Items.Values)
                        yield return (item, null);
                    break;
                case HoconArray array:
                    foreach (var item in array)
                        yield return (item, null);
                    break;
                case HoconSubstitution { ResolvedValue: { } resolved } substitution:
                    yield return (resolved, substitution);
                    break;
            }
        }
    }
}

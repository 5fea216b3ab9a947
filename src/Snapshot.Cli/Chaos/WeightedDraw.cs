namespace Snapshot.Cli.Chaos;

/// <summary>Draws one kind of fault, each as likely as its weight: the same random sequence gives the same kinds.</summary>
public static class WeightedDraw
{
    public static TKind Of<TKind>(IReadOnlyList<(TKind Kind, int Weight)> weights, Random random)
    {
        var draw = random.Next(weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in weights)
        {
            if (draw < weight)
                return kind;
            draw -= weight;
        }
        throw new InvalidOperationException("a draw below the weights' sum always falls on one of them");
    }
}

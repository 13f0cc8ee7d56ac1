namespace EcrAutomation.State;

/// <summary>Orders resources so parents and dependencies precede their users, keeping the given order where it already holds.</summary>
internal static class SnapshotOrder
{
    /// <summary>Stable topological sort; throws <see cref="StateException"/> naming the cycle when there is one.</summary>
    public static IReadOnlyList<ResourceState> Sort(IReadOnlyList<ResourceState> resources)
    {
        // Live (non-deleted) entries are the targets of references; a deleted entry sorts with its URN's live twin.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
            if (!resources[i].Delete || !index.ContainsKey(resources[i].Urn)) index[resources[i].Urn] = i;

        var edges = new List<int>[resources.Count];
        var indegree = new int[resources.Count];
        for (var i = 0; i < resources.Count; i++)
        {
            foreach (var target in References(resources[i]))
            {
                if (!index.TryGetValue(target, out var j) || j == i) continue;
                (edges[j] ??= []).Add(i);
                indegree[i]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < resources.Count; i++) if (indegree[i] == 0) ready.Enqueue(i, i);
        var result = new List<ResourceState>(resources.Count);
        while (ready.TryDequeue(out var i, out _))
        {
            result.Add(resources[i]);
            if (edges[i] is null) continue;
            foreach (var next in edges[i]) if (--indegree[next] == 0) ready.Enqueue(next, next);
        }
        if (result.Count != resources.Count)
        {
            var stuck = Enumerable.Range(0, resources.Count).Where(i => indegree[i] > 0).Select(i => resources[i].Urn).Take(5);
            throw new StateException($"The resources form a dependency cycle, so no order can satisfy them: {string.Join(" -> ", stuck)}. Remove the circular dependsOn/parent references.");
        }
        return result;
    }

    /// <summary>The URNs a resource points at: its parent and its dependencies.</summary>
    public static IEnumerable<string> References(ResourceState r)
    {
        if (r.Parent is not null) yield return r.Parent;
        if (r.Provider is { } provider && provider.LastIndexOf("::", StringComparison.Ordinal) is > 0 and var at) yield return provider[..at];
        foreach (var d in r.Dependencies) yield return d;
        foreach (var deps in r.PropertyDependencies.Values)
            foreach (var d in deps) yield return d;
    }
}

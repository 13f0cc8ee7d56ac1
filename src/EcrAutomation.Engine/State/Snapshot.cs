using EcrAutomation.Providers;

namespace EcrAutomation.State;

/// <summary>The state of a stack: resources ordered parents and dependencies first, plus unfinished operations.</summary>
internal sealed record Snapshot(IReadOnlyList<ResourceState> Resources, IReadOnlyList<PendingOperation> PendingOperations)
{
    public static readonly Snapshot Empty = new([], []);

    /// <summary>The stack's outputs: the root stack resource's outputs.</summary>
    public PropertyMap StackOutputs =>
        Resources.FirstOrDefault(r => r.Type == EcrAutomation.Stack.RootType && r.Parent is null)?.Outputs ?? PropertyMap.Empty;
}

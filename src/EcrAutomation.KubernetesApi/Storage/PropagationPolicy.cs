namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>What a deletion does to the objects that the deleted one owns (through their <c>ownerReferences</c>).</summary>
public enum PropagationPolicy
{
    /// <summary>The owner goes at once; the garbage collector deletes its dependents afterwards (the default).</summary>
    Background,

    /// <summary>The owner stays, marked for deletion with the <c>foregroundDeletion</c> finalizer, until its dependents are gone.</summary>
    Foreground,

    /// <summary>The dependents stay and lose their owner reference to the deleted object (<c>orphan</c> finalizer).</summary>
    Orphan,
}

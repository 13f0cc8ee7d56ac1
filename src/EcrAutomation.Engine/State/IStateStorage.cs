namespace EcrAutomation.State;

/// <summary>
/// Where stack state lives: a flat namespace of objects named by <c>/</c>-separated keys, each with an ETag that changes
/// with its content, written whole and conditionally. The stack store keeps Pulumi's DIY layout on top of it
/// (<c>.pulumi/stacks/...</c>, <c>locks/</c>, <c>history/</c>), and takes locks and writes checkpoints only through the
/// conditions, so a storage that applies them atomically (S3's conditional writes) gives exact mutual exclusion.
/// Implementations must be safe to call from several threads.
/// </summary>
public interface IStateStorage
{
    /// <summary>The backend URL this storage serves (<c>file:///...</c>, <c>s3://bucket/prefix</c>), for messages.</summary>
    string Url { get; }

    /// <summary>
    /// True when every process that uses this storage runs on this machine (a folder): a lock whose process is no longer
    /// running here can be taken over at once. Shared storage relies on lock leases alone.
    /// </summary>
    bool IsLocal { get; }

    /// <summary>How <paramref name="key"/> is named to people: a file path, or a URL.</summary>
    string Describe(string key);

    /// <summary>The object's content and ETag, or null when it does not exist.</summary>
    StoredObject? Get(string key);

    /// <summary>Writes the whole object when <paramref name="condition"/> holds, and returns its new ETag.</summary>
    /// <exception cref="StateConditionFailedException">The condition did not hold; nothing was written.</exception>
    string Put(string key, ReadOnlyMemory<byte> content, StateWriteCondition condition);

    /// <summary>Copies an existing object to another key (the checkpoint's <c>.bak</c>), replacing what is there.</summary>
    void Copy(string sourceKey, string destinationKey);

    /// <summary>Deletes the object; with <paramref name="ifMatch"/>, only while its ETag is that one. Returns whether it existed.</summary>
    /// <exception cref="StateConditionFailedException">The object's ETag is not <paramref name="ifMatch"/>; nothing was deleted.</exception>
    bool Delete(string key, string? ifMatch = null);

    /// <summary>The keys that start with <paramref name="prefix"/>, at any depth, in ordinal order.</summary>
    IReadOnlyList<string> List(string prefix);

    /// <summary>Removes what writes of <paramref name="key"/> that were interrupted left behind (a folder's temp files); called under the stack's lock.</summary>
    void DiscardIncompleteWrites(string key);
}

namespace EcrAutomation.State;

/// <summary>When an <see cref="IStateStorage.Put"/> may write: always, only if the object is absent (S3's <c>If-None-Match: *</c>), or only while it has one ETag (<c>If-Match</c>).</summary>
public sealed class StateWriteCondition
{
    private StateWriteCondition(bool ifAbsent, string? etag)
    {
        IfAbsent = ifAbsent;
        ETag = etag;
    }

    /// <summary>Write whatever is there.</summary>
    public static StateWriteCondition None { get; } = new(false, null);

    /// <summary>Write only if no object has the key: taking a lock, creating a stack.</summary>
    public static StateWriteCondition Absent { get; } = new(true, null);

    /// <summary>Write only while the object's ETag is <paramref name="etag"/>: nobody changed it since it was read.</summary>
    public static StateWriteCondition IfMatch(string etag) => new(false, etag ?? throw new ArgumentNullException(nameof(etag)));

    /// <summary>The write requires the object to be absent.</summary>
    public bool IfAbsent { get; }

    /// <summary>The ETag the object must have, or null.</summary>
    public string? ETag { get; }
}

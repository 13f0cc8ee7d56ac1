namespace EcrAutomation.State;

/// <summary>An object read from an <see cref="IStateStorage"/>.</summary>
/// <param name="content">The object's bytes.</param>
/// <param name="etag">The version read.</param>
public sealed class StoredObject(byte[] content, string etag)
{
    /// <summary>The object's bytes.</summary>
    public byte[] Content { get; } = content;

    /// <summary>The version read; pass it to <see cref="StateWriteCondition.IfMatch"/> to change exactly this version.</summary>
    public string ETag { get; } = etag;
}

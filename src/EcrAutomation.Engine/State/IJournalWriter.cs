namespace EcrAutomation.State;

/// <summary>Appends a stack's journal records where its storage keeps them.</summary>
internal interface IJournalWriter : IDisposable
{
    /// <summary>Appends whole records (JSON lines); they are stored soon. Returns a ticket for <see cref="WaitStored"/>.</summary>
    long Append(ReadOnlySpan<byte> records);

    /// <summary>
    /// Returns once the records of <paramref name="ticket"/> are stored (with everything appended before them), so a
    /// provider is never called for an operation the state does not know about.
    /// </summary>
    void WaitStored(long ticket);

    /// <summary>
    /// The checkpoint now holds every record of this journal: drops them, and those of the killed run before it that the
    /// checkpoint replayed. Also after <see cref="IDisposable.Dispose"/>, for the final compaction.
    /// </summary>
    void Clear();
}

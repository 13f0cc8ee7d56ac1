namespace EcrAutomation.State;

/// <summary>A stack's journal as its storage keeps it: one appended file in a folder, or segment objects.</summary>
internal interface IJournal
{
    /// <summary>The journal's file or prefix, for messages.</summary>
    string Description { get; }

    /// <summary>Every record, in order; empty when there is no journal.</summary>
    byte[] Read();

    /// <summary>The journal holds records (of a run that ended before compacting them).</summary>
    bool HasRecords();

    /// <summary>Removes the journal; with <paramref name="onlyIfEmpty"/>, only when it holds no record.</summary>
    void Delete(bool onlyIfEmpty = false);

    /// <summary>Starts appending (the caller holds the stack's lock and has read the journal).</summary>
    IJournalWriter OpenWriter();
}

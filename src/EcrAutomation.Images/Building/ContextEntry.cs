namespace EcrAutomation.Images.Building;

/// <summary>One entry of a build context, with a context-relative path using <c>/</c>.</summary>
public sealed record ContextEntry(string RelativePath, string FullPath, FileEntryKind Kind, UnixFileMode Mode, long Size, string? LinkTarget);

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building;

/// <summary>One entry of a layer (or of an image file system): an absolute path without the leading <c>/</c>.</summary>
internal sealed record LayerEntry
{
    /// <summary>Path without a leading <c>/</c>, e.g. <c>app/main.js</c>.</summary>
    public required string Path { get; init; }

    /// <summary>File, directory or symlink.</summary>
    public required FileEntryKind Kind { get; init; }

    /// <summary>Permission bits (and setuid/setgid/sticky).</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>Owner uid.</summary>
    public int Uid { get; init; }

    /// <summary>Owner gid.</summary>
    public int Gid { get; init; }

    /// <summary>Local file whose bytes the entry has (files only).</summary>
    public string? SourceFile { get; init; }

    /// <summary>Link target (symlinks only).</summary>
    public string? LinkTarget { get; init; }
}

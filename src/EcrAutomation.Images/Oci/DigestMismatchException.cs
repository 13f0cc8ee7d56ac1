using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Images.Oci;

/// <summary>Content did not hash to the digest it was fetched or stored under.</summary>
public sealed class DigestMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DigestMismatchException(Digest expected, Digest actual, long? expectedSize, long actualSize)
        : base($"Content digest mismatch: expected {expected}{(expectedSize is null ? string.Empty : $" ({expectedSize} bytes)")}, got {actual} ({actualSize} bytes).")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The digest the content should have had.</summary>
    public Digest Expected { get; }

    /// <summary>The digest the bytes actually have: a different or truncated blob.</summary>
    public Digest Actual { get; }
}

using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>The JSON <c>{}</c> used as the value of port and volume sets.</summary>
public sealed record EmptyObject
{
    /// <summary>The shared instance to use as a port or volume set value.</summary>
    public static EmptyObject Instance { get; } = new();
}

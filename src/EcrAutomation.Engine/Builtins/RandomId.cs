namespace EcrAutomation.Builtins;

/// <summary>Random bytes, shown in several encodings; regenerated only when an input changes.</summary>
[ResourceType(RandomProvider.RandomIdType)]
public sealed class RandomId : CustomResource
{
    /// <summary>Declares random bytes in the running program.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="args">How many bytes, an optional prefix, and keepers whose change makes new bytes.</param>
    /// <param name="options">Resource options.</param>
    public RandomId(string name, RandomIdArgs args, CustomResourceOptions? options = null)
        : base(RandomProvider.RandomIdType, name, args, options) { }

    /// <summary>The bytes as lowercase hex, after the prefix.</summary>
    [Output("hex")] public Output<string> Hex { get; private set; } = null!;
    /// <summary>The bytes in standard base64, after the prefix.</summary>
    [Output("b64Std")] public Output<string> B64Std { get; private set; } = null!;
    /// <summary>The bytes in URL-safe base64 without padding, after the prefix.</summary>
    [Output("b64Url")] public Output<string> B64Url { get; private set; } = null!;
    /// <summary>The bytes as a big-endian decimal number, after the prefix.</summary>
    [Output("dec")] public Output<string> Dec { get; private set; } = null!;
}

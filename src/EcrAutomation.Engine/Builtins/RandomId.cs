namespace EcrAutomation.Builtins;

/// <summary>Random bytes, shown in several encodings; regenerated only when an input changes.</summary>
public sealed class RandomId : CustomResource
{
    public RandomId(string name, RandomIdArgs args, CustomResourceOptions? options = null)
        : base(RandomProvider.RandomIdType, name, args, options) { }

    [Output("hex")] public Output<string> Hex { get; private set; } = null!;
    [Output("b64Std")] public Output<string> B64Std { get; private set; } = null!;
    [Output("b64Url")] public Output<string> B64Url { get; private set; } = null!;
    [Output("dec")] public Output<string> Dec { get; private set; } = null!;
}

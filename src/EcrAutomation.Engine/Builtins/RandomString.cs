namespace EcrAutomation.Builtins;

/// <summary>A random string; regenerated only when an input changes.</summary>
public sealed class RandomString : CustomResource
{
    public RandomString(string name, RandomStringArgs args, CustomResourceOptions? options = null)
        : base(RandomProvider.RandomStringType, name, args, options) { }

    [Output("result")] public Output<string> Result { get; private set; } = null!;
}

namespace EcrAutomation.Builtins;

/// <summary>A random string; regenerated only when an input changes.</summary>
[ResourceType(RandomProvider.RandomStringType)]
public sealed class RandomString : CustomResource
{
    /// <summary>Declares a random string in the running program.</summary>
    /// <param name="name">The logical name.</param>
    /// <param name="args">The length, the character classes to use, and keepers whose change makes a new string.</param>
    /// <param name="options">Resource options.</param>
    public RandomString(string name, RandomStringArgs args, CustomResourceOptions? options = null)
        : base(RandomProvider.RandomStringType, name, args, options) { }

    /// <summary>The generated string.</summary>
    [Output("result")] public Output<string> Result { get; private set; } = null!;
}

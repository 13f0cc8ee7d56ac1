namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>A repository's lifecycle policy (<c>aws:ecr/lifecyclePolicy:LifecyclePolicy</c>).</summary>
public sealed class LifecyclePolicy : CustomResource
{
    public LifecyclePolicy(string name, LifecyclePolicyArgs args, CustomResourceOptions? options = null)
        : base(LifecyclePolicyProvider.Type, name, args, options) { }

    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LifecyclePolicy"/>.</summary>
public sealed class LifecyclePolicyArgs : ResourceArgs
{
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    /// <summary>The policy JSON text; it is validated with ECR's rules and stored in canonical form.</summary>
    [Input("policy")] public Input<string>? Policy { get; set; }
}

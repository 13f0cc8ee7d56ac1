namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>A repository's lifecycle policy (<c>aws:ecr/lifecyclePolicy:LifecyclePolicy</c>).</summary>
[ResourceType(LifecyclePolicyProvider.Type)]
public sealed class LifecyclePolicy : CustomResource
{
    /// <summary>Declares the lifecycle policy of a repository; <c>up</c> puts it on the repository (a repository has at most one).</summary>
    public LifecyclePolicy(string name, LifecyclePolicyArgs args, CustomResourceOptions? options = null)
        : base(LifecyclePolicyProvider.Type, name, args, options) { }

    /// <summary>The repository the policy belongs to (also the resource id).</summary>
    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    /// <summary>The policy JSON in canonical form.</summary>
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    /// <summary>The registry (account id) of the repository.</summary>
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LifecyclePolicy"/>.</summary>
public sealed class LifecyclePolicyArgs : ResourceArgs
{
    /// <summary>The name of the repository the policy applies to; changing it replaces the policy.</summary>
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    /// <summary>The policy JSON text; it is validated with ECR's rules and stored in canonical form.</summary>
    [Input("policy")] public Input<string>? Policy { get; set; }
}

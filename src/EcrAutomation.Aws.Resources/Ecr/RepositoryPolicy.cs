namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>A repository's permission policy (<c>aws:ecr/repositoryPolicy:RepositoryPolicy</c>).</summary>
[ResourceType(RepositoryPolicyProvider.Type)]
public sealed class RepositoryPolicy : CustomResource
{
    /// <summary>Declares the permission policy of a repository; <c>up</c> sets it on the repository (a repository has at most one).</summary>
    public RepositoryPolicy(string name, RepositoryPolicyArgs args, CustomResourceOptions? options = null)
        : base(RepositoryPolicyProvider.Type, name, args, options) { }

    /// <summary>The repository the policy belongs to (also the resource id).</summary>
    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    /// <summary>The policy JSON with sorted keys.</summary>
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    /// <summary>The registry (account id) of the repository.</summary>
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RepositoryPolicy"/>.</summary>
public sealed class RepositoryPolicyArgs : ResourceArgs
{
    /// <summary>The name of the repository the policy applies to; changing it replaces the policy.</summary>
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    /// <summary>The IAM policy document (JSON) granting access to the repository; <see cref="EcrPolicies"/> has ready-made ones.</summary>
    [Input("policy", required: true)] public Input<string>? Policy { get; set; }
}

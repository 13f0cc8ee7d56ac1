namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>A repository's permission policy (<c>aws:ecr/repositoryPolicy:RepositoryPolicy</c>).</summary>
public sealed class RepositoryPolicy : CustomResource
{
    public RepositoryPolicy(string name, RepositoryPolicyArgs args, CustomResourceOptions? options = null)
        : base(RepositoryPolicyProvider.Type, name, args, options) { }

    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RepositoryPolicy"/>.</summary>
public sealed class RepositoryPolicyArgs : ResourceArgs
{
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    [Input("policy", required: true)] public Input<string>? Policy { get; set; }
}

using System.Text.Json;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Lifecycle;
using EcrAutomation.Providers;
using EcrAutomation.State;
using LifecycleDocument = EcrAutomation.Lifecycle.LifecyclePolicy;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>
/// <c>aws:ecr/lifecyclePolicy:LifecyclePolicy</c>: the policy is validated locally with ECR's rules (so a bad policy fails
/// at preview, naming the rule) and stored in canonical form, so rule or key order never shows a perpetual diff.
/// </summary>
internal sealed class LifecyclePolicyProvider : IResourceProvider
{
    public const string Type = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.GetString("repository") is null && !IsUnknown(inputs, "repository"))
            failures.Add(new CheckFailure("repository", "the repository name is required"));
        if (!IsUnknown(inputs, "policy"))
        {
            var text = PolicyText(inputs);
            if (text is null) failures.Add(new CheckFailure("policy", "the lifecycle policy document is required"));
            else
            {
                try { inputs = inputs.Set("policy", PropertyValue.Of(LifecycleDocument.Canonicalize(text))); }
                catch (LifecyclePolicyException e) { failures.Add(new CheckFailure("policy", e.Message)); }
            }
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["repository"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var outputs = await PutAsync(request, request.Inputs, cancellationToken).ConfigureAwait(false);
        return new CreateResponse(request.Inputs.GetString("repository")!, outputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) =>
        new(await PutAsync(request, request.NewInputs, cancellationToken).ConfigureAwait(false));

    private static async Task<PropertyMap> PutAsync(ProviderRequest request, PropertyMap inputs, CancellationToken cancellationToken)
    {
        await GuardDeployedAsync(request, inputs, preview: false, cancellationToken).ConfigureAwait(false);
        var ecr = AwsConnections.For(request).Ecr;
        var response = await AwsCall.RunAsync(() => ecr.PutLifecyclePolicyAsync(new PutLifecyclePolicyRequest
        {
            RepositoryName = inputs.GetString("repository")!,
            LifecyclePolicyText = inputs.GetString("policy")!,
        }, cancellationToken)).ConfigureAwait(false);
        return inputs.Set("registryId", PropertyValue.Of(response.RegistryId));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        LifecyclePolicyResponse response;
        try { response = await ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = request.Id }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode is EcrErrorCodes.LifecyclePolicyNotFound or EcrErrorCodes.RepositoryNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("repository", PropertyValue.Of(request.Id))
            .Set("policy", PropertyValue.Of(LifecycleDocument.Canonicalize(response.LifecyclePolicyText!)));
        return new ReadResponse(request.Id, inputs.Set("registryId", PropertyValue.Of(response.RegistryId)), inputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        try { await ecr.DeleteLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = request.Id }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode is EcrErrorCodes.LifecyclePolicyNotFound or EcrErrorCodes.RepositoryNotFound) { }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    /// <summary>The repository's policy, if it is the one the inputs ask for (then an interrupted put took effect).</summary>
    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        RepositoryPolicyAdoption.FindInterruptedPutAsync(this, request, cancellationToken);

    /// <summary>Preview: warns when the policy would expire an image that an ECS task definition or an EKS Deployment uses.</summary>
    public async Task<PropertyMap> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken = default)
    {
        var unchanged = request.OldOutputs?.GetString("policy") == request.Inputs.GetString("policy") && request.OldOutputs?.GetString("repository") == request.Inputs.GetString("repository");
        if (!unchanged) await GuardDeployedAsync(request, request.Inputs, preview: true, cancellationToken).ConfigureAwait(false);
        var outputs = request.OldOutputs ?? PropertyMap.Empty;
        foreach (var (k, v) in request.Inputs) outputs = outputs.Set(k, v);
        return outputs;
    }

    /// <summary>
    /// Protects deployed images: up fails (unless ecr-automation:allowExpireDeployed is true, then it warns) and preview
    /// warns when the policy would expire an image that an ACTIVE ECS task definition or a Deployment in an EKS cluster
    /// runs (see DeployedImageGuard); workloads that could not be checked are named in warnings.
    /// </summary>
    private static async Task GuardDeployedAsync(ProviderRequest request, PropertyMap inputs, bool preview, CancellationToken cancellationToken)
    {
        if (inputs.GetString("repository") is not { } repository || inputs.GetString("policy") is not { } policy) return;
        DeployedImageScan scan;
        try { scan = await DeployedImageGuard.FindExpiringAsync(AwsConnections.For(request), repository, policy, cancellationToken).ConfigureAwait(false); }
        catch (AwsException e) { throw new ResourceProviderException($"could not check which images of '{repository}' are deployed before applying the lifecycle policy: {e.Message}", e); }
        foreach (var message in scan.Unchecked) request.Log.Warning(message);
        if (scan.Deployed.Count == 0) return;
        var described = DeployedImageGuard.Describe(repository, scan.Deployed);
        if (preview || DeployedImageGuard.Allowed(request)) request.Log.Warning(described);
        else throw new ResourceProviderException(described);
    }

    private static bool IsUnknown(PropertyMap inputs, string key) => inputs.TryGetValue(key, out var v) && v.ContainsUnknowns();

    /// <summary>The policy as JSON text, whether given as a string or as an object.</summary>
    internal static string? PolicyText(PropertyMap inputs)
    {
        if (!inputs.TryGetValue("policy", out var value)) return null;
        value = value.Unsecret();
        return value.Kind switch
        {
            PropertyKind.String => value.AsString,
            PropertyKind.Map => JsonSerializer.Serialize(PropertyJson.ToDisplayObject(value.AsMap)),
            _ => null,
        };
    }
}

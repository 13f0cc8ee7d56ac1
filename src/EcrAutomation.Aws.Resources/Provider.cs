namespace EcrAutomation.Aws.Resources;

/// <summary>
/// An explicit <c>aws</c> provider (<c>pulumi:providers:aws</c>, Pulumi's <c>Pulumi.Aws.Provider</c>): resources that choose
/// it with <c>Provider =</c> in their options use its region, endpoints and credentials instead of the stack's <c>aws:*</c>
/// config, so one stack can deploy to several accounts, regions or endpoints.
/// </summary>
[ResourceType("pulumi:providers:aws")]
public sealed class Provider : ProviderResource
{
    /// <summary>Registers the provider; its arguments are recorded in state as its config (the secret key encrypted).</summary>
    public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
        : base("aws", name, args ?? new ProviderArgs(), options) { }
}

/// <summary>The <c>aws</c> provider's settings, named as Pulumi's aws provider names its config keys.</summary>
public sealed class ProviderArgs : ResourceArgs
{
    /// <summary>The region, like <c>aws:region</c>.</summary>
    [Input("region")] public Input<string>? Region { get; set; }

    /// <summary>A shared-config profile, like <c>aws:profile</c>.</summary>
    [Input("profile")] public Input<string>? Profile { get; set; }

    /// <summary>Static access key id, like <c>aws:accessKey</c>.</summary>
    [Input("accessKey")] public Input<string>? AccessKey { get; set; }

    /// <summary>Static secret key, like <c>aws:secretKey</c>; recorded as a secret.</summary>
    [Input("secretKey")] public Input<string>? SecretKey
    {
        get => _secretKey;
        set => _secretKey = value is null ? null : (Input<string>)Output.CreateSecret((Output<string>)value);
    }

    /// <summary>Session token, like <c>aws:token</c>; recorded as a secret.</summary>
    [Input("token")] public Input<string>? Token
    {
        get => _token;
        set => _token = value is null ? null : (Input<string>)Output.CreateSecret((Output<string>)value);
    }

    /// <summary>One endpoint URL for every service, like <c>aws:endpoint</c>.</summary>
    [Input("endpoint")] public Input<string>? Endpoint { get; set; }

    /// <summary>Endpoint URLs per service, like <c>aws:endpoints</c> (<c>[{"ecr": "http://..."}]</c>).</summary>
    [Input("endpoints")] public InputList<InputMap<string>>? Endpoints { get; set; }

    /// <summary>Retries after the first attempt, like <c>aws:maxRetries</c>.</summary>
    [Input("maxRetries")] public Input<int>? MaxRetries { get; set; }

    /// <summary>Like <c>aws:skipCredentialsValidation</c>.</summary>
    [Input("skipCredentialsValidation")] public Input<bool>? SkipCredentialsValidation { get; set; }

    /// <summary>Like <c>aws:skipMetadataApiCheck</c>.</summary>
    [Input("skipMetadataApiCheck")] public Input<bool>? SkipMetadataApiCheck { get; set; }

    private Input<string>? _secretKey;
    private Input<string>? _token;
}

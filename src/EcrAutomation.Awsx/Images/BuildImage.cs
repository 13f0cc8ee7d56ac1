using System.Collections.Immutable;

namespace EcrAutomation.Awsx.Images;

/// <summary>
/// The custom resource that builds and pushes one image (<c>docker-build:index:Image</c>, managed by
/// <see cref="ImageProvider"/>). Property names follow pulumi-docker-build where they overlap.
/// </summary>
[ResourceType(TypeToken)]
public sealed class BuildImage : CustomResource
{
    /// <summary>The type token.</summary>
    public const string TypeToken = "docker-build:index:Image";

    /// <summary>Registers the resource.</summary>
    public BuildImage(string name, BuildImageArgs args, CustomResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The pushed manifest digest, <c>sha256:…</c>.</summary>
    [Output("digest")] public Output<string> Digest { get; private set; } = null!;

    /// <summary>The first tag with the digest appended, <c>repo:tag@sha256:…</c>.</summary>
    [Output("ref")] public Output<string> Ref { get; private set; } = null!;

    /// <summary>The content hash (Dockerfile, args, target, platform and every non-ignored context file).</summary>
    [Output("contextHash")] public Output<string> ContextHash { get; private set; } = null!;

    /// <summary>The pushed tags (<c>repo:tag</c>), with the default tag filled in.</summary>
    [Output("tags")] public Output<ImmutableArray<string>> Tags { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="BuildImage"/>. There is deliberately no password: the provider fetches it from ECR.</summary>
public sealed class BuildImageArgs : ResourceArgs
{
    /// <summary>
    /// <c>repo:tag</c> references to push. A reference without a tag (just the repository URL) gets the default tag
    /// derived from the content hash.
    /// </summary>
    [Input("tags")] public InputList<string>? Tags { get; set; }

    /// <summary>Whether to push (default true).</summary>
    [Input("push")] public Input<bool>? Push { get; set; }

    /// <summary>The build context.</summary>
    [Input("context")] public BuildContextArgs? Context { get; set; }

    /// <summary>The Dockerfile (default <c>&lt;context&gt;/Dockerfile</c>).</summary>
    [Input("dockerfile")] public DockerfileArgs? Dockerfile { get; set; }

    /// <summary>Build arguments.</summary>
    [Input("buildArgs")] public InputMap<string>? BuildArgs { get; set; }

    /// <summary>Target stage.</summary>
    [Input("target")] public Input<string>? Target { get; set; }

    /// <summary>Target platforms; one is supported (default <c>linux/amd64</c>).</summary>
    [Input("platforms")] public InputList<string>? Platforms { get; set; }

    /// <summary>Cache sources for the Docker engine.</summary>
    [Input("cacheFrom")] public InputList<CacheFromArgs>? CacheFrom { get; set; }

    /// <summary>Registries to log in to; the password is fetched by the provider from ECR GetAuthorizationToken.</summary>
    [Input("registries")] public InputList<RegistryArgs>? Registries { get; set; }

    /// <summary><c>auto</c> (default), <c>daemonless</c> or <c>docker</c>.</summary>
    [Input("builder")] public Input<string>? Builder { get; set; }
}

/// <summary>The build context location (docker-build's <c>context</c>).</summary>
public sealed class BuildContextArgs : ResourceArgs
{
    /// <summary>The folder, relative to the project folder.</summary>
    [Input("location")] public Input<string>? Location { get; set; }
}

/// <summary>The Dockerfile location (docker-build's <c>dockerfile</c>).</summary>
public sealed class DockerfileArgs : ResourceArgs
{
    /// <summary>The file, relative to the project folder.</summary>
    [Input("location")] public Input<string>? Location { get; set; }
}

/// <summary>A cache source (docker-build's <c>cacheFrom[].registry</c>).</summary>
public sealed class CacheFromArgs : ResourceArgs
{
    /// <summary>The registry cache reference.</summary>
    [Input("registry")] public CacheFromRegistryArgs? Registry { get; set; }
}

/// <summary>A registry cache reference.</summary>
public sealed class CacheFromRegistryArgs : ResourceArgs
{
    /// <summary>The image reference.</summary>
    [Input("ref")] public Input<string>? Ref { get; set; }
}

/// <summary>A registry login without the password (docker-build's <c>registries[]</c>).</summary>
public sealed class RegistryArgs : ResourceArgs
{
    /// <summary>The registry host.</summary>
    [Input("address")] public Input<string>? Address { get; set; }

    /// <summary>The user name (<c>AWS</c> for ECR).</summary>
    [Input("username")] public Input<string>? Username { get; set; }

    /// <summary>The registry (account) id for GetAuthorizationToken; null derives it from the address.</summary>
    [Input("registryId")] public Input<string>? RegistryId { get; set; }
}

using System.Collections.Immutable;
using EcrAutomation.Awsx.Images;

namespace EcrAutomation.Awsx.Ecr;

/// <summary>
/// <c>awsx:ecr:Image</c>: builds the Dockerfile in a folder and publishes the image to an ECR repository during
/// <c>up</c>. It registers one child <see cref="BuildImage"/> (<c>docker-build:index:Image</c>) whose provider
/// (<see cref="ImageProvider"/>) rebuilds and pushes only when the content hash or a build input changes.
/// </summary>
/// <example>
/// <code>
/// var repository = new Repository("repository");
/// var image = new Image("image", new ImageArgs { RepositoryUrl = repository.Url, Path = "./app" });
/// </code>
/// </example>
[ResourceType(TypeToken)]
public sealed class Image : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "awsx:ecr:Image";

    /// <summary>The platform used when none is given: never the host's architecture.</summary>
    public const string DefaultPlatform = "linux/amd64";

    /// <summary>Registers the component and its child build resource.</summary>
    public Image(string name, ImageArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var repositoryUrl = ((Output<string>)(args.RepositoryUrl
            ?? throw new ArgumentException("awsx:ecr:Image needs RepositoryUrl (for example repository.Url).", nameof(args)))).Apply(WithoutScheme);

        Output<BuildImage> child;
        if (args.ImageName is null && args.ImageTag is null)
        {
            // The usual case: the child is named after the component, so content changes update it in place.
            child = Output.Create(CreateChild(name, args, repositoryUrl, explicitTag: null));
        }
        else
        {
            // awsx: imageName (else imageTag) names the child and is the pushed tag.
            child = Output.Tuple<string?, string?>(Optional(args.ImageName), Optional(args.ImageTag)).Apply(t =>
            {
                var tag = t.Item1 ?? t.Item2 ?? name;
                return CreateChild(tag, args, repositoryUrl, tag);
            });
        }

        Child = child;
        var digest = child.Apply(c => c.Digest);
        ImageUri = Output.Tuple<string, string>(repositoryUrl, digest).Apply(t => $"{StripTag(t.Item1)}@{t.Item2}");
        Tag = child.Apply(c => c.Tags).Apply(tags => tags.IsDefaultOrEmpty ? "" : TagOf(tags[0]));
        RegisterOutputs(new Dictionary<string, object?> { ["imageUri"] = ImageUri, ["tag"] = Tag });
    }

    /// <summary>The pushed image, digest-pinned and without a tag: <c>&lt;repositoryUrl&gt;@sha256:&lt;digest&gt;</c>.</summary>
    [Output("imageUri")] public Output<string> ImageUri { get; }

    /// <summary>The pushed tag (derived from the content hash unless <c>ImageTag</c>/<c>ImageName</c> is set).</summary>
    [Output("tag")] public Output<string> Tag { get; }

    /// <summary>The child build resource.</summary>
    public Output<BuildImage> Child { get; }

    private BuildImage CreateChild(string childName, ImageArgs args, Output<string> repositoryUrl, string? explicitTag)
    {
        var registry = repositoryUrl.Apply(url => RegistryHost(url));
        var buildArgs = new BuildImageArgs
        {
            Tags = new InputList<string> { explicitTag is null ? repositoryUrl : repositoryUrl.Apply(url => $"{StripTag(url)}:{explicitTag}") },
            Push = true,
            Context = new BuildContextArgs { Location = args.Context ?? "." },
            Dockerfile = args.Dockerfile is null ? null : new DockerfileArgs { Location = args.Dockerfile },
            BuildArgs = args.Args,
            Target = args.Target,
            Platforms = new InputList<string> { args.Platform ?? DefaultPlatform },
            CacheFrom = args.CacheFrom is null ? null
                : (InputList<CacheFromArgs>)((Output<ImmutableArray<string>>)args.CacheFrom).Apply(refs => refs.Select(r => new CacheFromArgs { Registry = new CacheFromRegistryArgs { Ref = r } }).ToImmutableArray()),
            Registries = new InputList<RegistryArgs> { new RegistryArgs { Address = registry, Username = "AWS", RegistryId = args.RegistryId } },
            Builder = args.Builder is null ? null : (Input<string>)((Output<ImageBuilder>)args.Builder).Apply(b => b.ToString().ToLowerInvariant()),
        };
        return new BuildImage(childName, buildArgs, new CustomResourceOptions { Parent = this });
    }

    private static Output<string?> Optional(Input<string>? input) =>
        input is null ? Output.Create((string?)null) : ((Output<string>)input).Apply(v => (string?)v);

    /// <summary>A repository URL without an <c>https://</c> or <c>http://</c> prefix (image references have none).</summary>
    internal static string WithoutScheme(string repositoryUrl)
    {
        var scheme = repositoryUrl.IndexOf("://", StringComparison.Ordinal);
        return scheme >= 0 ? repositoryUrl[(scheme + 3)..] : repositoryUrl;
    }

    /// <summary>The registry host of a repository URL (<c>https://</c> prefix and tag tolerated).</summary>
    internal static string RegistryHost(string repositoryUrl)
    {
        var url = repositoryUrl.Contains("://", StringComparison.Ordinal) ? repositoryUrl : "https://" + repositoryUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("Repository URL is not a valid URL.");
        }

        return uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
    }

    /// <summary>Removes a <c>:tag</c> (not a port) and any <c>@digest</c> from a reference.</summary>
    internal static string StripTag(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) reference = reference[..at];
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash && slash >= 0 ? reference[..colon] : reference;
    }

    /// <summary>The tag of a <c>repo:tag</c> reference, or empty.</summary>
    internal static string TagOf(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) reference = reference[..at];
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash && slash >= 0 ? reference[(colon + 1)..] : "";
    }
}

/// <summary>Arguments of <see cref="Image"/> (awsx's <c>awsx:ecr:Image</c> inputs plus <see cref="Builder"/>).</summary>
public sealed class ImageArgs : ResourceArgs
{
    /// <summary>The ECR repository URL to push to, e.g. <c>123456789012.dkr.ecr.us-east-1.amazonaws.com/app</c>. Required.</summary>
    [Input("repositoryUrl", required: true)] public Input<string>? RepositoryUrl { get; set; }

    /// <summary>The build context folder, relative to the project folder. <value>Default <c>.</c></value>.</summary>
    [Input("context")] public Input<string>? Context { get; set; }

    /// <summary>The old name of <see cref="Context"/> (awsx before 2.0, and the seed's <c>Path = "./app"</c>).</summary>
    public Input<string>? Path
    {
        get => Context;
        set => Context = value;
    }

    /// <summary>The Dockerfile, relative to the project folder. <value>Default <c>&lt;context&gt;/Dockerfile</c></value>.</summary>
    [Input("dockerfile")] public Input<string>? Dockerfile { get; set; }

    /// <summary>Build arguments (<c>--build-arg</c>); part of the content hash.</summary>
    [Input("args")] public InputMap<string>? Args { get; set; }

    /// <summary>The stage to build. <value>Default the last stage</value>.</summary>
    [Input("target")] public Input<string>? Target { get; set; }

    /// <summary>Target platform. <value>Default <c>linux/amd64</c>, never the host's architecture</value>.</summary>
    [Input("platform")] public Input<string>? Platform { get; set; }

    /// <summary>Images whose layers the Docker engine may reuse (ignored by the daemonless builder, which needs no cache).</summary>
    [Input("cacheFrom")] public InputList<string>? CacheFrom { get; set; }

    /// <summary>Names the child resource and is the pushed tag; wins over <see cref="ImageTag"/>.</summary>
    [Input("imageName")] public Input<string>? ImageName { get; set; }

    /// <summary>The pushed tag. <value>Default derived from the content hash: a changed app gets a new tag, an unchanged one keeps it</value>.</summary>
    [Input("imageTag")] public Input<string>? ImageTag { get; set; }

    /// <summary>The registry (account) id for GetAuthorizationToken. <value>Default the first label of the repository URL's host when it is an account id</value>.</summary>
    [Input("registryId")] public Input<string>? RegistryId { get; set; }

    /// <summary>Which builder to use. <value>Default <see cref="ImageBuilder.Auto"/></value>.</summary>
    [Input("builder")] public Input<ImageBuilder>? Builder { get; set; }
}

/// <summary>Which builder an <see cref="Image"/> uses.</summary>
public enum ImageBuilder
{
    /// <summary>Daemonless when the Dockerfile allows it (no <c>RUN</c>), otherwise the Docker engine.</summary>
    Auto,

    /// <summary>Always the daemonless, reproducible builder; a Dockerfile that needs an engine is an error.</summary>
    Daemonless,

    /// <summary>Always the Docker engine at <c>DOCKER_HOST</c> (default <c>unix:///var/run/docker.sock</c>).</summary>
    Docker,
}

namespace EcrAutomation.Awsx.Ecr;

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

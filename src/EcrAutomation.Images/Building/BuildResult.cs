using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>A built image: manifest (exact bytes), config and layers, all but base layers stored locally.</summary>
public sealed record BuildResult
{
    /// <summary>The manifest bytes; its digest is the image digest.</summary>
    public required ManifestContent Manifest { get; init; }

    /// <summary>The image digest (<c>sha256:…</c> of the manifest bytes).</summary>
    public Digest Digest => Manifest.Digest;

    /// <summary>The descriptor of the image config blob, as the manifest references it.</summary>
    public required Descriptor ConfigDescriptor { get; init; }

    /// <summary>The image config: platform, environment, entrypoint, history and the layers' diff ids.</summary>
    public required ImageConfig Config { get; init; }

    /// <summary>Local path of the config blob.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Every layer of the image in manifest order, base image layers first, with where its bytes are.</summary>
    public required IReadOnlyList<BuiltLayer> Layers { get; init; }

    /// <summary>The OCI image layout directory holding the built blobs (readable by skopeo as <c>oci:&lt;dir&gt;:&lt;ref&gt;</c>).</summary>
    public required string OciLayoutPath { get; init; }

    /// <summary>The reference name under which the manifest is recorded in the layout's <c>index.json</c>.</summary>
    public required string OciReference { get; init; }

    /// <summary>The platform the image was built for (the request's, linux/amd64 by default).</summary>
    public required Platform Platform { get; init; }

    /// <summary>Every diagnostics line the build produced.</summary>
    public required IReadOnlyList<string> Diagnostics { get; init; }

    /// <summary>A push request for this image; base layers are mounted or streamed from their registry.</summary>
    public ImagePushRequest ToPushRequest(string repository, string? tag, Func<string, RegistryClient>? sourceClients = null)
    {
        var blobs = new List<BlobSource> { BlobSource.FromFile(ConfigDescriptor, ConfigPath) };
        blobs.AddRange(Layers.Select(l => new BlobSource
        {
            Descriptor = l.Descriptor,
            FilePath = l.LocalPath,
            SourceRegistry = l.SourceRegistry,
            SourceRepository = l.SourceRepository,
        }));
        return new ImagePushRequest { Repository = repository, Tag = tag, Manifest = Manifest, Blobs = blobs, SourceClients = sourceClients };
    }
}

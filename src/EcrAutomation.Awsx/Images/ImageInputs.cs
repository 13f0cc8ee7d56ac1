using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Images;

/// <summary>A registry login from the inputs (no password: it is fetched from ECR when needed).</summary>
internal sealed record RegistryLogin(string Address, string Username, string? RegistryId);

/// <summary>The typed view of a <c>docker-build:index:Image</c> input map. Unknown values (preview) read as null.</summary>
internal sealed record ImageInputs
{
    public required IReadOnlyList<string?> Tags { get; init; }
    public bool Push { get; init; } = true;
    public string? ContextLocation { get; init; }
    public string? DockerfileLocation { get; init; }
    /// <summary>Null when unknown.</summary>
    public IReadOnlyDictionary<string, string>? BuildArgs { get; init; }
    public bool BuildArgsKnown { get; init; } = true;
    public string? Target { get; init; }
    public string Platform { get; init; } = Ecr.Image.DefaultPlatform;
    public IReadOnlyList<string> CacheFrom { get; init; } = [];
    public IReadOnlyList<RegistryLogin> Registries { get; init; } = [];
    public string Builder { get; init; } = "auto";
    public string? ContextHash { get; init; }

    public static ImageInputs From(PropertyMap map)
    {
        var tags = List(map, "tags").Select(v => v.Kind == PropertyKind.String ? v.AsString : null).ToList();
        var platforms = List(map, "platforms").Where(v => v.Kind == PropertyKind.String).Select(v => v.AsString).ToList();
        Dictionary<string, string>? buildArgs = new(StringComparer.Ordinal);
        var argsKnown = true;
        if (map.TryGetValue("buildArgs", out var args))
        {
            var plain = args.Unsecret();
            if (plain.ContainsUnknowns())
            {
                buildArgs = null;
                argsKnown = false;
            }
            else if (plain.Kind == PropertyKind.Map)
            {
                foreach (var (k, v) in plain.AsMap)
                {
                    if (v.Kind == PropertyKind.String) buildArgs[k] = v.AsString;
                }
            }
        }

        return new ImageInputs
        {
            Tags = tags,
            Push = map.GetBool("push") ?? true,
            ContextLocation = Nested(map, "context", "location") ?? (IsUnknown(map, "context") ? null : "."),
            DockerfileLocation = Nested(map, "dockerfile", "location"),
            BuildArgs = buildArgs,
            BuildArgsKnown = argsKnown,
            Target = map.GetString("target"),
            Platform = platforms.FirstOrDefault() ?? Ecr.Image.DefaultPlatform,
            CacheFrom = [.. List(map, "cacheFrom").Select(v => v.Unsecret()).Where(v => v.Kind == PropertyKind.Map)
                .Select(v => v.AsMap.TryGetValue("registry", out var r) && r.Kind == PropertyKind.Map ? r.AsMap.GetString("ref") : null)
                .OfType<string>()],
            Registries = [.. List(map, "registries").Select(v => v.Unsecret()).Where(v => v.Kind == PropertyKind.Map)
                .Select(v => new RegistryLogin(v.AsMap.GetString("address") ?? "", v.AsMap.GetString("username") ?? "AWS", v.AsMap.GetString("registryId")))
                .Where(r => r.Address.Length > 0)],
            Builder = (map.GetString("builder") ?? "auto").ToLowerInvariant(),
            ContextHash = map.GetString("contextHash"),
        };
    }

    /// <summary>True when the context, Dockerfile, args and target are all known, so the content hash can be computed.</summary>
    public bool CanHash(PropertyMap map) =>
        ContextLocation is not null && BuildArgsKnown && !IsUnknown(map, "dockerfile") && !IsUnknown(map, "target") && !IsUnknown(map, "platforms");

    private static IEnumerable<PropertyValue> List(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.List } list ? list.AsList : [];

    private static string? Nested(PropertyMap map, string key, string inner) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.Map } m ? m.AsMap.GetString(inner) : null;

    public static bool IsUnknown(PropertyMap map, string key) => map.TryGetValue(key, out var v) && v.ContainsUnknowns();
}

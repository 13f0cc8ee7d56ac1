using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>Legacy discovery documents (<c>/api</c>, <c>/apis</c>, group versions): what kubectl reads to map kinds to paths.</summary>
internal static class Discovery
{
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(GroupNames().Select(g => (JsonNode)Group(g)).ToArray()),
    };

    public static JsonObject Group(string group)
    {
        var version = ResourceCatalog.All.First(d => d.Group == group).Version;
        var groupVersion = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(groupVersion),
            ["preferredVersion"] = groupVersion.DeepClone(),
        };
    }

    public static IEnumerable<string> GroupNames() =>
        ResourceCatalog.All.Where(d => d.Group.Length > 0).Select(d => d.Group).Distinct();

    public static JsonObject? Resources(string group, string version)
    {
        var definitions = ResourceCatalog.All.Where(d => d.Group == group && d.Version == version).ToList();
        if (definitions.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var definition in definitions)
        {
            var entry = new JsonObject
            {
                ["name"] = definition.Plural,
                ["singularName"] = definition.Singular,
                ["namespaced"] = definition.Namespaced,
                ["kind"] = definition.Kind,
                ["verbs"] = new JsonArray(ResourceDefinition.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (definition.ShortNames.Length > 0)
            {
                entry["shortNames"] = new JsonArray(definition.ShortNames.Select(s => (JsonNode)s).ToArray());
            }

            if (definition.Categories.Length > 0)
            {
                entry["categories"] = new JsonArray(definition.Categories.Select(s => (JsonNode)s).ToArray());
            }

            resources.Add(entry);
            if (definition.HasStatus)
            {
                resources.Add(Subresource(definition, "status", definition.Kind, null, null));
            }

            if (definition.Resource == KubernetesResources.Pods)
            {
                var log = Subresource(definition, "log", "Pod", null, null);
                log["verbs"] = new JsonArray("get");
                resources.Add(log);
            }

            if (definition.HasScale)
            {
                resources.Add(Subresource(definition, "scale", "Scale", "autoscaling", "v1"));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(ResourceDefinition definition, string name, string kind, string? group, string? version)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{definition.Plural}/{name}",
            ["singularName"] = string.Empty,
            ["namespaced"] = definition.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray("get", "patch", "update"),
        };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }

        return entry;
    }
}

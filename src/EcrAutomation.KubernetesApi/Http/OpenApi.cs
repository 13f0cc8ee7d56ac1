using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>
/// A minimal <c>/openapi/v3</c>: per group version, the item paths with a PATCH operation that names its kind
/// (<c>x-kubernetes-group-version-kind</c>) and takes <c>fieldValidation</c>, which is what kubectl looks for to validate
/// on the server. The PATCH request bodies do not list strategic merge patch, so kubectl computes those patches from its
/// built-in types (the same patches), and no schemas are served.
/// </summary>
internal static class OpenApi
{
    public const string Hash = "ecr-automation-1";

    public static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var prefix in GroupVersionPrefixes())
        {
            paths[prefix] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{prefix}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static IEnumerable<string> GroupVersionPrefixes() =>
        ResourceCatalog.All.Select(d => d.Group.Length == 0 ? $"api/{d.Version}" : $"apis/{d.Group}/{d.Version}").Distinct();

    public static JsonObject? Document(string prefix)
    {
        var definitions = ResourceCatalog.All.Where(d => (d.Group.Length == 0 ? $"api/{d.Version}" : $"apis/{d.Group}/{d.Version}") == prefix).ToList();
        if (definitions.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var definition in definitions)
        {
            var item = definition.Namespaced
                ? $"/{prefix}/namespaces/{{namespace}}/{definition.Plural}/{{name}}"
                : $"/{prefix}/{definition.Plural}/{{name}}";
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{definition.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = definition.Group, ["version"] = definition.Version, ["kind"] = definition.Kind },
                    ["parameters"] = new JsonArray(
                        Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
                    ["requestBody"] = new JsonObject
                    {
                        ["content"] = new JsonObject
                        {
                            ["application/apply-patch+yaml"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                            ["application/json-patch+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                            ["application/merge-patch+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                        },
                        ["required"] = true,
                    },
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
    };
}

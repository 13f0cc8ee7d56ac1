using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>
/// The summaries of KubernetesClient's XML documentation file (shipped in its package next to the assembly): Kubernetes'
/// own descriptions of its types and fields, which the generated code carries as its XML docs.
/// </summary>
internal sealed partial class ModelDocs
{
    private readonly Dictionary<string, string> _summaries;

    private ModelDocs(Dictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Reads the documentation file next to KubernetesClient's assembly.</summary>
    public static ModelDocs Load()
    {
        var path = Path.ChangeExtension(typeof(k8s.Models.V1Pod).Assembly.Location, ".xml");
        if (!File.Exists(path))
            throw new FileNotFoundException($"KubernetesClient's documentation file is missing at {path}; the project copies it from the package (CopyDocumentationFilesFromPackages).", path);
        var summaries = XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Whitespace().Replace(m.Element("summary")!.Value, " ").Trim(), StringComparer.Ordinal);
        return new ModelDocs(summaries);
    }

    /// <summary>The description of a model class, or null.</summary>
    public string? Of(Type model) => _summaries.GetValueOrDefault("T:" + model.FullName) is { Length: > 0 } s ? s : null;

    /// <summary>The description of a model field, or null.</summary>
    public string? Of(PropertyInfo property) =>
        _summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}") is { Length: > 0 } s ? s : null;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

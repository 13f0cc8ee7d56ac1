using System.Globalization;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>Resolves an IntOrString such as <c>maxSurge: 25%</c> against a total, rounding as the Deployment controller does.</summary>
internal static class IntOrPercent
{
    public static int Resolve(JsonNode? value, string fallback, int total, bool roundUp)
    {
        var text = value?.ToString() ?? fallback;
        if (text.EndsWith('%'))
        {
            var percent = double.Parse(text[..^1], CultureInfo.InvariantCulture);
            var exact = percent * total / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }
}

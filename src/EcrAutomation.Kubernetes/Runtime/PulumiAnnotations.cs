using System.Globalization;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>The <c>pulumi.com/*</c> annotations pulumi-kubernetes reads from an object's <c>metadata.annotations</c>.</summary>
internal static class PulumiAnnotations
{
    public const string AutoNamed = "pulumi.com/autonamed";
    public const string SkipAwait = "pulumi.com/skipAwait";
    public const string TimeoutSeconds = "pulumi.com/timeoutSeconds";
    public const string PatchForce = "pulumi.com/patchForce";
    public const string PatchFieldManager = "pulumi.com/patchFieldManager";
    public const string DeletionPropagationPolicy = "pulumi.com/deletionPropagationPolicy";

    /// <summary>The annotation's value, or null when the object does not have it.</summary>
    public static string? Get(PropertyMap obj, string annotation) => ObjectConversion.StringAt(obj, "metadata", "annotations", annotation);

    /// <summary>Whether the annotation is set to <c>true</c>.</summary>
    public static bool IsTrue(PropertyMap obj, string annotation) => string.Equals(Get(obj, annotation), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// How long to wait for readiness or deletion: the program's custom timeout, else <c>pulumi.com/timeoutSeconds</c>,
    /// else 10 minutes (pulumi-kubernetes' default for its kinds).
    /// </summary>
    /// <exception cref="ResourceProviderException">The annotation is not a whole number of seconds.</exception>
    public static TimeSpan Timeout(PropertyMap obj, TimeSpan? customTimeout)
    {
        if (customTimeout is { } custom) return custom;
        if (Get(obj, TimeoutSeconds) is not { } text) return TimeSpan.FromMinutes(10);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ResourceProviderException($"the annotation {TimeoutSeconds} is '{text}'; give a whole number of seconds greater than 0, e.g. \"300\"");
    }
}

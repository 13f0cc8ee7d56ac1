using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>What the controllers read from a pod's status.</summary>
internal static class PodStatus
{
    public static bool IsReady(JsonObject pod)
        => pod.Condition("Ready")?["status"].Text() == "True" && !pod.IsTerminating();

    public static bool IsFinished(JsonObject pod) => pod["status"]?["phase"].Text() is "Succeeded" or "Failed";

    public static string? PodIp(JsonObject pod) => pod["status"]?["podIP"].Text();
}

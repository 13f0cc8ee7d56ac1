using System.Globalization;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Where the kubelet keeps what containers write, as a real kubelet does under <c>/var/log/pods</c>: one folder per pod
/// (<c>&lt;namespace&gt;_&lt;name&gt;_&lt;uid&gt;</c>) beside the cluster's objects, one file per container instance
/// (<c>&lt;container&gt;/&lt;restartCount&gt;.log</c>), in the CRI format (<c>&lt;RFC 3339 time&gt; &lt;stream&gt; F &lt;text&gt;</c>).
/// The current and the previous instance are kept (<c>kubectl logs --previous</c>); the folder goes with the pod.
/// </summary>
internal static class PodLogFiles
{
    public static string PodDirectory(string storeDirectory, string @namespace, string name, string uid)
        => Path.Combine(storeDirectory, "pod-logs", $"{@namespace}_{name}_{uid}");

    public static string InstanceFile(string podDirectory, string container, int restartCount)
        => Path.Combine(podDirectory, container, restartCount.ToString(CultureInfo.InvariantCulture) + ".log");

    public static string Format(PodLogLine line)
        => $"{line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)} {line.Stream} F {line.Text}\n";

    /// <summary>The text of one stored line, with its timestamp in front when asked (<c>--timestamps</c>).</summary>
    public static string Render(string stored, bool timestamps)
    {
        var parts = stored.Split(' ', 4);
        if (parts.Length < 4)
        {
            return stored;
        }

        return timestamps ? parts[0] + " " + parts[3] : parts[3];
    }

    /// <summary>Removes instance files older than the previous one.</summary>
    public static void KeepCurrentAndPrevious(string podDirectory, string container, int restartCount)
    {
        var folder = Path.Combine(podDirectory, container);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.log"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var instance) && instance < restartCount - 1)
            {
                File.Delete(file);
            }
        }
    }
}

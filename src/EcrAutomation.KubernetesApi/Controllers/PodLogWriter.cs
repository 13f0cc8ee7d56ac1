using System.Text;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>Appends one container instance's lines to its log file as the runtime delivers them (from its reader threads).</summary>
internal sealed class PodLogWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _file;
    private bool _closed;

    public PodLogWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    public void Write(PodLogLine line)
    {
        var bytes = Encoding.UTF8.GetBytes(PodLogFiles.Format(line));
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _file.Write(bytes);
            _file.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _file.Dispose();
        }
    }
}

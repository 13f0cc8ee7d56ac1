namespace EcrAutomation.Workloads;

/// <summary>
/// A machine-wide lock (an exclusive lock on a file under /run) held while a host picks a sandbox address block and puts
/// its gateway address on the new veth, so hosts in different processes never pick the same block.
/// </summary>
internal static class MachineLock
{
    private const string LockFile = "/run/ecr-automation/sandbox-addresses.lock";

    public static async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockFile)!);
        while (true)
        {
            try
            {
                // On Linux, FileShare.None takes flock(LOCK_EX | LOCK_NB): held until disposed, released if the process dies.
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

using System.Globalization;
using System.Runtime.InteropServices;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// Tests that send Ctrl+C (SIGINT) to the processes they start need those processes to take the signal as from a
/// terminal. A test run started in the background of a non-interactive shell (<c>cmd &amp;</c>, <c>nohup</c>) ignores
/// SIGINT, and ignored signals are inherited, so the CLI would never see the Ctrl+C the test sends (correctly: such a
/// process should ignore it). Call <see cref="RestoreDefault"/> before starting them.
/// </summary>
public static partial class InterruptSignal
{
    private const int SigInt = 2;

    /// <summary>When this process ignores SIGINT, sets it back to the default, so the children it starts from now on receive it.</summary>
    public static void RestoreDefault()
    {
        if (!OperatingSystem.IsLinux() || !IsIgnored()) return;
        // The runtime installed no handler for an ignored SIGINT, so setting the default replaces nothing of its own.
        if (Signal(SigInt, IntPtr.Zero) == new IntPtr(-1))
            throw new InvalidOperationException($"signal(SIGINT, SIG_DFL) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Whether SIGINT is ignored, read from the SigIgn mask in <c>/proc/self/status</c>.</summary>
    public static bool IsIgnored()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (SigInt - 1))) != 0;
    }

    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}

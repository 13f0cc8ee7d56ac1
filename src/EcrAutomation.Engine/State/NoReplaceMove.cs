using System.Runtime.InteropServices;

namespace EcrAutomation.State;

/// <summary>
/// Puts a fully written temp file in place only when nothing is there yet, atomically. <see cref="File.Move(string, string, bool)"/>
/// without overwrite does not do that on Unix: it checks that the destination is absent and then renames, so two racing
/// movers can both "win" (and the lock taken by a conditional create would have two holders). A hard link fails
/// atomically when the name exists; on Windows the move itself fails atomically.
/// </summary>
internal static class NoReplaceMove
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>Moves <paramref name="temp"/> to <paramref name="path"/>; false (and the temp file left) when <paramref name="path"/> exists.</summary>
    public static bool TryMove(string temp, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try { File.Move(temp, path, overwrite: false); return true; }
            catch (IOException) when (File.Exists(path)) { return false; }
        }
        if (Link(temp, path) == 0)
        {
            File.Delete(temp);
            return true;
        }
        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists ? false : throw new IOException($"could not create '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existingPath, string newPath);
}

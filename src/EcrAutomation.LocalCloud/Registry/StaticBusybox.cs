namespace EcrAutomation.LocalCloud.Registry;

/// <summary>
/// Checks the host's busybox that the Docker Hub mirror's <c>library/busybox</c> is made of: it must exist and be
/// statically linked, since the image contains nothing else (a dynamic busybox could not run in it).
/// </summary>
internal static class StaticBusybox
{
    private const string InstallHint = "install Debian's busybox-static package (sudo apt-get install busybox-static) or run scripts/install-prerequisites.sh";

    /// <summary>Null when <paramref name="path"/> is a statically linked executable; otherwise what is wrong and how to fix it.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path)) return $"the local cloud's docker.io/library/busybox mirror is made from the host's {path}, which is missing: {InstallHint}";
        return IsStaticElf(path) ? null
            : $"{path} is not statically linked, so it cannot run alone in the local cloud's docker.io/library/busybox mirror: {InstallHint}";
    }

    /// <summary>Whether the file is an ELF executable without a PT_INTERP program header (no dynamic loader).</summary>
    private static bool IsStaticElf(string path)
    {
        const uint interpreterHeader = 3; // PT_INTERP
        using var reader = new BinaryReader(File.OpenRead(path));
        var identity = reader.ReadBytes(16);
        if (identity.Length < 16 || !identity.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || identity[5] != 1)
        {
            return false;
        }

        var is64Bit = identity[4] == 2;
        reader.BaseStream.Position = is64Bit ? 0x20 : 0x1C;
        var headersOffset = is64Bit ? reader.ReadInt64() : reader.ReadUInt32();
        reader.BaseStream.Position = is64Bit ? 0x36 : 0x2A;
        var headerSize = reader.ReadUInt16();
        var headerCount = reader.ReadUInt16();
        for (var i = 0; i < headerCount; i++)
        {
            reader.BaseStream.Position = headersOffset + (i * headerSize);
            if (reader.ReadUInt32() == interpreterHeader)
            {
                return false;
            }
        }

        return true;
    }
}

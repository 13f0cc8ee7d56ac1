using EcrAutomation.Cli.Programs;

namespace EcrAutomation.Cli.Tests;

/// <summary>The image program's base image needs the host's static busybox; without it the error says how to get it.</summary>
public sealed class BusyboxPrerequisiteTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("busybox-check-");

    [Fact]
    public void RequireStaticBusybox_Missing_NamesThePackageAndTheScript()
    {
        var ex = Should.Throw<InvalidOperationException>(() => ImageProgram.RequireStaticBusybox(_folder.FullName));

        ex.Message.ShouldContain(Path.Combine(_folder.FullName, "busybox"));
        ex.Message.ShouldContain("busybox-static");
        ex.Message.ShouldContain("scripts/install-prerequisites.sh");
    }

    [Fact]
    public void RequireStaticBusybox_DynamicallyLinked_NamesThePackageAndTheScript()
    {
        // Debian's /bin/ls is dynamically linked, like the binary of the "busybox" package (not "busybox-static").
        File.Copy("/bin/ls", Path.Combine(_folder.FullName, "busybox"));

        var ex = Should.Throw<InvalidOperationException>(() => ImageProgram.RequireStaticBusybox(_folder.FullName));

        ex.Message.ShouldContain("not statically linked");
        ex.Message.ShouldContain("busybox-static");
        ex.Message.ShouldContain("scripts/install-prerequisites.sh");
    }

    [Fact]
    public void RequireStaticBusybox_StaticExecutable_Accepted()
    {
        File.WriteAllBytes(Path.Combine(_folder.FullName, "busybox"), StaticElfHeader());

        Should.NotThrow(() => ImageProgram.RequireStaticBusybox(_folder.FullName));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>A 64-bit ELF header with one PT_LOAD program header and no PT_INTERP: what a static binary starts with.</summary>
    private static byte[] StaticElfHeader()
    {
        var bytes = new byte[64 + 56];
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // little-endian
        BitConverter.TryWriteBytes(bytes.AsSpan(0x20), 64L); // e_phoff
        BitConverter.TryWriteBytes(bytes.AsSpan(0x36), (ushort)56); // e_phentsize
        BitConverter.TryWriteBytes(bytes.AsSpan(0x38), (ushort)1); // e_phnum
        BitConverter.TryWriteBytes(bytes.AsSpan(64), 1); // PT_LOAD
        return bytes;
    }
}

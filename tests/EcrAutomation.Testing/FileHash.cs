namespace EcrAutomation.Testing;

/// <summary>Content hashes of files, to prove an operation left them untouched.</summary>
public static class FileHash
{
    public static string Of(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}

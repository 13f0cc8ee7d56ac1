namespace EcrAutomation.Cli.Tests;

/// <summary>Copies the repository's demo app (app/), or another of its folders, into a test's folder, so tests can edit it.</summary>
internal static class DemoApp
{
    public static void CopyTo(string projectDirectory) => CopyDirectory(Path.Combine(RepositoryRoot(), "app"), Path.Combine(projectDirectory, "app"));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "app", "Dockerfile"))) return dir.FullName;
        throw new InvalidOperationException("the repository's app/ folder was not found above the test output folder");
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

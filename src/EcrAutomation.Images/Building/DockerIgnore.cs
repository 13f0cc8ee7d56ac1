using System.Text;
using System.Text.RegularExpressions;

namespace EcrAutomation.Images.Building;

/// <summary>
/// <c>.dockerignore</c> patterns with Docker's semantics: Go <c>filepath.Match</c> syntax plus <c>**</c> for any number of
/// directories, <c>!</c> exceptions, the last matching pattern wins, and a pattern that matches a parent directory
/// excludes everything below it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exclusion)> _patterns;

    /// <summary>Creates a matcher from pattern lines (comments and blank lines are ignored).</summary>
    public DockerIgnore(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var patterns = new List<(Regex, bool)>();
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclusion = line.StartsWith('!');
            if (exclusion)
            {
                line = line[1..].Trim();
            }

            line = CleanPath(line);
            if (line.Length == 0 || line == ".")
            {
                continue;
            }

            patterns.Add((new Regex("^" + ToRegex(line, allowDoubleStar: true) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline), exclusion));
        }

        _patterns = patterns;
        HasExceptions = patterns.Any(p => p.Item2);
    }

    /// <summary>A matcher that excludes nothing.</summary>
    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>Whether any <c>!</c> exception exists (then excluded directories must still be walked).</summary>
    public bool HasExceptions { get; }

    /// <summary>
    /// Loads the ignore file for a build: <c>&lt;Dockerfile&gt;.dockerignore</c> next to the Dockerfile wins, then
    /// <c>&lt;context&gt;/.dockerignore</c>; none means nothing is excluded.
    /// </summary>
    public static DockerIgnore Load(string contextDirectory, string? dockerfilePath)
    {
        if (dockerfilePath is not null)
        {
            var specific = dockerfilePath + ".dockerignore";
            if (File.Exists(specific))
            {
                return new DockerIgnore(File.ReadAllLines(specific));
            }
        }

        var general = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(general) ? new DockerIgnore(File.ReadAllLines(general)) : Empty;
    }

    /// <summary>Whether a context-relative path (with <c>/</c> separators) is excluded.</summary>
    public bool IsExcluded(string relativePath)
    {
        if (_patterns.Count == 0)
        {
            return false;
        }

        var path = CleanPath(relativePath);
        var parents = path.Split('/');
        var excluded = false;
        foreach (var (pattern, exclusion) in _patterns)
        {
            // Only patterns that could flip the current answer need evaluating.
            if (exclusion != excluded)
            {
                continue;
            }

            var match = pattern.IsMatch(path);
            for (var i = 1; !match && i < parents.Length; i++)
            {
                match = pattern.IsMatch(string.Join('/', parents, 0, i));
            }

            if (match)
            {
                excluded = !exclusion;
            }
        }

        return excluded;
    }

    /// <summary>Cleans a path like Go's <c>filepath.Clean</c> and strips leading <c>/</c> and <c>./</c>.</summary>
    internal static string CleanPath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Converts a Go <c>filepath.Match</c> pattern (optionally with <c>**</c>) into a regex body.</summary>
    internal static string ToRegex(string pattern, bool allowDoubleStar)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when allowDoubleStar && i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    builder.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append("\\[");
                        break;
                    }

                    var set = pattern[(i + 1)..close];
                    builder.Append('[').Append(set.StartsWith('^') || set.StartsWith('!') ? "^" + Regex.Escape(set[1..]).Replace("\\-", "-", StringComparison.Ordinal) : Regex.Escape(set).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    builder.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}

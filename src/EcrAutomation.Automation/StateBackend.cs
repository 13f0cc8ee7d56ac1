using System.Globalization;
using EcrAutomation.State;

namespace EcrAutomation.Automation;

/// <summary>Resolves a workspace's backend URL as the Pulumi CLI does, and opens its storage.</summary>
internal static class StateBackend
{
    /// <summary>The variable the Pulumi CLI reads a backend URL from.</summary>
    public const string UrlVariable = "PULUMI_BACKEND_URL";

    /// <summary>The variable that sets the stack lock lease in seconds.</summary>
    public const string LockLeaseVariable = "ECR_AUTOMATION_LOCK_LEASE";

    /// <summary>The options' URL, else <c>PULUMI_BACKEND_URL</c>, else Pulumi.yaml's <c>backend: url:</c>, else the state root folder.</summary>
    public static IStateStorage Open(LocalWorkspaceOptions options, ProjectSettings project, string stateRoot, Func<string, string?> environment)
    {
        var url = Nonempty(options.BackendUrl) ?? Nonempty(environment(UrlVariable)) ?? Nonempty(project.BackendUrl);
        if (url is null) return new FileStateStorage(stateRoot);
        if (url.StartsWith("file://", StringComparison.Ordinal)) return new FileStateStorage(FilePath(url));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new InvalidInputException($"the backend URL '{url}' is not a URL; use file://PATH or s3://bucket/prefix?region=REGION");
        if (uri.Scheme != "s3")
            throw new InvalidInputException($"the backend URL '{url}' has the scheme '{uri.Scheme}', which is not supported; use file://PATH or s3://bucket/prefix?region=REGION");
        var factory = options.StateStorageFactory
            ?? throw new InvalidInputException($"the backend URL '{url}' needs an S3 client: set LocalWorkspaceOptions.StateStorageFactory = S3StateStorage.Open (package EcrAutomation.State.S3)");
        try { return factory(uri); }
        catch (ArgumentException e) { throw new InvalidInputException($"the backend URL is not valid: {e.Message}", e); }
    }

    /// <summary>The lease from the options, else <c>ECR_AUTOMATION_LOCK_LEASE</c> (seconds), else the default.</summary>
    public static TimeSpan LockLease(LocalWorkspaceOptions options, Func<string, string?> environment)
    {
        if (options.LockLease is { } lease)
            return lease > TimeSpan.Zero ? lease : throw new InvalidInputException($"the lock lease must be positive (got {lease})");
        var text = Nonempty(environment(LockLeaseVariable));
        if (text is null) return StackStore.DefaultLockLease;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidInputException($"{LockLeaseVariable}='{text}' is not a positive number of seconds");
    }

    /// <summary><c>file://~/x</c> is in the home folder, <c>file:///x</c> absolute, <c>file://x</c> relative to the current folder.</summary>
    private static string FilePath(string url)
    {
        var path = Uri.UnescapeDataString(url["file://".Length..]);
        if (path.Length == 0) throw new InvalidInputException($"the backend URL '{url}' names no folder; use file://PATH, e.g. file://~ or file:///var/state");
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        return Path.GetFullPath(path);
    }

    private static string? Nonempty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

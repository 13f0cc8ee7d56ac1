using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.Providers;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>
/// One cluster as a provider's config names it (<c>kubernetes:kubeconfig</c> as a path or contents, else
/// <c>KUBECONFIG</c>, else <c>~/.kube/config</c>; <c>kubernetes:context</c>; <c>kubernetes:namespace</c>), and the raw
/// JSON requests the provider makes to its API server through KubernetesClient (which also runs exec credential plugins
/// such as <c>aws eks get-token</c>). One per run and cluster, shared through the run's <see cref="DeploymentScope"/>.
/// </summary>
internal sealed class ClusterConnection : IDisposable
{
    public const string KubeconfigKey = "kubernetes:kubeconfig";
    public const string ContextKey = "kubernetes:context";
    public const string NamespaceKey = "kubernetes:namespace";
    public const string EnableServerSideApplyKey = "kubernetes:enableServerSideApply";

    private readonly k8s.Kubernetes _client;

    private ClusterConnection(k8s.Kubernetes client, string defaultNamespace)
    {
        _client = client;
        DefaultNamespace = defaultNamespace;
    }

    /// <summary>The namespace of namespaced objects that set none: the provider's <c>namespace</c>, else <c>default</c>.</summary>
    public string DefaultNamespace { get; }

    /// <summary>The namespace objects without one go to under <paramref name="config"/> (no cluster call).</summary>
    public static string DefaultNamespaceOf(IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue(NamespaceKey, out var ns) && !string.IsNullOrWhiteSpace(ns) ? ns : "default";

    /// <summary>Pulumi's wire value of a value not known yet (what a provider's config holds for an unknown input at preview).</summary>
    public const string UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    /// <summary>
    /// Whether <paramref name="config"/> leads to a cluster: a known kubeconfig in config, else <c>KUBECONFIG</c> or
    /// <c>~/.kube/config</c>. Not when the provider's kubeconfig or context is not known yet (a cluster this run creates).
    /// </summary>
    public static bool IsConfigured(IReadOnlyDictionary<string, string> config) =>
        config.GetValueOrDefault(KubeconfigKey) != UnknownValue && config.GetValueOrDefault(ContextKey) != UnknownValue
        && (config.ContainsKey(KubeconfigKey) || Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } || File.Exists(DefaultKubeconfigPath));

    /// <summary>The connection for the cluster <paramref name="request"/>'s config names, created once per run.</summary>
    public static ClusterConnection For(ProviderRequest request)
    {
        var kubeconfig = request.Config.GetValueOrDefault(KubeconfigKey);
        var context = request.Config.GetValueOrDefault(ContextKey);
        var ns = DefaultNamespaceOf(request.Config);
        var key = "kubernetes:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kubeconfig}\n{context}\n{ns}")));
        var awsCredentials = AwsCredentialVariables(request.Config);
        if (awsCredentials.Count > 0) key += Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", awsCredentials))));
        return request.Scope.GetOrAdd(key, () => Create(kubeconfig, context, ns, awsCredentials));
    }

    private static string DefaultKubeconfigPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>
    /// The stack's <c>aws:*</c> credentials as the environment of an <c>aws</c> exec credential plugin (<c>aws eks
    /// get-token</c>, pulumi-eks' kubeconfig), so the token is made for the identity the stack deploys with, also when
    /// that identity is stack config rather than the process environment (pulumi-eks#669; the CLI's local-cloud runs).
    /// </summary>
    private static Dictionary<string, string> AwsCredentialVariables(IReadOnlyDictionary<string, string> config)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, variable) in new[] { ("aws:accessKey", "AWS_ACCESS_KEY_ID"), ("aws:secretKey", "AWS_SECRET_ACCESS_KEY"), ("aws:token", "AWS_SESSION_TOKEN"), ("aws:profile", "AWS_PROFILE") })
            if (config.GetValueOrDefault(key) is { Length: > 0 } value && value != UnknownValue) variables[variable] = value;
        return variables;
    }

    /// <summary>Gives the <c>aws</c> exec plugins of <paramref name="kubeconfig"/> the stack's credentials (entries the kubeconfig sets itself win).</summary>
    private static void PassAwsCredentials(K8SConfiguration kubeconfig, IReadOnlyDictionary<string, string> awsCredentials)
    {
        if (awsCredentials.Count == 0) return;
        foreach (var exec in AwsExecPlugins(kubeconfig))
        {
            exec.EnvironmentVariables ??= [];
            var set = exec.EnvironmentVariables.Select(e => e.TryGetValue("name", out var n) ? n : null).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, value) in awsCredentials)
                if (!set.Contains(name)) exec.EnvironmentVariables.Add(new Dictionary<string, string> { ["name"] = name, ["value"] = value });
        }
    }

    private static IEnumerable<ExternalExecution> AwsExecPlugins(K8SConfiguration kubeconfig) =>
        (kubeconfig.Users ?? []).Select(u => u.UserCredentials?.ExternalExecution)
            .Where(e => e?.Command is { } command && Path.GetFileName(command) == "aws")!;

    private static ClusterConnection Create(string? kubeconfig, string? context, string ns, IReadOnlyDictionary<string, string> awsCredentials)
    {
        K8SConfiguration parsed;
        try
        {
            parsed = kubeconfig switch
            {
                null => LoadDefault(),
                _ when LooksLikeContents(kubeconfig) => KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig))),
                _ => LoadFile(ExpandHome(kubeconfig)),
            };
        }
        catch (Exception e) when (e is not ResourceProviderException)
        {
            throw new ResourceProviderException($"the kubeconfig could not be read: {e.Message}. Set kubernetes:kubeconfig (a path or the file's contents) to a valid kubeconfig.", e);
        }
        PassAwsCredentials(parsed, awsCredentials);
        KubernetesClientConfiguration configuration;
        try { configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(parsed, string.IsNullOrEmpty(context) ? null : context); }
        catch (KubeConfigException e) when (e.Message.Contains("external exec", StringComparison.Ordinal) && ExecOf(parsed, context) is { } exec)
        {
            var command = string.Join(' ', [exec.Command, .. exec.Arguments ?? []]);
            throw new ResourceProviderException(
                $"the kubeconfig's credential command `{command}` did not print a credential: run it to see why. For `aws eks get-token`, " +
                "the aws CLI needs credentials: the stack's aws:accessKey/aws:secretKey (or aws:profile) are passed to it, else the usual AWS sources apply.", e);
        }
        catch (Exception e)
        {
            throw new ResourceProviderException($"the kubeconfig has no usable context{(string.IsNullOrEmpty(context) ? "" : $" '{context}'")}: {e.Message}. Set kubernetes:context to one of its contexts.", e);
        }
        return new ClusterConnection(new k8s.Kubernetes(configuration), ns);
    }

    private static ExternalExecution? ExecOf(K8SConfiguration kubeconfig, string? context)
    {
        var contextName = string.IsNullOrEmpty(context) ? kubeconfig.CurrentContext : context;
        var user = kubeconfig.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails?.User;
        return kubeconfig.Users?.FirstOrDefault(u => u.Name == user)?.UserCredentials?.ExternalExecution;
    }

    private static bool LooksLikeContents(string value) =>
        value.TrimStart().StartsWith('{') || value.Contains('\n', StringComparison.Ordinal) || value.Contains("apiVersion", StringComparison.Ordinal);

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;

    private static K8SConfiguration LoadFile(string path) => File.Exists(path)
        ? KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path))
        : throw new ResourceProviderException($"the kubeconfig file '{path}' does not exist; set kubernetes:kubeconfig to an existing file or to the kubeconfig's contents");

    private static K8SConfiguration LoadDefault()
    {
        // Of a KUBECONFIG list, the first file that exists (kubectl merges them; one file is the common case).
        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } paths
            && paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists) is { } first)
            return KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(first));
        return File.Exists(DefaultKubeconfigPath)
            ? KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(DefaultKubeconfigPath))
            : throw new ResourceProviderException("no kubeconfig: set kubernetes:kubeconfig (a path or the file's contents) on the provider, or KUBECONFIG, or write ~/.kube/config");
    }

    /// <summary>GETs an object; null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        try { return await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false); }
        catch (KubernetesApiException e) when (e.IsNotFound) { return null; }
    }

    /// <summary>Lists the items of a collection, optionally filtered by a label selector.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string collectionPath, string? labelSelector, CancellationToken cancellationToken)
    {
        var query = labelSelector is null ? "" : "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        var list = await SendAsync(HttpMethod.Get, collectionPath + query, null, null, cancellationToken).ConfigureAwait(false);
        return [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>Creates an object (POST; for names the server generates), recording <paramref name="fieldManager"/> as its manager; <paramref name="dryRun"/> only validates.</summary>
    public Task<JsonObject> CreateAsync(string collectionPath, JsonObject body, string fieldManager, bool dryRun, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, collectionPath + Query(("fieldManager", fieldManager), ("dryRun", dryRun ? "All" : null)),
            JsonContent(body, "application/json"), null, cancellationToken);

    /// <summary>Server-side apply (<c>application/apply-patch+yaml</c>; JSON is YAML) as <paramref name="fieldManager"/>.</summary>
    public Task<JsonObject> ApplyAsync(string path, JsonObject body, string fieldManager, bool force, bool dryRun, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path + Query(("fieldManager", fieldManager), ("force", force ? "true" : null), ("dryRun", dryRun ? "All" : null)),
            JsonContent(body, "application/apply-patch+yaml"), null, cancellationToken);

    /// <summary>Deletes an object with a propagation policy; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string path, string propagationPolicy, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, path, JsonContent(new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = propagationPolicy }, "application/json"),
                null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound) { return false; }
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }

    private static StringContent JsonContent(JsonNode body, string mediaType)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _client.BaseUri.ToString().TrimEnd('/') + pathAndQuery) { Content = content };
        request.Headers.Accept.ParseAdd(accept ?? "application/json");
        if (_client.Credentials is { } credentials) await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        using var response = await _client.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? body = null;
        try { body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { }
        if (response.IsSuccessStatusCode) return body ?? new JsonObject();
        var causes = (body?["details"]?["causes"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => c["field"]?.GetValue<string>() is { } field ? $"{field}: {c["message"]?.GetValue<string>()}" : c["message"]?.GetValue<string>() ?? "")
            .ToList();
        throw new KubernetesApiException(response.StatusCode, body?["reason"]?.GetValue<string>() ?? response.StatusCode.ToString(),
            body?["message"]?.GetValue<string>() is { Length: > 0 } message ? message : $"{(int)response.StatusCode} {response.ReasonPhrase}: {text}", causes);
    }

    public void Dispose() => _client.Dispose();
}

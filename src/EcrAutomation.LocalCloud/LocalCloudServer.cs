using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Ecr;
using EcrAutomation.LocalCloud.Ecs;
using EcrAutomation.LocalCloud.Elb;
using EcrAutomation.LocalCloud.Eks;
using EcrAutomation.LocalCloud.Hosting;
using EcrAutomation.LocalCloud.Moto;
using EcrAutomation.LocalCloud.Registry;
using EcrAutomation.LocalCloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// The local cloud: one loopback HTTP endpoint serving a real ECR (the awsJson API plus an OCI registry under
/// <c>/v2/</c>) and forwarding every other AWS request to a <c>moto_server</c> child process.
/// ECR state (repositories, images, policies, blobs) persists in <see cref="LocalCloudOptions.DataDirectory"/>, and so
/// does moto's, as a journal of the requests that changed it, replayed when moto starts (see <see cref="MotoJournal"/>).
/// </summary>
public sealed partial class LocalCloudServer : IAsyncDisposable
{
    /// <summary>Header carrying the admin key (from the state file) for the admin endpoints.</summary>
    public const string AdminKeyHeader = "X-LocalCloud-Admin-Key";

    private readonly WebApplication _app;
    private readonly RegistryState _state;
    private readonly RegistryTokens _tokens;
    private readonly LifecycleRunner _lifecycle;
    private readonly MotoServer _moto;
    private readonly EksControlPlane _eks;
    private readonly EksImageResolver _images;
    private EcsScheduler _ecs = null!;
    private readonly FileStream _lock;
    private readonly string _adminKey;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _writeStateFile;
    private readonly int? _recordedRunningTasks;
    private int _stopping;

    private LocalCloudServer(WebApplication app, RegistryState state, RegistryTokens tokens, LifecycleRunner lifecycle, MotoServer moto, FileStream lockFile, string adminKey, LocalCloudOptions options)
    {
        _app = app;
        _state = state;
        _tokens = tokens;
        _lifecycle = lifecycle;
        _moto = moto;
        _lock = lockFile;
        var images = _images = new EksImageResolver(state, () => Port);
        var eksLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EcrAutomation.LocalCloud.Eks");
        _eks = new EksControlPlane(
            Path.GetFullPath(options.DataDirectory), options.AccountId, options.Region, options.TimeProvider,
            (settings, ct) => EksClusterHost.StartAsync(settings, images, Containers, FrontDoors, options.Region, options.TimeProvider, eksLogger, ct),
            eksLogger);
        Targets = new TargetRegistry(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EcrAutomation.LocalCloud.Elb"));
        _adminKey = adminKey;
        _writeStateFile = options.WriteStateFile;
        _recordedRunningTasks = options.RecordedRunningTasksPerService;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        AccountId = options.AccountId;
        Region = options.Region;
    }

    /// <summary>The AWS endpoint, <c>http://127.0.0.1:&lt;port&gt;/</c> (use it as <c>--endpoint-url</c> / <c>AWS_ENDPOINT_URL</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The registry host, <c>localhost:&lt;port&gt;</c>: docker and dotnet treat <c>localhost</c> as plain HTTP
    /// automatically. Repository URIs are <c>&lt;RegistryHost&gt;/&lt;name&gt;</c>.</summary>
    public string RegistryHost { get; private set; } = null!;

    /// <summary>The loopback TCP port the server listens on (chosen by the OS when the options ask for port 0).</summary>
    public int Port { get; private set; }

    /// <summary>The full path of the data directory holding repositories, blobs and moto's journal; a later start on it sees the same state.</summary>
    public string DataDirectory { get; }

    /// <summary>Account id used in ARNs and registry ids.</summary>
    public string AccountId { get; }

    /// <summary>The region of the ARNs and endpoints the local cloud answers with; clients sign their requests for it.</summary>
    public string Region { get; }

    /// <summary>The host names served on loopback ports (ALB DNS names, EKS LoadBalancer hostnames).</summary>
    internal FrontDoors FrontDoors { get; } = new();

    /// <summary>The load balancers' target groups: registered targets and their health.</summary>
    internal TargetRegistry Targets { get; }

    /// <summary>Completes when the server has stopped (via <see cref="StopAsync"/> or the shutdown admin endpoint).</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Whether moto answers (awaits its start); false when moto is disabled, missing or failed.</summary>
    public async Task<bool> IsMotoAvailableAsync() => await _moto.Ready.ConfigureAwait(false) is not null;

    /// <summary>Why the AWS services other than ECR are unavailable (moto_server missing, failed or disabled), or null while it runs or starts.</summary>
    public string? MotoFailureReason => _moto.FailureReason;

    /// <summary>Starts a local cloud on 127.0.0.1.</summary>
    /// <exception cref="InvalidOperationException">Another local cloud already uses the data directory.</exception>
    public static async Task<LocalCloudServer> StartAsync(LocalCloudOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(dataDirectory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Another local cloud is already using the data directory {dataDirectory}.", ex);
        }

        try
        {
            // We hold the lock, so any moto left for this folder is from an instance that died.
            MotoServer.KillOrphans(dataDirectory);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory });
            builder.Logging.ClearProviders();
            options.ConfigureLogging?.Invoke(builder.Logging);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, options.Port);
                k.Limits.MaxRequestBodySize = null;
                k.AddServerHeader = false;
            });

            var state = new RegistryState(dataDirectory, options.AccountId, options.Region, options.TimeProvider);
            var tokens = new RegistryTokens(dataDirectory, options.TimeProvider);
            var lifecycle = new LifecycleRunner(state);
            builder.Services.AddSingleton(lifecycle);
            builder.Services.AddHttpForwarder();
            if (options.LifecyclePolicyInterval is { } interval && interval > TimeSpan.Zero)
            {
                builder.Services.AddHostedService(_ => new LifecycleScheduler(lifecycle, interval, options.TimeProvider));
            }

            var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EcrAutomation.LocalCloud");
            var moto = options.StartMoto ? MotoServer.Start(options.MotoServerExecutable, options.AccountId, dataDirectory, logger) : MotoServer.Disabled();
            var adminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var server = new LocalCloudServer(app, state, tokens, lifecycle, moto, lockFile, adminKey, options);
            server.Configure(logger);
            try
            {
                server.Containers = await StartContainersAsync(options, dataDirectory, state, app.Services.GetRequiredService<ILoggerFactory>(), logger, cancellationToken).ConfigureAwait(false);
                server._ecs.Start(server.Containers);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                if (server.Containers is { } containers)
                {
                    await containers.DisposeAsync().ConfigureAwait(false);
                }

                await moto.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.Port = new Uri(address).Port;
            server.Endpoint = new Uri($"http://127.0.0.1:{server.Port}/");
            server.RegistryHost = $"localhost:{server.Port}";
            try
            {
                await server._eks.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            if (server._writeStateFile)
            {
                await new LocalCloudState(
                    Environment.ProcessId, server.Endpoint, server.RegistryHost, dataDirectory, options.AccountId, options.Region,
                    options.TimeProvider.GetUtcNow(), adminKey).WriteAsync(cancellationToken).ConfigureAwait(false);
            }

            return server;
        }
        catch
        {
            await lockFile.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs a local cloud in the foreground (for <c>local serve</c>): starts it, calls <paramref name="started"/>, and stops
    /// it when <paramref name="cancellationToken"/> is cancelled (Ctrl+C/SIGTERM) or a shutdown is requested.
    /// </summary>
    public static async Task RunAsync(LocalCloudOptions options, Action<LocalCloudServer>? started = null, CancellationToken cancellationToken = default)
    {
        await using var server = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        started?.Invoke(server);
        try
        {
            await server.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Issues a registry password (what <c>aws ecr get-login-password</c> prints), valid for 12 hours.</summary>
    public string CreateRegistryPassword() => _tokens.Issue(AccountId).Password;

    /// <summary>Applies the stored lifecycle policies now (all repositories, or one), expiring images as AWS would.</summary>
    public Task<LifecycleApplyResult> ApplyLifecyclePoliciesAsync(string? repositoryName = null, CancellationToken cancellationToken = default)
        => _lifecycle.ApplyAsync(repositoryName, cancellationToken);

    /// <summary>Deletes stored blobs that no image references (blobs written in the last hour are kept).</summary>
    public Task<int> CollectGarbageAsync(CancellationToken cancellationToken = default) => _state.CollectGarbageAsync(cancellationToken);

    /// <summary>Stops the server and moto and removes the state file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            await _stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await _ecs.DisposeAsync().ConfigureAwait(false);
            await _eks.DisposeAsync().ConfigureAwait(false);
            await StopLoadBalancersAsync().ConfigureAwait(false);
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            if (Containers is { } containers)
            {
                await containers.DisposeAsync().ConfigureAwait(false);
            }

            await _moto.DisposeAsync().ConfigureAwait(false);
            if (_writeStateFile && LocalCloudState.TryRead(DataDirectory)?.AdminKey == _adminKey)
            {
                File.Delete(LocalCloudState.PathFor(DataDirectory));
            }
        }
        finally
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
            _stopped.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Configure(ILogger logger)
    {
        var registry = new RegistryEndpoint(_state, _tokens, () => RegistryHost);
        var ecr = new EcrApi(_state, _tokens, _lifecycle, () => RegistryHost, () => Endpoint);
        var proxy = new MotoProxy(_moto);
        var eks = new EksApi(_eks);
        var dockerHub = new DockerHubMirror();
        // Tasks are real processes, so ECS runs on the real clock.
        _ecs = new EcsScheduler(DataDirectory, AccountId, Region, TimeProvider.System, new MotoCaller(proxy, TimeProvider.System), _images, Targets,
            _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EcrAutomation.LocalCloud.Ecs"));
        var ecs = new EcsApi(proxy, _ecs, AccountId, _recordedRunningTasks);
        var elb = CreateElbApi(proxy, logger);
        _app.Lifetime.ApplicationStopped.Register(proxy.Dispose);
        _app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            try
            {
                if (await TryServeFrontDoorAsync(context).ConfigureAwait(false))
                {
                    return;
                }

                // Pulls of Docker Hub's official images without ECR credentials are the mirror's (anonymous, as builders ask
                // a mirror; some clients send empty Basic credentials); with ECR credentials they are ECR's.
                if (DockerHubMirror.Handles(path) && !_tokens.ValidateBasicHeader(context.Request.Headers.Authorization.ToString(), _state.AccountId))
                {
                    await dockerHub.HandleAsync(context).ConfigureAwait(false);
                    return;
                }

                if (path == "/v2" || path.StartsWith("/v2/", StringComparison.Ordinal))
                {
                    if (path == "/v2")
                    {
                        context.Request.Path = "/v2/";
                    }

                    await registry.HandleAsync(context).ConfigureAwait(false);
                    return;
                }

                if (path.StartsWith("/_localcloud/", StringComparison.Ordinal))
                {
                    await AdminAsync(context, ecr, path).ConfigureAwait(false);
                    return;
                }

                var target = context.Request.Headers["X-Amz-Target"].ToString();
                var service = SigningService(context.Request.Headers.Authorization.ToString());
                var isEcr = target.StartsWith(EcrApi.TargetPrefix, StringComparison.Ordinal) || service is "ecr" or "api.ecr";
                var hasCredentials = context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("X-Amz-Credential");
                if (!hasCredentials && !path.StartsWith("/moto-api", StringComparison.Ordinal))
                {
                    await EcrApi.WriteErrorAsync(context, 403, "MissingAuthenticationTokenException", "Missing Authentication Token").ConfigureAwait(false);
                    return;
                }

                if (isEcr)
                {
                    var operation = target.StartsWith(EcrApi.TargetPrefix, StringComparison.Ordinal) ? target[EcrApi.TargetPrefix.Length..] : string.Empty;
                    await ecr.HandleAsync(context, operation).ConfigureAwait(false);
                    return;
                }

                if (target.StartsWith(EcsApi.TargetPrefix, StringComparison.Ordinal))
                {
                    await ecs.HandleAsync(context, target[EcsApi.TargetPrefix.Length..]).ConfigureAwait(false);
                    return;
                }

                if (service == "eks")
                {
                    await eks.HandleAsync(context).ConfigureAwait(false);
                    return;
                }

                if (service == ElbApi.SigningService)
                {
                    await elb.HandleAsync(context).ConfigureAwait(false);
                    return;
                }

                await proxy.ForwardAsync(context).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                logger.LogError(ex, "Request {Method} {Path} failed", context.Request.Method, path);
                context.Response.Clear();
                await EcrApi.WriteErrorAsync(context, 500, "ServerException", "Internal error in the local cloud: " + ex.GetType().Name).ConfigureAwait(false);
            }
        });
    }

    private async Task AdminAsync(HttpContext context, EcrApi ecr, string path)
    {
        var request = context.Request;
        if (path == "/_localcloud/health" && HttpMethods.IsGet(request.Method))
        {
            var motoReady = _moto.Ready.IsCompletedSuccessfully ? (_moto.Ready.Result is null ? "unavailable" : "running") : "starting";
            var body = new JsonObject
            {
                ["status"] = "ok",
                ["endpoint"] = Endpoint.ToString(),
                ["registryHost"] = RegistryHost,
                ["dataDirectory"] = DataDirectory,
                ["accountId"] = AccountId,
                ["region"] = Region,
                ["moto"] = motoReady,
                ["eksClusters"] = JsonSerializer.SerializeToNode(await _eks.SummariesAsync(context.RequestAborted).ConfigureAwait(false), JsonSerializerOptions.Web),
            };
            if (_moto.FailureReason is not null)
            {
                body["motoMessage"] = _moto.FailureReason;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var layer = LayerPath().Match(path);
        if (layer.Success && HttpMethods.IsGet(request.Method))
        {
            var digest = layer.Groups["digest"].Value;
            if (!ecr.ValidateDownload(digest, request.Query["expires"], request.Query["signature"]) || !_state.Blobs.Exists(digest))
            {
                context.Response.StatusCode = 403;
                return;
            }

            context.Response.ContentType = "application/octet-stream";
            await context.Response.SendFileAsync(_state.Blobs.PathOf(digest), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (path == "/_localcloud/frontdoors" && HttpMethods.IsGet(request.Method))
        {
            await WriteFrontDoorsAsync(context).ConfigureAwait(false);
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(request.Headers[AdminKeyHeader].ToString()),
                System.Text.Encoding.UTF8.GetBytes(_adminKey)))
        {
            context.Response.StatusCode = 403;
            return;
        }

        if (path == "/_localcloud/shutdown" && HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = 202;
            _ = Task.Run(async () =>
            {
                await Task.Delay(100).ConfigureAwait(false);
                await StopAsync().ConfigureAwait(false);
            });
            return;
        }

        if (path == "/_localcloud/lifecycle/apply" && HttpMethods.IsPost(request.Method))
        {
            var repository = request.Query["repository"].ToString();
            try
            {
                var result = await ApplyLifecyclePoliciesAsync(repository.Length == 0 ? null : repository, context.RequestAborted).ConfigureAwait(false);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(result, System.Text.Json.JsonSerializerOptions.Web), context.RequestAborted).ConfigureAwait(false);
            }
            catch (EcrException ex)
            {
                await EcrApi.WriteErrorAsync(context, ex.StatusCode, ex.ErrorType, ex.Message).ConfigureAwait(false);
            }

            return;
        }

        context.Response.StatusCode = 404;
    }

    /// <summary>The service name of a SigV4 credential scope: <c>Credential=AKID/date/region/SERVICE/aws4_request</c>.</summary>
    internal static string? SigningService(string authorization)
    {
        var match = CredentialScope().Match(authorization);
        return match.Success ? match.Groups["service"].Value : null;
    }

    [GeneratedRegex(@"Credential=[^/,\s]+/\d{8}/[^/]+/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();

    [GeneratedRegex("^/_localcloud/layers/(?<digest>sha256:[a-f0-9]{64})$")]
    private static partial Regex LayerPath();
}

using EcrAutomation.Aws.Ecs;
using EcrAutomation.Providers;
using EcsService = EcrAutomation.Aws.Ecs.Service;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>
/// <c>aws:ecs/service:Service</c>. Name, cluster, launch type and scheduling strategy replace; task definition, desired
/// count, network configuration, load balancers and deployment settings update in place. Create and update wait for a
/// steady state (one deployment, running = desired) unless <c>waitForSteadyState</c> is false, reporting progress as
/// diagnostics. Delete scales the service to 0, deletes it (force) and waits until it is inactive. Id = the service ARN.
/// </summary>
internal sealed class ServiceProvider(AwsProviderOptions? options = null) : IResourceProvider
{
    public const string Type = "aws:ecs/service:Service";

    private TimeSpan PollInterval { get; } = (options ?? new AwsProviderOptions()).ServicePollInterval;

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 255);
        if (!inputs.ContainsKey("desiredCount")) inputs = inputs.Set("desiredCount", PropertyValue.Of(1));
        if (!inputs.ContainsKey("waitForSteadyState")) inputs = inputs.Set("waitForSteadyState", PropertyValue.True);
        var failures = new List<CheckFailure>();
        if (inputs.GetString("launchType") == "FARGATE" && inputs.TryGetValue("networkConfiguration", out var nc) && !nc.ContainsUnknowns()
            && (Props.Object(inputs, "networkConfiguration") is not { } net || Props.StringList(net, "subnets").Count == 0))
            failures.Add(new CheckFailure("networkConfiguration", "a FARGATE service needs networkConfiguration.subnets"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "cluster", "launchType", "schedulingStrategy"],
            [.. request.IgnoreChanges, "waitForSteadyState", "forceDelete"]));

    private static NetworkConfiguration? Network(PropertyMap inputs) => Props.Object(inputs, "networkConfiguration") is { } net
        ? new NetworkConfiguration
        {
            AwsvpcConfiguration = new AwsVpcConfiguration
            {
                Subnets = Props.StringList(net, "subnets"),
                // moto answers HTTP 500 to a CreateService without securityGroups; an empty list is the same to AWS.
                SecurityGroups = Props.StringList(net, "securityGroups"),
                AssignPublicIp = net.GetBool("assignPublicIp") == true ? "ENABLED" : "DISABLED",
            },
        }
        : null;

    private static IReadOnlyList<ServiceLoadBalancer>? LoadBalancers(PropertyMap inputs) =>
        inputs.ContainsKey("loadBalancers")
            ? [.. Props.Maps(inputs, "loadBalancers").Select(lb => new ServiceLoadBalancer
            {
                TargetGroupArn = lb.GetString("targetGroupArn"),
                LoadBalancerName = lb.GetString("elbName"),
                ContainerName = lb.GetString("containerName"),
                ContainerPort = Props.Int(lb, "containerPort"),
            })]
            : null;

    private static DeploymentConfiguration? Deployment(PropertyMap inputs)
    {
        var max = Props.Int(inputs, "deploymentMaximumPercent");
        var min = Props.Int(inputs, "deploymentMinimumHealthyPercent");
        var breaker = Props.Object(inputs, "deploymentCircuitBreaker");
        return max is null && min is null && breaker is null ? null : new DeploymentConfiguration
        {
            MaximumPercent = max,
            MinimumHealthyPercent = min,
            DeploymentCircuitBreaker = breaker is null ? null : new DeploymentCircuitBreaker(breaker.GetBool("enable") ?? false, breaker.GetBool("rollback") ?? false),
        };
    }

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var inputs = request.Inputs;
        if (await FindActiveAsync(ecs, inputs.GetString("cluster"), inputs.GetString("name")!, cancellationToken).ConfigureAwait(false) is { } orphan)
        {
            // An earlier create made the service but failed afterwards (e.g. it never became stable): its auto-name belongs
            // to this resource, so adopt it and bring it to the requested settings instead of failing on the name.
            request.Log.Info($"adopting the existing service {orphan.ServiceName} left by an earlier create that did not finish");
            var id = orphan.ServiceArn!;
            var updated = await UpdateAsync(new UpdateRequest(request.Urn, request.Type, request.Name, id, PropertyMap.Empty, PropertyMap.Empty, inputs, request.Timeout)
                { Log = request.Log, Config = request.Config, Scope = request.Scope }, cancellationToken).ConfigureAwait(false);
            return new CreateResponse(id, updated.Outputs);
        }
        var response = await AwsCall.RunAsync(() => ecs.CreateServiceAsync(new CreateServiceRequest
        {
            // The same token for the same create, so a resend after a lost response returns the service the first call made.
            ClientToken = ClientToken(request),
            ServiceName = inputs.GetString("name")!,
            Cluster = inputs.GetString("cluster"),
            TaskDefinition = inputs.GetString("taskDefinition"),
            DesiredCount = Props.Int(inputs, "desiredCount"),
            LaunchType = inputs.GetString("launchType"),
            PlatformVersion = inputs.GetString("platformVersion"),
            NetworkConfiguration = Network(inputs),
            LoadBalancers = LoadBalancers(inputs),
            DeploymentConfiguration = Deployment(inputs),
            HealthCheckGracePeriodSeconds = Props.Int(inputs, "healthCheckGracePeriodSeconds"),
            SchedulingStrategy = inputs.GetString("schedulingStrategy"),
            EnableExecuteCommand = inputs.GetBool("enableExecuteCommand"),
            EnableECSManagedTags = inputs.GetBool("enableEcsManagedTags"),
            PropagateTags = inputs.GetString("propagateTags"),
            Tags = ClusterProvider.EcsTags(inputs),
        }, cancellationToken)).ConfigureAwait(false);
        var service = response.Service!;
        if (inputs.GetBool("waitForSteadyState") != false)
            service = await WaitSteadyAsync(request, ecs, service, request.Timeout, cancellationToken).ConfigureAwait(false);
        return new CreateResponse(service.ServiceArn!, Outputs(inputs, service));
    }

    /// <summary>A client token (at most 36 characters) derived from the resource and its inputs.</summary>
    private static string ClientToken(CreateRequest request) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.Urn + "\n" + request.Inputs)))[..32];

    private static async Task<EcsService?> FindActiveAsync(EcsClient ecs, string? cluster, string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [name] }, cancellationToken).ConfigureAwait(false);
            return response.Services.FirstOrDefault(s => s.Status == "ACTIVE");
        }
        catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.ClusterNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetString("name") is not { } name) return null;
        var ecs = AwsConnections.For(request).Ecs;
        // The service of this name in this resource's cluster is the one the interrupted create made (with these inputs).
        return await FindActiveAsync(ecs, request.Inputs.GetString("cluster"), name, cancellationToken).ConfigureAwait(false) is { } service
            ? new ReadResponse(service.ServiceArn!, Outputs(request.Inputs, service), request.Inputs)
            : null;
    }

    private static PropertyMap Outputs(PropertyMap inputs, EcsService service) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(service.ServiceArn)),
        ("cluster", Props.Str(inputs.GetString("cluster") ?? service.ClusterArn)),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    /// <summary>
    /// Polls until the service is steady: one deployment, running = desired, and that deployment's rollout COMPLETED (ECS
    /// completes it only when the new tasks are running and healthy in their target groups). Reports progress and each new
    /// service event; fails on a failed rollout or at the timeout with the latest events, unhealthy targets and why tasks stopped.
    /// </summary>
    private async Task<EcsService> WaitSteadyAsync(ProviderRequest request, EcsClient ecs, EcsService service, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var time = AwsConnections.For(request).Options.TimeProvider;
        var limit = timeout ?? TimeSpan.FromMinutes(20);
        // Stop a little before the engine's own timeout so the message says why.
        var deadline = time.GetUtcNow() + limit - TimeSpan.FromTicks(Math.Min(limit.Ticks / 10, TimeSpan.FromSeconds(5).Ticks));
        var cluster = service.ClusterArn!;
        var name = service.ServiceName!;
        var seenEvents = new HashSet<string>((service.Events ?? []).Select(e => e.Id ?? e.Message ?? string.Empty), StringComparer.Ordinal);
        string? last = null;
        while (true)
        {
            var current = (await AwsCall.RunAsync(() => ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [name] }, cancellationToken)).ConfigureAwait(false))
                .Services.FirstOrDefault() ?? throw new ResourceProviderException($"ECS service {name} disappeared while waiting for it to become stable");
            var deployments = current.Deployments ?? [];
            var primary = deployments.FirstOrDefault(d => d.Status == "PRIMARY");
            if (primary?.RolloutState == "FAILED")
                throw new ResourceProviderException($"the deployment of ECS service {name} failed: {primary.RolloutStateReason}." +
                    await WhyAsync(request, ecs, current, cancellationToken).ConfigureAwait(false));
            if (current.Status == "ACTIVE" && deployments.Count <= 1 && current.RunningCount == current.DesiredCount && primary?.RolloutState != "IN_PROGRESS")
            {
                if (last is not null) request.Log.Info($"service {name} is stable: {current.RunningCount}/{current.DesiredCount} tasks running");
                return current;
            }
            foreach (var serviceEvent in (current.Events ?? []).Reverse())
                if (seenEvents.Add(serviceEvent.Id ?? serviceEvent.Message ?? string.Empty))
                    request.Log.Info($"service {name}: {serviceEvent.Message}");
            var rollout = primary?.RolloutState is { } state ? $", rollout {state}" : "";
            if (time.GetUtcNow() > deadline)
                throw new ResourceProviderException($"ECS service {name} did not reach a steady state within {limit}: {current.RunningCount}/{current.DesiredCount} running, {deployments.Count} deployments{rollout}." +
                    await WhyAsync(request, ecs, current, cancellationToken).ConfigureAwait(false) +
                    "\nCheck its events (aws ecs describe-services), or set waitForSteadyState: false (continueBeforeSteadyState in awsx) to not wait.");
            var progress = $"waiting for service {name} to reach a steady state: {current.RunningCount}/{current.DesiredCount} running, {current.PendingCount} pending, {deployments.Count} deployments{rollout}";
            if (progress != last) request.Log.Info(progress);
            last = progress;
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Why a service is not steady, for the failure message: its latest events, its targets that are not healthy (with the
    /// health check's reason) and its recently stopped tasks (stop reason, container exit codes). Each part is best effort.
    /// </summary>
    private static async Task<string> WhyAsync(ProviderRequest request, EcsClient ecs, EcsService service, CancellationToken cancellationToken)
    {
        var why = new System.Text.StringBuilder();
        if (service.Events is { Count: > 0 } events)
            why.Append("\nLatest events:").AppendJoin("", events.Take(5).Select(e => "\n  " + e.Message));
        foreach (var targetGroup in (service.LoadBalancers ?? []).Select(lb => lb.TargetGroupArn).OfType<string>().Distinct())
        {
            try
            {
                var health = await AwsConnections.For(request).Elb.DescribeTargetHealthAsync(targetGroup, cancellationToken).ConfigureAwait(false);
                foreach (var target in health.TargetHealthDescriptions.Where(t => t.TargetHealth?.State is not ("healthy" or null)))
                    why.Append($"\nTarget {target.Target?.Id}:{target.Target?.Port} in {targetGroup} is {target.TargetHealth!.State}: {target.TargetHealth.Reason} {target.TargetHealth.Description}".TrimEnd());
            }
            catch (AwsException) { }
        }
        try
        {
            var stopped = await ecs.ListTasksAsync(new ListTasksRequest { Cluster = service.ClusterArn, ServiceName = service.ServiceName, DesiredStatus = "STOPPED" }, cancellationToken).ConfigureAwait(false);
            if (stopped.TaskArns.Count > 0)
            {
                var tasks = await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = service.ClusterArn, Tasks = [.. stopped.TaskArns.TakeLast(100)] }, cancellationToken).ConfigureAwait(false);
                foreach (var task in tasks.Tasks.OrderByDescending(t => t.StoppedAt).Take(3))
                {
                    var exits = string.Join(", ", task.Containers.Where(c => c.ExitCode is not null || c.Reason is not null)
                        .Select(c => $"container {c.Name} " + (c.ExitCode is { } code ? $"exited with code {code}" : "did not start") + (c.Reason is { } reason ? $" ({reason})" : "")));
                    why.Append($"\nTask {task.TaskArn?[(task.TaskArn.LastIndexOf('/') + 1)..]} stopped: {task.StoppedReason}" + (exits.Length > 0 ? $"; {exits}" : ""));
                }
            }
        }
        catch (AwsException) { }
        return why.ToString();
    }

    private static (string Cluster, string Name) Parse(string arn, PropertyMap? inputs)
    {
        // arn:aws:ecs:<region>:<account>:service/<cluster>/<name>; the old format has no cluster segment.
        var path = arn[(arn.IndexOf(":service/", StringComparison.Ordinal) + ":service/".Length)..];
        var parts = path.Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : (inputs?.GetString("cluster") ?? "default", parts[^1]);
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var (cluster, name) = request.Id.Contains(":service/", StringComparison.Ordinal)
            ? Parse(request.Id, request.Inputs)
            : request.Id.Split('/') is [var c, var n] ? (c, n) : ("default", request.Id);
        DescribeServicesResponse response;
        try { response = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [name], Include = ["TAGS"] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.ClusterNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        if (response.Services.FirstOrDefault(s => s.Status == "ACTIVE") is not { } service) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", Props.Str(service.ServiceName))
            .Set("taskDefinition", Props.Str(service.TaskDefinition))
            .Set("desiredCount", PropertyValue.Of(service.DesiredCount));
        if (request.Inputs?.GetString("cluster") is null) inputs = inputs.Set("cluster", Props.Str(service.ClusterArn));
        if (service.LaunchType is { } lt) inputs = inputs.Set("launchType", PropertyValue.Of(lt));
        if (service.NetworkConfiguration?.AwsvpcConfiguration is { } vpc)
        {
            var net = PropertyMap.Empty
                .Set("subnets", Props.Strings(vpc.Subnets))
                .Set("securityGroups", Props.Strings(vpc.SecurityGroups ?? []))
                .Set("assignPublicIp", PropertyValue.Of(vpc.AssignPublicIp == "ENABLED"));
            // Keep the program's list order when the sets are the same.
            if (Props.Object(inputs, "networkConfiguration") is { } old
                && Props.StringList(old, "subnets").ToHashSet().SetEquals(vpc.Subnets)
                && Props.StringList(old, "securityGroups").ToHashSet().SetEquals(vpc.SecurityGroups ?? [])
                && (old.GetBool("assignPublicIp") ?? false) == (vpc.AssignPublicIp == "ENABLED"))
                net = old;
            inputs = inputs.Set("networkConfiguration", PropertyValue.Of(net));
        }
        if (service.LoadBalancers is { Count: > 0 } lbs)
            inputs = inputs.Set("loadBalancers", PropertyValue.Of(lbs.Select(lb =>
            {
                var map = PropertyMap.Empty.Set("containerName", Props.Str(lb.ContainerName)).Set("containerPort", Props.Num(lb.ContainerPort));
                return PropertyValue.Of(lb.TargetGroupArn is { } tg ? map.Set("targetGroupArn", PropertyValue.Of(tg)) : map.Set("elbName", Props.Str(lb.LoadBalancerName)));
            })));
        if (service.Tags is { Count: > 0 } tags) inputs = inputs.Set("tags", Props.Map(tags.Select(t => KeyValuePair.Create(t.Key, t.Value))));
        return new ReadResponse(service.ServiceArn!, Outputs(inputs, service), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var (olds, news) = (request.OldInputs, request.NewInputs);
        var (cluster, name) = Parse(request.Id, olds);
        bool Changed(string key) => !Equals(olds.TryGetValue(key, out var o) ? o : null, news.TryGetValue(key, out var n) ? n : null);
        var response = await AwsCall.RunAsync(() => ecs.UpdateServiceAsync(new UpdateServiceRequest
        {
            Cluster = cluster,
            Service = name,
            TaskDefinition = news.GetString("taskDefinition"),
            DesiredCount = Props.Int(news, "desiredCount"),
            NetworkConfiguration = Changed("networkConfiguration") ? Network(news) : null,
            LoadBalancers = Changed("loadBalancers") ? LoadBalancers(news) ?? [] : null,
            DeploymentConfiguration = Deployment(news),
            HealthCheckGracePeriodSeconds = Props.Int(news, "healthCheckGracePeriodSeconds"),
            EnableExecuteCommand = news.GetBool("enableExecuteCommand"),
            PlatformVersion = news.GetString("platformVersion"),
            ForceNewDeployment = news.GetBool("forceNewDeployment") == true && Changed("triggers") ? true : null,
        }, cancellationToken)).ConfigureAwait(false);
        var removedTags = Props.StringMap(olds, "tags").Keys.Except(Props.StringMap(news, "tags").Keys).ToList();
        if (removedTags.Count > 0)
            await AwsCall.RunAsync(() => ecs.UntagResourceAsync(new EcsUntagResourceRequest { ResourceArn = request.Id, TagKeys = removedTags }, cancellationToken)).ConfigureAwait(false);
        if (ClusterProvider.EcsTags(news) is { } tags && Changed("tags"))
            await AwsCall.RunAsync(() => ecs.TagResourceAsync(new EcsTagResourceRequest { ResourceArn = request.Id, Tags = tags }, cancellationToken)).ConfigureAwait(false);
        var service = response.Service!;
        if (news.GetBool("waitForSteadyState") != false)
            service = await WaitSteadyAsync(request, ecs, service, request.Timeout, cancellationToken).ConfigureAwait(false);
        return new UpdateResponse(Outputs(news, service));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var (cluster, name) = Parse(request.Id, request.Inputs);
        try
        {
            var current = (await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [name] }, cancellationToken).ConfigureAwait(false))
                .Services.FirstOrDefault();
            if (current is null || current.Status == "INACTIVE") return;
            if (current.Status == "ACTIVE" && current.DesiredCount > 0)
            {
                request.Log.Info($"scaling service {name} to 0 before deleting it");
                await ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = name, DesiredCount = 0 }, cancellationToken).ConfigureAwait(false);
            }
            await ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = cluster, Service = name, Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode is EcsErrorCodes.ServiceNotFound or EcsErrorCodes.ClusterNotFound or EcsErrorCodes.ServiceNotActive) { return; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }

        var time = AwsConnections.For(request).Options.TimeProvider;
        var limit = request.Timeout ?? TimeSpan.FromMinutes(20);
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var s = (await AwsCall.RunAsync(() => ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [name] }, cancellationToken)).ConfigureAwait(false)).Services.FirstOrDefault();
            if (s is null || s.Status == "INACTIVE") return;
            if (time.GetUtcNow() > deadline)
                throw new ResourceProviderException($"ECS service {name} was still {s.Status} after {limit} ({s.RunningCount} tasks running)");
            request.Log.Info($"waiting for service {name} to drain: {s.Status}, {s.RunningCount} tasks running");
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

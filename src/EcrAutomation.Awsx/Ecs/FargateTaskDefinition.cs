using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.CloudWatch;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;
using AwsLb = EcrAutomation.Aws.Resources.Lb;

namespace EcrAutomation.Awsx.Ecs;

/// <summary>
/// <c>awsx:ecs:FargateTaskDefinition</c>: a Fargate task definition (awsvpc, FARGATE) with a never-expiring log group named
/// like the component, a task role <c>&lt;name&gt;-task</c>, an execution role <c>&lt;name&gt;-execution</c> with
/// AmazonECSTaskExecutionRolePolicy attached, the awslogs driver on every container without a log configuration, and the
/// cheapest Fargate CPU/memory that fits the containers. Containers are sorted by name. Port mappings with a target group
/// become the service's load balancer entries; their container port is the mapping's (not the target group's, as in awsx,
/// so a container on 8080 behind a listener on 80 works).
/// </summary>
[ResourceType(TypeToken)]
public sealed class FargateTaskDefinition : ComponentResource
{
    /// <summary>The component's type token, as awsx names it.</summary>
    public const string TypeToken = "awsx:ecs:FargateTaskDefinition";

    /// <summary>The managed policy every execution role gets.</summary>
    public const string ExecutionPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    /// <summary>Declares the task definition and the log group and roles it needs as children; argument errors throw <see cref="AwsxArgumentException"/>.</summary>
    public FargateTaskDefinition(string name, FargateTaskDefinitionArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        Validate(args);
        var child = new CustomResourceOptions { Parent = this };
        var config = AwsConfig.OfProgram();

        Output<string>? logGroupName = null;
        Output<string> region = Output.Create(config.TryGetValue("aws:region", out var r) ? r : Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1");
        if (args.LogGroup?.Skip != true)
        {
            if (args.LogGroup?.ExistingName is { } existing) logGroupName = existing.AsOutput();
            else
            {
                LogGroup = new LogGroup(name, args.LogGroup?.Args ?? new LogGroupArgs(), child);
                logGroupName = LogGroup.LogGroupName;
                region = LogGroup.Region;
            }
        }

        Input<string>? taskRoleArn = null;
        if (args.TaskRole?.Skip != true)
        {
            if (args.TaskRole?.RoleArn is { } arn) taskRoleArn = arn;
            else
            {
                TaskRole = new Role($"{name}-task", RoleArgs(args.TaskRole?.Args), child);
                taskRoleArn = TaskRole.Arn;
                AttachPolicies($"{name}-task", TaskRole, args.TaskRole?.PolicyArns ?? [], child);
            }
        }

        Input<string>? executionRoleArn = null;
        if (args.ExecutionRole?.Skip != true)
        {
            if (args.ExecutionRole?.RoleArn is { } arn) executionRoleArn = arn;
            else
            {
                ExecutionRole = new Role($"{name}-execution", RoleArgs(args.ExecutionRole?.Args), child);
                var attachments = AttachPolicies($"{name}-execution", ExecutionRole, [ExecutionPolicyArn, .. args.ExecutionRole?.PolicyArns ?? []], child);
                // The task definition waits for the policy so the first tasks can pull the image and write logs.
                executionRoleArn = Output.All(attachments.Select(a => (Input<string>)a.PolicyArn)).Apply(_ => ExecutionRole.Arn);
            }
        }

        var containers = (args.Container is { } single
                ? [KeyValuePair.Create(single.Name?.AsOutput() ?? Output.Create("container"), single)]
                : args.Containers!.Select(kv => KeyValuePair.Create(Output.Create(kv.Key), kv.Value)).ToList())
            .ToList();

        var resolved = containers.Select(c => Resolve(c.Key, c.Value, logGroupName, region)).ToList();
        var definitions = Output.All(resolved.Select(x => (Input<JsonObject>)x.Json))
            .Apply(list => new JsonArray([.. list.OrderBy(o => (string?)o["name"], StringComparer.Ordinal).Select(o => (JsonNode)o.DeepClone())]).ToJsonString());

        var size = args.Cpu is not null && args.Memory is not null
            ? OutputHelpers.Both(args.Cpu.AsOutput(), args.Memory.AsOutput())
            : OutputHelpers.Both(Sum(containers.Select(c => c.Value.Cpu)), Sum(containers.Select(c => c.Value.MemoryReservation ?? c.Value.Memory)))
                .Apply(t =>
                {
                    var fit = FargateSizes.CheapestFit(t.Item1, t.Item2);
                    return (fit.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), fit.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture));
                });
        if (args.Cpu is not null && args.Memory is null || args.Cpu is null && args.Memory is not null)
        {
            // One of the two given: fill the other with the cheapest fit for the given value and the containers' needs.
            var given = args.Cpu ?? args.Memory!;
            size = OutputHelpers.Three(given.AsOutput(), Sum(containers.Select(c => c.Value.Cpu)), Sum(containers.Select(c => c.Value.MemoryReservation ?? c.Value.Memory))).Apply(t =>
            {
                var cpu = args.Cpu is not null ? FargateSizes.ParseCpu(t.Item1) ?? 0 : t.Item2;
                var memory = args.Memory is not null ? FargateSizes.ParseMemory(t.Item1) ?? 0 : t.Item3;
                var fit = FargateSizes.CheapestFit(cpu, memory);
                return (args.Cpu is not null ? t.Item1 : fit.Cpu.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        args.Memory is not null ? t.Item1 : fit.Memory.ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
        }

        var family = args.Family?.AsOutput() ?? Urn.Apply(urn => DefaultFamily(name, StackOf(urn)));

        TaskDefinition = new AwsEcs.TaskDefinition(name, new TaskDefinitionArgs
        {
            Family = family,
            ContainerDefinitions = definitions,
            Cpu = size.Apply(s => s.Item1),
            Memory = size.Apply(s => s.Item2),
            NetworkMode = "awsvpc",
            RequiresCompatibilities = new InputList<string> { "FARGATE" },
            ExecutionRoleArn = executionRoleArn,
            TaskRoleArn = taskRoleArn,
            RuntimePlatform = args.RuntimePlatform is { } platform ? (Input<TaskDefinitionRuntimePlatformArgs>)platform : null,
            SkipDestroy = args.SkipDestroy,
            Tags = args.Tags,
        }, child);

        var entries = new InputList<ServiceLoadBalancerArgs>();
        foreach (var c in resolved)
            foreach (var lb in c.LoadBalancers)
                entries.Add(lb);
        LoadBalancers = entries;
        MappedPorts = [.. resolved.SelectMany(c => c.Ports)];

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["taskDefinition"] = TaskDefinition.Arn,
            ["logGroup"] = LogGroup?.LogGroupName,
            ["taskRole"] = TaskRole?.Arn,
            ["executionRole"] = ExecutionRole?.Arn,
        });
    }

    /// <summary>The registered task definition.</summary>
    public AwsEcs.TaskDefinition TaskDefinition { get; }
    /// <summary>The log group created for the containers' logs, or null when skipped or an existing one is used.</summary>
    public LogGroup? LogGroup { get; }
    /// <summary>The role created for the containers' code, or null when skipped or an existing one is used.</summary>
    public Role? TaskRole { get; }
    /// <summary>The role created for ECS to pull images and write logs, or null when skipped or an existing one is used.</summary>
    public Role? ExecutionRole { get; }

    /// <summary>One entry per port mapping with a target group, for the service.</summary>
    public InputList<ServiceLoadBalancerArgs> LoadBalancers { get; }

    /// <summary>Every port mapping of every container, with the container's image.</summary>
    internal IReadOnlyList<MappedPort> MappedPorts { get; }

    /// <summary>awsx's argument check.</summary>
    internal static void Validate(FargateTaskDefinitionArgs args)
    {
        if ((args.Container is null) == (args.Containers is null))
            throw new AwsxArgumentException("Exactly one of [container] or [containers] must be provided");
    }

    /// <summary>
    /// <c>&lt;name&gt;-&lt;sha1(stack + name)[0..8]&gt;</c>. awsx hashes the container JSON too, which makes every image change a
    /// new family; a stable family keeps the revisions of one service together (rollback = previous revision).
    /// </summary>
    internal static string DefaultFamily(string name, string stack) =>
        $"{name}-{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(stack + name)))[..8]}";

    private static string StackOf(string urn) =>
        urn.StartsWith("urn:pulumi:", StringComparison.Ordinal) ? urn["urn:pulumi:".Length..].Split("::")[0] : "";

    private static RoleArgs RoleArgs(RoleArgs? given)
    {
        var args = given ?? new RoleArgs();
        args.AssumeRolePolicy ??= Role.TrustPolicyFor("ecs-tasks.amazonaws.com");
        return args;
    }

    private static List<RolePolicyAttachment> AttachPolicies(string roleName, Role role, IReadOnlyList<string> policyArns, CustomResourceOptions options) =>
        [.. policyArns.Select(arn => new RolePolicyAttachment(
            $"{roleName}-{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(arn)))[..8]}",
            new RolePolicyAttachmentArgs { Role = role.RoleName, PolicyArn = arn }, options))];

    private static Output<int> Sum(IEnumerable<Input<int>?> values) =>
        Output.All(values.Select(v => v ?? (Input<int>)0)).Apply(list => list.Sum());

    private sealed record ResolvedContainer(Output<JsonObject> Json, List<ServiceLoadBalancerArgs> LoadBalancers, List<MappedPort> Ports);

    private static ResolvedContainer Resolve(Output<string> name, TaskDefinitionContainerDefinitionArgs c, Output<string>? logGroupName, Output<string> region)
    {
        var props = new List<Output<KeyValuePair<string, JsonNode?>>>
        {
            name.Apply(n => Kv("name", JsonValue.Create(n))),
            Str("image", c.Image),
            Int("cpu", c.Cpu),
            Int("memory", c.Memory),
            Int("memoryReservation", c.MemoryReservation),
            Bool("essential", c.Essential),
            Str("workingDirectory", c.WorkingDirectory),
            Strings("command", c.Command),
            Strings("entryPoint", c.EntryPoint),
        };
        var loadBalancers = new List<ServiceLoadBalancerArgs>();
        var mappedPorts = new List<MappedPort>();
        if (c.PortMappings is { Count: > 0 } mappings)
        {
            var ports = new List<Output<JsonNode?>>();
            foreach (var m in mappings)
            {
                var tgPort = m.TargetGroup?.AsOutput().Apply(tg => tg.Port.Apply(p => (int?)p)) ?? Output.Create((int?)null);
                var containerPort = OutputHelpers.Three(Opt(m.ContainerPort), Opt(m.HostPort), tgPort).Apply(t => t.Item1 ?? t.Item2 ?? t.Item3
                    ?? throw new AwsxArgumentException("a port mapping needs a containerPort, a hostPort or a targetGroup"));
                var hostPort = OutputHelpers.Both(Opt(m.HostPort), containerPort).Apply(t => t.Item1 ?? t.Item2);
                mappedPorts.Add(new MappedPort(name, c.Image, containerPort, Opt(m.Protocol)));
                ports.Add(OutputHelpers.Three(containerPort, hostPort, OutputHelpers.Three(Opt(m.Protocol), Opt(m.Name), Opt(m.AppProtocol))).Apply(t =>
                {
                    var o = new JsonObject { ["containerPort"] = t.Item1, ["hostPort"] = t.Item2 };
                    if (t.Item3.Item1 is { } protocol) o["protocol"] = protocol;
                    if (t.Item3.Item2 is { } n) o["name"] = n;
                    if (t.Item3.Item3 is { } app) o["appProtocol"] = app;
                    return (JsonNode?)o;
                }));
                if (m.TargetGroup is { } targetGroup)
                    loadBalancers.Add(new ServiceLoadBalancerArgs
                    {
                        TargetGroupArn = targetGroup.AsOutput().Apply(tg => tg.Arn),
                        ContainerName = name,
                        ContainerPort = containerPort,
                    });
            }
            props.Add(Output.All(ports.Select(p => (Input<JsonNode?>)p)).Apply(list => Kv("portMappings", new JsonArray([.. list.Select(x => x?.DeepClone())]))));
        }
        if (c.Environment is { Count: > 0 } env)
            props.Add(Output.All(env.Select(e => (Input<(string, string)>)OutputHelpers.Both(e.Name.AsOutput(), e.Value.AsOutput()))).Apply(list =>
                Kv("environment", new JsonArray([.. list.Select(e => (JsonNode)new JsonObject { ["name"] = e.Item1, ["value"] = e.Item2 })]))));
        if (c.Secrets is { Count: > 0 } secrets)
            props.Add(Output.All(secrets.Select(e => (Input<(string, string)>)OutputHelpers.Both(e.Name.AsOutput(), e.ValueFrom.AsOutput()))).Apply(list =>
                Kv("secrets", new JsonArray([.. list.Select(e => (JsonNode)new JsonObject { ["name"] = e.Item1, ["valueFrom"] = e.Item2 })]))));
        if (c.LogConfiguration is { } log)
            props.Add(OutputHelpers.Both(log.LogDriver.AsOutput(), log.Options?.AsOutput() ?? Output.Create(ImmutableDictionary<string, string>.Empty)).Apply(t =>
                Kv("logConfiguration", new JsonObject
                {
                    ["logDriver"] = t.Item1,
                    ["options"] = new JsonObject(t.Item2.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                })));
        else if (logGroupName is not null)
            props.Add(OutputHelpers.Three(logGroupName, region, name).Apply(t => Kv("logConfiguration", new JsonObject
            {
                ["logDriver"] = "awslogs",
                ["options"] = new JsonObject { ["awslogs-group"] = t.Item1, ["awslogs-region"] = t.Item2, ["awslogs-stream-prefix"] = t.Item3 },
            })));

        var json = Output.All(props.Select(p => (Input<KeyValuePair<string, JsonNode?>>)p))
            .Apply(list => new JsonObject(list.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal)));
        return new ResolvedContainer(json, loadBalancers, mappedPorts);
    }

    private static KeyValuePair<string, JsonNode?> Kv(string key, JsonNode? value) => KeyValuePair.Create(key, value);

    private static Output<T?> Opt<T>(Input<T>? input) where T : struct =>
        input is null ? Output.Create(default(T?)) : input.AsOutput().Apply(v => (T?)v);

    private static Output<string?> Opt(Input<string>? input) =>
        input is null ? Output.Create((string?)null) : input.AsOutput().Apply(v => (string?)v);

    private static Output<KeyValuePair<string, JsonNode?>> Str(string key, Input<string>? v) =>
        v is null ? Output.Create(Kv(key, null)) : v.AsOutput().Apply(x => Kv(key, JsonValue.Create(x)));

    private static Output<KeyValuePair<string, JsonNode?>> Int(string key, Input<int>? v) =>
        v is null ? Output.Create(Kv(key, null)) : v.AsOutput().Apply(x => Kv(key, JsonValue.Create(x)));

    private static Output<KeyValuePair<string, JsonNode?>> Bool(string key, Input<bool>? v) =>
        v is null ? Output.Create(Kv(key, null)) : v.AsOutput().Apply(x => Kv(key, JsonValue.Create(x)));

    private static Output<KeyValuePair<string, JsonNode?>> Strings(string key, InputList<string>? v) =>
        v is null ? Output.Create(Kv(key, null)) : v.AsOutput().Apply(x => Kv(key, new JsonArray([.. x.Select(s => (JsonNode?)JsonValue.Create(s))])));
}

/// <summary>Inputs of <see cref="FargateTaskDefinition"/> (and <see cref="FargateServiceArgs.TaskDefinitionArgs"/>).</summary>
public class FargateTaskDefinitionArgs
{
    /// <summary>The single container. Exactly one of <see cref="Container"/> and <see cref="Containers"/>.</summary>
    public TaskDefinitionContainerDefinitionArgs? Container { get; init; }
    /// <summary>The containers by name. Exactly one of <see cref="Container"/> and <see cref="Containers"/>.</summary>
    public IReadOnlyDictionary<string, TaskDefinitionContainerDefinitionArgs>? Containers { get; init; }
    /// <summary>Task CPU units; default: the cheapest Fargate size that fits the containers.</summary>
    public Input<string>? Cpu { get; init; }
    /// <summary>Task memory in MiB; default: the cheapest Fargate size that fits the containers.</summary>
    public Input<string>? Memory { get; init; }
    /// <summary>Default <c>&lt;name&gt;-&lt;8 hex&gt;</c>, stable across changes so every change is a new revision of one family.</summary>
    public Input<string>? Family { get; init; }
    /// <summary>The log group of the <c>awslogs</c> log configuration; default: one created for the task definition.</summary>
    public DefaultLogGroupArgs? LogGroup { get; init; }
    /// <summary>The role the containers' code runs as; default: one created with no policies.</summary>
    public DefaultRoleWithPolicyArgs? TaskRole { get; init; }
    /// <summary>The role ECS uses to pull images and write logs; default: one created with <c>AmazonECSTaskExecutionRolePolicy</c>.</summary>
    public DefaultRoleWithPolicyArgs? ExecutionRole { get; init; }
    /// <summary>The operating system and CPU architecture the tasks need.</summary>
    public TaskDefinitionRuntimePlatformArgs? RuntimePlatform { get; init; }
    /// <summary>Keep the revision registered when the resource is destroyed or replaced.</summary>
    public Input<bool>? SkipDestroy { get; init; }
    /// <summary>Tags to apply to the task definition.</summary>
    public InputMap<string>? Tags { get; init; }
}

/// <summary>A container of a Fargate task definition (awsx's <c>TaskDefinitionContainerDefinition</c>).</summary>
public sealed class TaskDefinitionContainerDefinitionArgs
{
    /// <summary>Default "container" for a single container; the map key for <c>Containers</c>.</summary>
    public Input<string>? Name { get; init; }
    /// <summary>The image to run, e.g. an <see cref="Ecr.Image"/>'s <c>ImageUri</c>.</summary>
    public Input<string>? Image { get; init; }
    /// <summary>CPU units reserved for the container (1024 = 1 vCPU).</summary>
    public Input<int>? Cpu { get; init; }
    /// <summary>Hard memory limit in MiB: the container is stopped when it uses more.</summary>
    public Input<int>? Memory { get; init; }
    /// <summary>Soft memory limit in MiB, reserved for the container.</summary>
    public Input<int>? MemoryReservation { get; init; }
    /// <summary>Whether the task stops when this container stops (default true).</summary>
    public Input<bool>? Essential { get; init; }
    /// <summary>The ports the container listens on.</summary>
    public IReadOnlyList<TaskDefinitionPortMappingArgs>? PortMappings { get; init; }
    /// <summary>Environment variables.</summary>
    public IReadOnlyList<TaskDefinitionKeyValuePairArgs>? Environment { get; init; }
    /// <summary>Environment variables read from Secrets Manager or SSM Parameter Store when the task starts.</summary>
    public IReadOnlyList<TaskDefinitionSecretArgs>? Secrets { get; init; }
    /// <summary>The command, replacing the image's <c>CMD</c>.</summary>
    public InputList<string>? Command { get; init; }
    /// <summary>The entry point, replacing the image's <c>ENTRYPOINT</c>.</summary>
    public InputList<string>? EntryPoint { get; init; }
    /// <summary>The working directory, replacing the image's <c>WORKDIR</c>.</summary>
    public Input<string>? WorkingDirectory { get; init; }
    /// <summary>Where the container's output goes; default: <c>awslogs</c> into the task definition's log group.</summary>
    public TaskDefinitionLogConfigurationArgs? LogConfiguration { get; init; }
}

/// <summary>A port mapping of a container; <see cref="TargetGroup"/> connects it to a load balancer.</summary>
public sealed class TaskDefinitionPortMappingArgs
{
    /// <summary>The port the container listens on; default: the host port, else the target group's port.</summary>
    public Input<int>? ContainerPort { get; init; }
    /// <summary>The host port (with awsvpc, the same as the container port).</summary>
    public Input<int>? HostPort { get; init; }
    /// <summary><c>tcp</c> (default) or <c>udp</c>.</summary>
    public Input<string>? Protocol { get; init; }
    /// <summary>A name for the mapping (used by Service Connect).</summary>
    public Input<string>? Name { get; init; }
    /// <summary>The application protocol, <c>http</c>, <c>http2</c> or <c>grpc</c> (used by Service Connect).</summary>
    public Input<string>? AppProtocol { get; init; }
    /// <summary>The target group the service registers this port in (not part of the container JSON).</summary>
    public Input<AwsLb.TargetGroup>? TargetGroup { get; init; }
}

/// <summary>A name/value pair (environment variables).</summary>
public sealed class TaskDefinitionKeyValuePairArgs
{
    /// <summary>The variable name.</summary>
    public required Input<string> Name { get; init; }
    /// <summary>The variable value.</summary>
    public required Input<string> Value { get; init; }
}

/// <summary>A secret of a container (<c>valueFrom</c> is a Secrets Manager or SSM parameter ARN).</summary>
public sealed class TaskDefinitionSecretArgs
{
    /// <summary>The environment variable name.</summary>
    public required Input<string> Name { get; init; }
    /// <summary>The ARN of the Secrets Manager secret or SSM parameter that holds the value.</summary>
    public required Input<string> ValueFrom { get; init; }
}

/// <summary>A container's log configuration.</summary>
public sealed class TaskDefinitionLogConfigurationArgs
{
    /// <summary>The log driver, e.g. <c>awslogs</c>.</summary>
    public required Input<string> LogDriver { get; init; }
    /// <summary>The driver's options, e.g. <c>awslogs-group</c>.</summary>
    public InputMap<string>? Options { get; init; }
}

/// <summary>awsx's <c>DefaultLogGroup</c>: skip it, use an existing one, or create one with args.</summary>
public sealed class DefaultLogGroupArgs
{
    /// <summary>Create no log group (and no default log configuration).</summary>
    public bool Skip { get; init; }
    /// <summary>The name of an existing log group.</summary>
    public Input<string>? ExistingName { get; init; }
    /// <summary>The arguments of the log group to create.</summary>
    public LogGroupArgs? Args { get; init; }
}

/// <summary>awsx's <c>DefaultRoleWithPolicy</c>: skip the role, use an existing one, or create one with args.</summary>
public sealed class DefaultRoleWithPolicyArgs
{
    /// <summary>Create no role.</summary>
    public bool Skip { get; init; }
    /// <summary>The ARN of an existing role to use instead of creating one.</summary>
    public Input<string>? RoleArn { get; init; }
    /// <summary>The arguments of the role to create (its trust policy defaults to ECS tasks).</summary>
    public RoleArgs? Args { get; init; }
    /// <summary>Managed policies to attach to a created role (added to the defaults).</summary>
    public IReadOnlyList<string>? PolicyArns { get; init; }
}

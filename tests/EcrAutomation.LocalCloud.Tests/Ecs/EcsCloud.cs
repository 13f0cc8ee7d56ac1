using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Ecs;

/// <summary>
/// One test's local cloud with moto and containers, driven with the AWS CLI as a user would: images built from the host's
/// busybox and pushed with skopeo, a cluster, a log group, task definitions and services. Disposing it stops the cloud
/// and checks that no container, namespace or veth of it is left.
/// </summary>
internal sealed class EcsCloud : IAsyncDisposable
{
    public const string HttpdInstructions = """
        COPY www/ /www/
        WORKDIR /www
        ENTRYPOINT ["/bin/busybox"]
        CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("localcloud-ecs-").FullName;

    public LocalCloudServer Server { get; private set; } = null!;

    public string DataDirectory => Path.Combine(_root, "data");

    public Uri Endpoint => Server.Endpoint;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<EcsCloud> StartAsync()
    {
        var cloud = new EcsCloud();
        await cloud.RestartAsync();
        return cloud;
    }

    /// <summary>Starts the local cloud on the same data directory (stopping the running one first).</summary>
    public async Task RestartAsync()
    {
        var port = 0;
        if (Server is not null)
        {
            // The same port again: the task definitions name their images by the registry host, localhost:<port>.
            port = Server.Port;
            await Server.StopAsync();
        }

        Server = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = port, DataDirectory = DataDirectory, LifecyclePolicyInterval = null });
        Server.Containers.ShouldNotBeNull("these tests run containers: run them as root with runc, umoci and ip (scripts/install-prerequisites.sh)");
    }

    public Task<JsonObject> AwsAsync(params string[] arguments) => AwsCli.JsonAsync(AwsCli.V1, Endpoint, arguments);

    /// <summary>Builds a busybox image with <paramref name="instructions"/> and pushes it as <c>&lt;repository&gt;:&lt;tag&gt;</c>; returns the image URI.</summary>
    public async Task<string> PushImageAsync(string repository, string tag, string instructions, IReadOnlyDictionary<string, string>? files = null)
    {
        var built = await BusyboxImage.BuildAsync(Path.Combine(_root, "build-" + Guid.NewGuid().ToString("N")[..8]), instructions, files);
        if ((await AwsCli.RunAsync(AwsCli.V1, Endpoint, "ecr", "describe-repositories", "--repository-names", repository)).ExitCode != 0)
        {
            await AwsAsync("ecr", "create-repository", "--repository-name", repository);
        }

        var image = $"{Server.RegistryHost}/{repository}:{tag}";
        (await Skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + Server.CreateRegistryPassword(),
            $"oci:{built.OciLayoutPath}:{built.OciReference}", "docker://" + image)).EnsureSuccess("skopeo copy");
        return image;
    }

    public Task<string> PushHttpdAsync(string repository, string tag, string page)
        => PushImageAsync(repository, tag, HttpdInstructions, new Dictionary<string, string> { ["www/index.html"] = page });

    /// <summary>Registers a Fargate task definition with one container (awslogs to <paramref name="logGroup"/>, prefix <c>ecs</c>); returns its ARN.</summary>
    public async Task<string> RegisterTaskDefinitionAsync(string family, string image, string logGroup, int port = 8080, JsonObject? overrides = null)
    {
        var container = new JsonObject
        {
            ["name"] = "web",
            ["image"] = image,
            ["essential"] = true,
            ["memory"] = 128,
            ["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = port, ["protocol"] = "tcp" }),
            ["logConfiguration"] = new JsonObject
            {
                ["logDriver"] = "awslogs",
                ["options"] = new JsonObject { ["awslogs-group"] = logGroup, ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "ecs" },
            },
        };
        foreach (var (key, value) in overrides ?? [])
        {
            container[key] = value?.DeepClone();
        }

        var registered = await AwsAsync("ecs", "register-task-definition", "--family", family, "--network-mode", "awsvpc",
            "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
            "--execution-role-arn", "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
            "--container-definitions", new JsonArray(container).ToJsonString());
        return registered["taskDefinition"]!["taskDefinitionArn"]!.GetValue<string>();
    }

    /// <summary>Creates the cluster, the log group and a service of <paramref name="taskDefinition"/> in the default VPC's first subnet.</summary>
    public async Task CreateServiceAsync(string cluster, string service, string taskDefinition, int desiredCount, string logGroup, params string[] extra)
    {
        await AwsAsync("ecs", "create-cluster", "--cluster-name", cluster);
        if ((await AwsCli.RunAsync(AwsCli.V1, Endpoint, "logs", "create-log-group", "--log-group-name", logGroup)).ExitCode is var code && code != 0 && code != 255)
        {
            throw new InvalidOperationException("create-log-group failed");
        }

        var subnets = await AwsAsync("ec2", "describe-subnets");
        var subnet = subnets["Subnets"]![0]!["SubnetId"]!.GetValue<string>();
        await AwsAsync(["ecs", "create-service", "--cluster", cluster, "--service-name", service, "--task-definition", taskDefinition,
            "--desired-count", desiredCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "--launch-type", "FARGATE",
            // moto answers 500 without securityGroups; an empty list is the same to AWS.
            "--network-configuration", new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray(subnet), ["securityGroups"] = new JsonArray(), ["assignPublicIp"] = "ENABLED" } }.ToJsonString(), .. extra]);
    }

    /// <summary>The cluster's tasks (describe-tasks of list-tasks) with the given desired status.</summary>
    public async Task<IReadOnlyList<JsonObject>> TasksAsync(string cluster, string desiredStatus = "RUNNING")
    {
        var arns = (await AwsAsync("ecs", "list-tasks", "--cluster", cluster, "--desired-status", desiredStatus))["taskArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        if (arns.Count == 0)
        {
            return [];
        }

        var described = await AwsAsync(["ecs", "describe-tasks", "--cluster", cluster, "--tasks", .. arns]);
        return [.. described["tasks"]!.AsArray().Select(t => t!.AsObject())];
    }

    public async Task<JsonObject> ServiceAsync(string cluster, string service)
        => (await AwsAsync("ecs", "describe-services", "--cluster", cluster, "--services", service))["services"]![0]!.AsObject();

    /// <summary>Polls <paramref name="probe"/> until it returns a value, for up to three minutes (the machine may be loaded).</summary>
    public static async Task<T> EventuallyAsync<T>(string what, Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(500);
        }
    }

    /// <summary>GET of a task's page; RUNNING means the process started, so the first connections may still be refused.</summary>
    public async Task<string> GetPageAsync(JsonObject task)
        => await EventuallyAsync("the task's page", async () =>
        {
            try
            {
                return await Http.GetStringAsync($"http://{PrivateIp(task)}:8080/");
            }
            catch (HttpRequestException)
            {
                return null;
            }
        });

    public static string PrivateIp(JsonObject task)
        => task["attachments"]![0]!["details"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "privateIPv4Address")!["value"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        var prefix = Server.Containers is null ? null : LocalCloudServer.ContainerNamePrefix(DataDirectory);
        await Server.StopAsync();
        Http.Dispose();
        var leftovers = prefix is null ? [] : ContainerHygiene.Find(prefix);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        leftovers.ShouldBeEmpty("the local cloud's stop leaves no container, namespace or veth");
    }
}

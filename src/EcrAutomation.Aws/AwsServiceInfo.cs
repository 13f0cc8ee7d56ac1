namespace EcrAutomation.Aws;

/// <summary>Static facts about one AWS service: how to find its endpoint and how to sign for it.</summary>
/// <param name="Key">Short key used in stack config (<c>aws:endpoints:&lt;key&gt;</c>) and in <see cref="AwsConnectionOptions.Endpoints"/>.</param>
/// <param name="DisplayName">Human-readable name used in messages.</param>
/// <param name="EndpointPrefix">Host prefix of the regional endpoint, e.g. <c>api.ecr</c>.</param>
/// <param name="SigningName">SigV4 service name, e.g. <c>ecr</c>.</param>
/// <param name="EnvironmentSuffix">Suffix of the <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> variable (the SDK service id, upper snake case).</param>
/// <param name="IsGlobal">True when the service has one global endpoint (IAM) that signs with <c>us-east-1</c>.</param>
/// <param name="Aliases">Other accepted config keys.</param>
public sealed record AwsServiceInfo(
    string Key,
    string DisplayName,
    string EndpointPrefix,
    string SigningName,
    string EnvironmentSuffix,
    bool IsGlobal = false,
    params string[] Aliases)
{
    /// <summary>Amazon ECR (awsJson1.1).</summary>
    public static AwsServiceInfo Ecr { get; } = new("ecr", "ECR", "api.ecr", "ecr", "ECR");

    /// <summary>Amazon ECS (awsJson1.1).</summary>
    public static AwsServiceInfo Ecs { get; } = new("ecs", "ECS", "ecs", "ecs", "ECS");

    /// <summary>AWS IAM (query, global endpoint).</summary>
    public static AwsServiceInfo Iam { get; } = new("iam", "IAM", "iam", "iam", "IAM", IsGlobal: true);

    /// <summary>Elastic Load Balancing v2 (query).</summary>
    public static AwsServiceInfo Elbv2 { get; } = new(
        "elbv2", "ELBv2", "elasticloadbalancing", "elasticloadbalancing", "ELASTIC_LOAD_BALANCING_V2", false,
        "elb", "elasticloadbalancingv2", "elasticloadbalancing");

    /// <summary>CloudWatch Logs (awsJson1.1).</summary>
    public static AwsServiceInfo Logs { get; } = new(
        "logs", "CloudWatch Logs", "logs", "logs", "CLOUDWATCH_LOGS", false, "cloudwatchlogs", "cloudwatch-logs");

    /// <summary>Amazon EKS (restJson).</summary>
    public static AwsServiceInfo Eks { get; } = new("eks", "EKS", "eks", "eks", "EKS");

    /// <summary>Amazon EC2 (through AWSSDK.EC2).</summary>
    public static AwsServiceInfo Ec2 { get; } = new("ec2", "EC2", "ec2", "ec2", "EC2");

    /// <summary>AWS STS (through AWSSDK.SecurityToken).</summary>
    public static AwsServiceInfo Sts { get; } = new("sts", "STS", "sts", "sts", "STS");

    /// <summary>Every service this library talks to.</summary>
    public static IReadOnlyList<AwsServiceInfo> All { get; } = [Ecr, Ecs, Iam, Elbv2, Logs, Eks, Ec2, Sts];

    /// <summary>Finds a service by key or alias (case-insensitive), or null.</summary>
    public static AwsServiceInfo? Find(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)
            || s.Aliases.Any(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase)));
}

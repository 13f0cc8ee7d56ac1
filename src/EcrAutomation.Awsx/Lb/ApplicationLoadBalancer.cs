using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Lb;
using AwsLb = EcrAutomation.Aws.Resources.Lb;

namespace EcrAutomation.Awsx.Lb;

/// <summary>
/// <c>awsx:lb:ApplicationLoadBalancer</c>: an internet-facing ALB in the default VPC's public subnets (unless subnets are
/// given), an open security group named like the component, an <c>ip</c> target group named like the component and a
/// listener <c>&lt;name&gt;-0</c> forwarding to it. Port/protocol: the listener's, else <c>DefaultTargetGroupPort</c> ?? 80 with
/// HTTP (443 ⇄ HTTPS), shared by the target group and the listener. Unlike awsx, a single entry in <c>Listeners</c> sets
/// the target group port too (awsx leaves it unset and AWS rejects the target group, pulumi-awsx#1292).
/// </summary>
[ResourceType(TypeToken)]
public sealed class ApplicationLoadBalancer : ComponentResource
{
    /// <summary>The component's type token, as awsx names it.</summary>
    public const string TypeToken = "awsx:lb:ApplicationLoadBalancer";

    /// <summary>Declares the load balancer, its default target group, listeners and (unless security groups are given) security group as children; argument errors throw <see cref="AwsxArgumentException"/>.</summary>
    public ApplicationLoadBalancer(string name, ApplicationLoadBalancerArgs? args = null, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        args ??= new ApplicationLoadBalancerArgs();
        Validate(args);
        var child = new CustomResourceOptions { Parent = this };

        Output<string> vpcId;
        Input<System.Collections.Immutable.ImmutableArray<string>> subnets;
        var given = args.Subnets ?? args.SubnetIds ?? args.SubnetMappings;
        if (given is not null)
        {
            var connection = AwsConnections.ForProgram();
            subnets = given;
            vpcId = given.AsOutput().Apply(ids => DefaultVpc.VpcOfSubnetAsync(connection, ids[0]));
        }
        else
        {
            var vpc = DefaultVpc.Get();
            vpcId = vpc.Apply(v => v.VpcId);
            subnets = vpc.Apply(v => System.Collections.Immutable.ImmutableArray.CreateRange(v.PublicSubnetIds));
        }
        VpcId = vpcId;

        InputList<string>? securityGroups = args.SecurityGroups;
        if (securityGroups is null && args.DefaultSecurityGroup?.Skip != true)
        {
            if (args.DefaultSecurityGroup?.SecurityGroupId is { } existing) securityGroups = new InputList<string> { existing };
            else
            {
                var sgArgs = args.DefaultSecurityGroup?.Args ?? OpenSecurityGroup();
                sgArgs.VpcId ??= vpcId;
                DefaultSecurityGroup = new SecurityGroup(name, sgArgs, child);
                securityGroups = new InputList<string> { DefaultSecurityGroup.Id };
            }
        }

        var lb = new AwsLb.LoadBalancer(name, new LoadBalancerArgs
        {
            Name = args.Name,
            LoadBalancerType = "application",
            Internal = args.Internal,
            Subnets = subnets.AsOutput(),
            SecurityGroups = securityGroups,
            IpAddressType = args.IpAddressType,
            IdleTimeout = args.IdleTimeout,
            EnableHttp2 = args.EnableHttp2,
            Tags = args.Tags,
        }, child);

        var (port, protocol) = DefaultPortAndProtocol(args);
        var tgArgs = args.DefaultTargetGroup;
        // Depending on the load balancer makes destroy remove the target group before the load balancer.
        var tg = new AwsLb.TargetGroup(name, new AwsLb.TargetGroupArgs
        {
            Name = tgArgs?.Name,
            Port = tgArgs?.Port ?? port,
            Protocol = tgArgs?.Protocol ?? protocol,
            ProtocolVersion = tgArgs?.ProtocolVersion,
            VpcId = tgArgs?.VpcId ?? vpcId,
            TargetType = tgArgs?.TargetType ?? "ip",
            HealthCheck = tgArgs?.HealthCheck,
            DeregistrationDelay = tgArgs?.DeregistrationDelay,
            Tags = tgArgs?.Tags,
        }, new CustomResourceOptions { Parent = this, DependsOn = [lb] });

        var listenerArgs = args.Listeners ?? (args.Listener is { } one ? [one] : [new ListenerArgs()]);
        var listeners = new List<AwsLb.Listener>();
        for (var i = 0; i < listenerArgs.Count; i++)
        {
            var l = listenerArgs[i];
            var listenerPort = l.Port ?? (l.Protocol is { } p ? (p.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) ? 443 : 80) : port);
            listeners.Add(new AwsLb.Listener($"{name}-{i}", new AwsLb.ListenerArgs
            {
                LoadBalancerArn = lb.Arn,
                Port = listenerPort,
                Protocol = l.Protocol ?? (l.Port is { } lp ? (lp == 443 ? "HTTPS" : "HTTP") : protocol),
                CertificateArn = l.CertificateArn,
                SslPolicy = l.SslPolicy,
                DefaultActions = l.DefaultActions ?? new InputList<ListenerDefaultActionArgs> { new ListenerDefaultActionArgs { Type = "forward", TargetGroupArn = tg.Arn } },
                Tags = l.Tags,
            }, child));
        }

        AwsLoadBalancer = lb;
        AwsDefaultTargetGroup = tg;
        Listeners = listeners;
        LoadBalancer = Output.Create(lb);
        // Resolves once the listeners exist, so a service that takes its target group from here is created after the
        // listener (ECS refuses a target group without a load balancer) and deleted before it.
        DefaultTargetGroup = Output.All(listeners.Select(x => (Input<string>)x.Arn)).Apply(_ => tg);
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["loadBalancer"] = lb.Arn,
            ["defaultTargetGroup"] = tg.Arn,
            ["defaultSecurityGroup"] = DefaultSecurityGroup?.Id,
            ["listeners"] = Output.All(listeners.Select(x => (Input<string>)x.Arn)),
            ["vpcId"] = vpcId,
        });
    }

    /// <summary>The load balancer (as in awsx, an output: <c>lb.LoadBalancer.Apply(l => l.DnsName)</c>).</summary>
    public Output<AwsLb.LoadBalancer> LoadBalancer { get; }

    /// <summary>The default target group, available once the listeners exist.</summary>
    public Output<AwsLb.TargetGroup> DefaultTargetGroup { get; }

    /// <summary>The load balancer resource itself.</summary>
    public AwsLb.LoadBalancer AwsLoadBalancer { get; }

    /// <summary>The default target group resource itself.</summary>
    public AwsLb.TargetGroup AwsDefaultTargetGroup { get; }

    /// <summary>The security group created for the load balancer, or null.</summary>
    public SecurityGroup? DefaultSecurityGroup { get; }

    /// <summary>The listeners: by default one on port 80 forwarding to the default target group.</summary>
    public IReadOnlyList<AwsLb.Listener> Listeners { get; }

    /// <summary>The VPC the load balancer is in (the subnets' VPC, or the default VPC).</summary>
    public Output<string> VpcId { get; }

    /// <summary>awsx's argument checks.</summary>
    internal static void Validate(ApplicationLoadBalancerArgs args)
    {
        if (new object?[] { args.Subnets, args.SubnetIds, args.SubnetMappings }.Count(x => x is not null) > 1)
            throw new AwsxArgumentException("Only one of [subnets], [subnetIds] or [subnetMappings] can be specified");
        if (args.Listener is not null && args.Listeners is not null)
            throw new AwsxArgumentException("Only one of [listener] and [listeners] can be specified");
        if (args.DefaultSecurityGroup is { Args: not null, SecurityGroupId: not null })
            throw new AwsxArgumentException("Only one of [defaultSecurityGroup] [args] or [securityGroupId] can be specified");
        if (args.DefaultTargetGroup is not null && args.DefaultTargetGroupPort is not null)
            throw new AwsxArgumentException("Only one of [defaultTargetGroup] or [defaultTargetGroupPort] can be specified");
    }

    /// <summary>The port and protocol shared by the default target group and the listener.</summary>
    internal static (int Port, string Protocol) DefaultPortAndProtocol(ApplicationLoadBalancerArgs args)
    {
        var listener = args.Listener ?? args.Listeners?.FirstOrDefault();
        if (listener is null) return (args.DefaultTargetGroupPort ?? 80, "HTTP");
        if (listener.Port is { } port) return (port, listener.Protocol ?? (port == 443 ? "HTTPS" : "HTTP"));
        return listener.Protocol?.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) == true ? (443, "HTTPS") : (80, listener.Protocol ?? "HTTP");
    }

    /// <summary>awsx's default group: all traffic in from anywhere (IPv4 and IPv6), TCP 0–65535 out to anywhere.</summary>
    internal static SecurityGroupArgs OpenSecurityGroup() => new()
    {
        Ingress = new InputList<SecurityGroupIngressArgs>
        {
            new SecurityGroupIngressArgs { Protocol = "-1", FromPort = 0, ToPort = 0, CidrBlocks = new InputList<string> { "0.0.0.0/0" }, Ipv6CidrBlocks = new InputList<string> { "::/0" } },
        },
        Egress = new InputList<SecurityGroupEgressArgs>
        {
            new SecurityGroupEgressArgs { Protocol = "tcp", FromPort = 0, ToPort = 65535, CidrBlocks = new InputList<string> { "0.0.0.0/0" }, Ipv6CidrBlocks = new InputList<string> { "::/0" } },
        },
    };
}

/// <summary>Inputs of <see cref="ApplicationLoadBalancer"/>.</summary>
public sealed class ApplicationLoadBalancerArgs
{
    /// <summary>The load balancer name; unset means the component name plus a random suffix.</summary>
    public Input<string>? Name { get; init; }
    /// <summary>Internal (private addresses only) instead of internet-facing.</summary>
    public Input<bool>? Internal { get; init; }
    /// <summary>The subnets (awsx takes Subnet resources; here their ids). At most one of Subnets, SubnetIds, SubnetMappings.</summary>
    public InputList<string>? Subnets { get; init; }
    /// <summary>The subnet ids. At most one of Subnets, SubnetIds, SubnetMappings; none means the default VPC's public subnets.</summary>
    public InputList<string>? SubnetIds { get; init; }
    /// <summary>Subnet ids of subnet mappings (Elastic IP mappings are not supported by this provider).</summary>
    public InputList<string>? SubnetMappings { get; init; }
    /// <summary>Security groups to use; when set, no default security group is created.</summary>
    public InputList<string>? SecurityGroups { get; init; }
    /// <summary>The load balancer's security group when <see cref="SecurityGroups"/> is unset: by default one created with awsx's open rules (all traffic in, TCP out), or an existing one, or none.</summary>
    public DefaultSecurityGroupArgs? DefaultSecurityGroup { get; init; }
    /// <summary>The arguments of the default target group; at most one of this and <see cref="DefaultTargetGroupPort"/>.</summary>
    public AwsLb.TargetGroupArgs? DefaultTargetGroup { get; init; }
    /// <summary>The port of the default target group; default: the listener's port.</summary>
    public int? DefaultTargetGroupPort { get; init; }
    /// <summary>The one listener; at most one of this and <see cref="Listeners"/>. Default: port 80, HTTP.</summary>
    public ListenerArgs? Listener { get; init; }
    /// <summary>Several listeners; at most one of this and <see cref="Listener"/>.</summary>
    public IReadOnlyList<ListenerArgs>? Listeners { get; init; }
    /// <summary><c>ipv4</c> (default) or <c>dualstack</c>.</summary>
    public Input<string>? IpAddressType { get; init; }
    /// <summary>Seconds an idle connection stays open (default 60).</summary>
    public Input<int>? IdleTimeout { get; init; }
    /// <summary>Accept HTTP/2 from clients (default true).</summary>
    public Input<bool>? EnableHttp2 { get; init; }
    /// <summary>Tags to apply to the load balancer.</summary>
    public InputMap<string>? Tags { get; init; }
}

/// <summary>A listener of the load balancer (<c>aws:lb/listener:Listener</c> arguments without the load balancer ARN).</summary>
public sealed class ListenerArgs
{
    /// <summary>The port; default 80, or 443 with <c>HTTPS</c>.</summary>
    public int? Port { get; init; }
    /// <summary><c>HTTP</c> or <c>HTTPS</c>; default <c>HTTPS</c> on port 443 and <c>HTTP</c> otherwise.</summary>
    public string? Protocol { get; init; }
    /// <summary>The ACM certificate ARN an <c>HTTPS</c> listener presents.</summary>
    public Input<string>? CertificateArn { get; init; }
    /// <summary>The TLS security policy of an <c>HTTPS</c> listener.</summary>
    public Input<string>? SslPolicy { get; init; }
    /// <summary>Default: forward to the default target group.</summary>
    public InputList<ListenerDefaultActionArgs>? DefaultActions { get; init; }
    /// <summary>Tags to apply to the listener.</summary>
    public InputMap<string>? Tags { get; init; }
}

/// <summary>How the load balancer's default security group is chosen (awsx's <c>DefaultSecurityGroup</c>).</summary>
public sealed class DefaultSecurityGroupArgs
{
    /// <summary>Create no security group.</summary>
    public bool Skip { get; init; }
    /// <summary>Use this existing group.</summary>
    public Input<string>? SecurityGroupId { get; init; }
    /// <summary>Create the group with these arguments instead of the open default.</summary>
    public SecurityGroupArgs? Args { get; init; }
}

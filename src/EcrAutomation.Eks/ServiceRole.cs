using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.Aws.Resources.Iam;

namespace EcrAutomation.Eks;

/// <summary>
/// <c>eks:index:ServiceRole</c>: an IAM role that an AWS service (for example <c>eks.amazonaws.com</c>) may assume, with
/// managed policies attached, as pulumi-eks makes it: the role is <c>&lt;name&gt;-role</c> and each attachment
/// <c>&lt;name&gt;-&lt;first 8 hex of sha1(policy id)&gt;</c>, so the names stay the same in every partition.
/// </summary>
[ResourceType(TypeToken)]
public sealed class ServiceRole : ComponentResource
{
    /// <summary>The component's type token, as pulumi-eks names it.</summary>
    public const string TypeToken = "eks:index:ServiceRole";

    /// <summary>Declares the role and one attachment per managed policy as children of this component.</summary>
    public ServiceRole(string name, ServiceRoleArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var child = new CustomResourceOptions { Parent = this };
        Role = new Role($"{name}-role", new RoleArgs
        {
            Description = args.Description,
            AssumeRolePolicy = args.Service.Apply(service => TrustPolicy(service, args.AssumeRoleActions ?? ["sts:AssumeRole"])),
            Tags = args.Tags,
        }, child);
        Attachments = [.. (args.ManagedPolicies ?? []).Select(policy => new RolePolicyAttachment($"{name}-{Sha1Prefix(policy.Id)}", new RolePolicyAttachmentArgs
        {
            Role = Role.RoleName,
            PolicyArn = policy.Arn,
        }, child))];
        ResolvedRole = Output.All(Attachments.Select(a => (Input<string>)a.Id).Append((Input<string>)Role.Arn)).Apply(_ => Role);
        RegisterOutputs(new Dictionary<string, object?> { ["resolvedRole"] = ResolvedRole, ["directRole"] = Role });
    }

    /// <summary>The role itself (pulumi-eks' <c>directRole</c>): use it where the attachments need not exist yet.</summary>
    public Role Role { get; }

    /// <summary>The role once every policy is attached (pulumi-eks' <c>resolvedRole</c>): inputs taken from it wait for the attachments.</summary>
    public Output<Role> ResolvedRole { get; }

    /// <summary>The policy attachments, in the order of <see cref="ServiceRoleArgs.ManagedPolicies"/>.</summary>
    public ImmutableArray<RolePolicyAttachment> Attachments { get; }

    /// <summary>The trust policy pulumi-eks writes: the actions allowed to the service principal.</summary>
    internal static string TrustPolicy(string service, IReadOnlyList<string> actions) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Action"] = new JsonArray([.. actions.Select(a => JsonValue.Create(a))]),
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = new JsonArray(JsonValue.Create(service)) },
        }),
    }.ToJsonString();

    /// <summary>The first 8 hex digits of the SHA-1 of <paramref name="text"/> (pulumi-eks' attachment name suffix).</summary>
    internal static string Sha1Prefix(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Awsx.Images;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Ecs;

/// <summary>A container port mapping of a task definition, with the image of its container.</summary>
internal sealed record MappedPort(Output<string> Container, Input<string>? Image, Output<int> Port, Output<string?> Protocol);

/// <summary>
/// Warns when a container maps a port its image does not expose (the image config's <c>ExposedPorts</c>): on AWS the load
/// balancer's health checks go to the mapped port, and fail when nothing listens there. The config comes from the build
/// when this process built the image (an awsx Image, also at preview before it is pushed), else from the stack's own
/// registry (ECR, or the configured endpoint such as the local cloud), with ECR credentials; images that expose nothing,
/// or cannot be read, are not checked.
/// </summary>
internal static partial class ExposedPortCheck
{
    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:443)?$")]
    private static partial Regex EcrHost();

    /// <summary>Runs the check for every mapping once its values are known; resolves when all checks are done.</summary>
    public static Output<ImmutableArray<bool>> Run(Resource resource, IEnumerable<MappedPort> mappings)
    {
        var scope = DeploymentScope.Current ?? throw new InvalidOperationException("the exposed-port check runs inside a program");
        var config = AwsConfig.OfProgram();
        return Output.All(mappings.Where(m => m.Image is not null).Select(m =>
            (Input<bool>)OutputHelpers.Three(m.Container, m.Image!.AsOutput(), OutputHelpers.Both(m.Port, m.Protocol))
                .Apply(t => WarnIfNotExposedAsync(resource, scope, config, t.Item1, t.Item2, t.Item3.Item1, t.Item3.Item2 ?? "tcp"))));
    }

    /// <summary>Returns whether the image could be checked.</summary>
    private static async Task<bool> WarnIfNotExposedAsync(Resource resource, DeploymentScope scope, IReadOnlyDictionary<string, string> config, string container, string image, int port, string protocol)
    {
        IReadOnlyCollection<string> exposed;
        try
        {
            if (!ImageReference.TryParse(image, out var reference)) return false;
            if (reference.Digest is { } digest && BuiltImages.Of(scope).ExposedPorts(digest) is { } built) exposed = built;
            else
            {
                var connection = AwsConnections.For(scope, config);
                if (!IsOwnRegistry(reference.Registry, connection)) return false;
                var credentials = await scope.GetOrAdd("awsx:exposed-port-check:ecr-credentials", () => new EcrCredentials(TimeProvider.System)).GetAsync(connection, new RegistryLogin(reference.Registry, "AWS", null)).ConfigureAwait(false);
                using var client = new RegistryClient(new RegistryClientOptions { Registry = reference.Registry, Credentials = credentials });
                var pulled = await client.PullImageAsync(reference.Repository, reference.Reference).ConfigureAwait(false);
                exposed = [.. pulled.Config.Config?.ExposedPorts?.Keys ?? []];
            }
        }
        catch (Exception e)
        {
            // A best-effort check never fails a deployment.
            Log.Info($"the exposed ports of container '{container}' were not checked: its image {image} could not be read ({e.Message})", resource);
            return false;
        }

        if (exposed.Count > 0 && !exposed.Any(p => Matches(p, port, protocol)))
            Log.Warn($"container '{container}' maps port {port}/{protocol}, but its image exposes {string.Join(", ", exposed.Order(StringComparer.Ordinal))}: " +
                $"traffic and load balancer health checks sent to port {port} will find nothing listening. Map an exposed port (containerPort), or EXPOSE {port} in the Dockerfile if the app listens there.", resource);
        return true;
    }

    /// <summary>An <c>ExposedPorts</c> key (<c>8080/tcp</c>, or <c>8080</c> meaning tcp) for a port and protocol.</summary>
    private static bool Matches(string exposed, int port, string protocol)
    {
        var slash = exposed.IndexOf('/', StringComparison.Ordinal);
        var (number, exposedProtocol) = slash < 0 ? (exposed, "tcp") : (exposed[..slash], exposed[(slash + 1)..]);
        return number == port.ToString(System.Globalization.CultureInfo.InvariantCulture) && string.Equals(exposedProtocol, protocol, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>ECR registry hosts, or with a custom ECR endpoint (the local cloud) only that endpoint's host: nothing else is contacted.</summary>
    private static bool IsOwnRegistry(string registry, AwsConnection connection)
    {
        var ecr = connection.ResolveEndpoint(AwsServiceInfo.Ecr);
        if (ecr.Host.StartsWith("api.ecr.", StringComparison.Ordinal)) return EcrHost().IsMatch(registry);
        return Uri.TryCreate("http://" + registry, UriKind.Absolute, out var host) && host.Port == ecr.Port
            && (string.Equals(host.Host, ecr.Host, StringComparison.OrdinalIgnoreCase) || host.IsLoopback && ecr.IsLoopback);
    }
}

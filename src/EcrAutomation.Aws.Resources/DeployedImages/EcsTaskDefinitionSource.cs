using System.Runtime.CompilerServices;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecs;

namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>
/// Every ACTIVE ECS task definition of the account and region (ListTaskDefinitions + DescribeTaskDefinition), not only the
/// stack's, so a digest deployed by another stack or by hand is protected too; one DescribeTaskDefinition per revision.
/// </summary>
internal sealed class EcsTaskDefinitionSource : IDeployedImageSource
{
    public async IAsyncEnumerable<DeployedImage> FindAsync(AwsConnection aws, string repositoryName, Func<string, string?> expiringDigest, ICollection<string> @unchecked,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var arn in aws.Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { Status = "ACTIVE" }, cancellationToken).ConfigureAwait(false))
        {
            TaskDefinitionResponse td;
            try { td = await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, cancellationToken).ConfigureAwait(false); }
            catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.Client) { continue; } // deregistered meanwhile
            foreach (var c in td.TaskDefinition?.ContainerDefinitions ?? [])
                if (c.Image is { } image && ImageReferences.IsOf(image, repositoryName) && expiringDigest(image) is { } digest)
                    yield return new DeployedImage(digest, image, c.Name ?? "", DeployedImageRuntime.Ecs, arn);
        }
    }
}

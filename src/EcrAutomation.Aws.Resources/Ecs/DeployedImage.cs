namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An image of a repository that an ACTIVE ECS task definition runs.</summary>
public sealed record DeployedImage(string Digest, string TaskDefinitionArn, string ContainerName, string Image);

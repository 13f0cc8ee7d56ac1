namespace EcrAutomation.Aws.Resources.Tests.Ecs;

[CollectionDefinition(Name)]
public sealed class EcsCollection : ICollectionFixture<EcsCloudFixture>
{
    public const string Name = "ecs-local-cloud";
}

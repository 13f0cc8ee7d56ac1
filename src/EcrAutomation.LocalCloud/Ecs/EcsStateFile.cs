namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>The scheduler's state on disk (<c>ecs/state.json</c>): services with their deployments and events, and tasks.</summary>
internal sealed record EcsStateFile(List<EcsServiceRecord> Services, List<EcsTaskRecord> Tasks);

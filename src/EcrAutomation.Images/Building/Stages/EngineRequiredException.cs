namespace EcrAutomation.Images.Building.Stages;

/// <summary>Stops a build that turns out to need a Docker engine; the builder reports <see cref="Outcome"/> instead of failing.</summary>
internal sealed class EngineRequiredException(BuildRequiresDockerEngine outcome) : Exception(outcome.Message)
{
    public BuildRequiresDockerEngine Outcome { get; } = outcome;
}

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>A task could not start; the message is its <c>stoppedReason</c> (e.g. <c>CannotPullContainerError: …</c>).</summary>
internal sealed class TaskStartException(string message) : Exception(message);

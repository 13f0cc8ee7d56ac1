namespace EcrAutomation.Automation;

public class UpdateResult(string standardOutput, string standardError, UpdateSummary summary)
{
    public string StandardOutput { get; } = standardOutput;
    public string StandardError { get; } = standardError;
    public UpdateSummary Summary { get; } = summary;
}

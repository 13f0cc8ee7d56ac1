namespace EcrAutomation.Cli.Commands;

/// <summary>Named process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Canceled = 130;
}

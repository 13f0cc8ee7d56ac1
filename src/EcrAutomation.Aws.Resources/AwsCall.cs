using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>Runs AWS calls for providers: AWS errors become provider errors whose message is shown to the user as is.</summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    public static async Task RunAsync(Func<Task> call)
    {
        try { await call().ConfigureAwait(false); }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    /// <summary>Runs a delete call, counting the given not-found codes as already deleted.</summary>
    public static async Task DeleteAsync(Func<Task> call, params string[] goneCodes)
    {
        try { await call().ConfigureAwait(false); }
        catch (AwsServiceException e) when (goneCodes.Contains(e.ErrorCode)) { }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}

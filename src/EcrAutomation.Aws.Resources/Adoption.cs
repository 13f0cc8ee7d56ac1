using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// Creates that never leave an orphan or a duplicate. A create can take effect without its caller knowing: the response is
/// lost (the client saw a server error and resent the call) or the process died before the result was recorded. The
/// resource then exists under the name (or token) the create chose; these helpers find it and adopt it when it is
/// provably this resource's — the same name <em>and</em> the inputs the create sent — and never anything else.
/// </summary>
internal static class Adoption
{
    /// <summary>
    /// Runs a create whose resend fails with an already-exists error (CreateRole, CreateLogGroup, CreateSecurityGroup, ...).
    /// On that error, <paramref name="findOurs"/> looks the resource up by its name and returns it only if it matches the
    /// inputs; otherwise the error stands (someone else's resource is never adopted).
    /// </summary>
    public static async Task<T> CreateOrAdoptAsync<T>(ProviderRequest request, string what, Func<Task<T>> create, Func<Task<T?>> findOurs)
        where T : class
    {
        try { return await create().ConfigureAwait(false); }
        catch (AwsResourceAlreadyExistsException e)
        {
            if (await AwsCall.RunAsync(findOurs).ConfigureAwait(false) is { } ours)
            {
                request.Log.Info($"adopted {what}, which an earlier attempt of this create made (its response was lost or the update was interrupted)");
                return ours;
            }
            throw new ResourceProviderException(
                $"{e.Message}. It was not made by this resource (its settings differ from the ones this create sends), so it is left alone: " +
                "choose another name, delete it, or import it with the ImportId option.", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    /// <summary>
    /// Runs a create that is not idempotent and reports no conflict when repeated (RegisterTaskDefinition adds a revision
    /// per call). The client does not resend it after an error that may have taken effect; then <paramref name="findOurs"/>
    /// looks for the result, and only if there is none is the call sent again — so at most one resource results.
    /// </summary>
    public static async Task<T> CreateOnceAsync<T>(ProviderRequest request, string what, Func<Task<T>> create, Func<Task<T?>> findOurs, int attempts = 5)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await create().ConfigureAwait(false); }
            catch (AwsException e) when (AwsErrorClassifier.MayHaveTakenEffect(e) && attempt < attempts)
            {
                if (await AwsCall.RunAsync(findOurs).ConfigureAwait(false) is { } ours)
                {
                    request.Log.Info($"adopted {what}, which the previous attempt made before its response was lost");
                    return ours;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
            }
            catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        }
    }
}

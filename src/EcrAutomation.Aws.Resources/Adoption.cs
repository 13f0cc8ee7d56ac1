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
    private const int Attempts = 5;

    /// <summary>
    /// Runs a create. When it fails with an already-exists error (the client resent it after a lost response, or an
    /// earlier update was interrupted), or with an error after which it may have taken effect (a server error or lost
    /// connection on a call the client does not resend, like RegisterTaskDefinition), <paramref name="findOurs"/> looks the
    /// resource up by what the create chose (its name) and returns it only if it matches the inputs: that is adopted.
    /// Otherwise an already-exists error stands (someone else's resource is never adopted) and any other is tried again,
    /// so at most one resource results.
    /// </summary>
    public static async Task<T> CreateOrAdoptAsync<T>(ProviderRequest request, string what, Func<Task<T>> create, Func<Task<T?>> findOurs)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await create().ConfigureAwait(false); }
            catch (AwsException e) when (e is AwsResourceAlreadyExistsException || (AwsErrorClassifier.MayHaveTakenEffect(e) && attempt < Attempts))
            {
                if (await AwsCall.RunAsync(findOurs).ConfigureAwait(false) is { } ours)
                {
                    request.Log.Info($"adopted {what}, which an earlier attempt of this create made (its response was lost or the update was interrupted)");
                    return ours;
                }
                if (e is AwsResourceAlreadyExistsException)
                    throw new ResourceProviderException(
                        $"{e.Message}. It was not made by this resource (its settings differ from the ones this create sends), so it is left alone: " +
                        "choose another name, delete it, or import it with the ImportId option.", e);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt)).ConfigureAwait(false);
            }
            catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        }
    }
}

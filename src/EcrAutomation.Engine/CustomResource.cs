namespace EcrAutomation;

/// <summary>A resource managed by a provider: it has an id and provider-computed outputs.</summary>
public class CustomResource : Resource
{
    protected CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, custom: true, args, options)
    {
        Id = new Output<string>(IdAsync());
    }

    /// <summary>The provider-assigned id; unknown during preview of a create.</summary>
    public Output<string> Id { get; }

    private async Task<OutputData<string>> IdAsync()
    {
        var r = await Registration.ConfigureAwait(false);
        return r.Id is null
            ? OutputData<string>.Unknown(false, [this])
            : new OutputData<string>(r.Id, true, false, [this]);
    }
}

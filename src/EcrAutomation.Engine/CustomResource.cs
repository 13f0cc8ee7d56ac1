namespace EcrAutomation;

/// <summary>A resource managed by a provider: it has an id and provider-computed outputs.</summary>
public class CustomResource : Resource
{
    /// <summary>Registers the resource with the running program; its provider creates, updates or deletes it.</summary>
    /// <param name="type">The type token its provider is registered for, <c>package:module:Type</c>.</param>
    /// <param name="name">The logical name, unique among resources of its type in the stack.</param>
    /// <param name="args">The inputs; properties marked <see cref="InputAttribute"/> are sent to the provider.</param>
    /// <param name="options">Parent, dependencies, protection, timeouts, an explicit provider, ...</param>
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

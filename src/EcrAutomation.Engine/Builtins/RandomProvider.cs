using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using EcrAutomation.Providers;

namespace EcrAutomation.Builtins;

/// <summary>
/// The built-in <c>random</c> package (as Pulumi's): <c>random:index/randomId:RandomId</c> and
/// <c>random:index/randomString:RandomString</c>. Values are generated once at create and kept in state; any input change
/// replaces the resource (new value).
/// </summary>
public sealed class RandomProvider : IResourceProvider
{
    /// <summary>The type token of <see cref="RandomId"/>.</summary>
    public const string RandomIdType = "random:index/randomId:RandomId";
    /// <summary>The type token of <see cref="RandomString"/>.</summary>
    public const string RandomStringType = "random:index/randomString:RandomString";

    /// <summary>A registry holding this provider for its types.</summary>
    public static ProviderRegistry Register(ProviderRegistry registry) => registry.Add(new RandomProvider(), RandomIdType, RandomStringType);

    /// <inheritdoc/>
    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var failures = new List<CheckFailure>();
        var inputs = request.NewInputs;
        if (request.Type == RandomIdType)
        {
            if (inputs.GetNumber("byteLength") is not { } n || n < 1 || n != Math.Floor(n))
                failures.Add(new CheckFailure("byteLength", "byteLength must be a positive whole number of bytes"));
        }
        else
        {
            if (inputs.GetNumber("length") is not { } n || n < 1 || n != Math.Floor(n))
                failures.Add(new CheckFailure("length", "length must be a positive whole number"));
            else if (Charset(inputs).Length == 0)
                failures.Add(new CheckFailure(null, "at least one of upper, lower, numeric or special must be enabled"));
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <inheritdoc/>
    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default)
    {
        var diff = ProviderDiff.Compare(request.OldInputs, request.NewInputs, request.NewInputs.Keys.Union(request.OldInputs.Keys), request.IgnoreChanges);
        return Task.FromResult(diff);
    }

    /// <inheritdoc/>
    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var outputs = request.Type == RandomIdType ? NewId(request.Inputs) : NewString(request.Inputs);
        var id = request.Type == RandomIdType ? outputs.GetString("b64Url")! : outputs.GetString("result")!;
        return Task.FromResult(new CreateResponse(id, outputs));
    }

    /// <inheritdoc/>
    public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        if (request.State is { Count: > 0 } state) return Task.FromResult<ReadResponse?>(new ReadResponse(request.Id, state, request.Inputs));
        // Import: the id is the value itself.
        var outputs = request.Type == RandomStringType
            ? (request.Inputs ?? PropertyMap.Empty).Set("result", PropertyValue.Of(request.Id)).Set("length", PropertyValue.Of(request.Id.Length))
            : IdOutputs(request.Inputs ?? PropertyMap.Empty, Base64Url(request.Id));
        return Task.FromResult<ReadResponse?>(new ReadResponse(request.Id, outputs, request.Inputs));
    }

    /// <inheritdoc/>
    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new UpdateResponse(request.OldOutputs)); // only keepers-free changes reach here, which never happens: every change replaces

    /// <inheritdoc/>
    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static PropertyMap NewId(PropertyMap inputs) =>
        IdOutputs(inputs, RandomNumberGenerator.GetBytes((int)inputs.GetNumber("byteLength")!.Value));

    private static PropertyMap IdOutputs(PropertyMap inputs, byte[] bytes)
    {
        var prefix = inputs.GetString("prefix") ?? "";
        var b64Std = Convert.ToBase64String(bytes);
        var b64Url = b64Std.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var dec = new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
        return inputs
            .Set("hex", PropertyValue.Of(prefix + Convert.ToHexStringLower(bytes)))
            .Set("b64Std", PropertyValue.Of(prefix + b64Std))
            .Set("b64Url", PropertyValue.Of(prefix + b64Url))
            .Set("dec", PropertyValue.Of(prefix + dec));
    }

    private static byte[] Base64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private static PropertyMap NewString(PropertyMap inputs)
    {
        var length = (int)inputs.GetNumber("length")!.Value;
        var charset = Charset(inputs);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = charset[RandomNumberGenerator.GetInt32(charset.Length)];
        return inputs.Set("result", PropertyValue.Of(new string(chars)));
    }

    private static string Charset(PropertyMap inputs)
    {
        var set = "";
        if (inputs.GetBool("upper") ?? true) set += "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        if (inputs.GetBool("lower") ?? true) set += "abcdefghijklmnopqrstuvwxyz";
        if (inputs.GetBool("numeric") ?? inputs.GetBool("number") ?? true) set += "0123456789";
        if (inputs.GetBool("special") ?? true) set += inputs.GetString("overrideSpecial") ?? "!@#$%&*()-_=+[]{}<>:?";
        return set;
    }
}

using System.Collections.Immutable;
using System.Text.Json.Serialization;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests.Schema;

public enum GadgetMode
{
    Fast,
    [JsonStringEnumMemberName("very-safe")] Safe,
}

public sealed class GadgetSettingsArgs : ResourceArgs
{
    [Input("enabled", required: true)] public Input<bool>? Enabled { get; set; }
    [Input("limits")] public InputMap<int>? Limits { get; set; }
}

public sealed class GadgetArgs : ResourceArgs
{
    [Input("value")] public Input<string>? Value { get; set; }
    [Input("count", required: true)] public Input<int>? Count { get; set; }
    [Input("ratio")] public Input<double>? Ratio { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
    [Input("zones")] public InputList<string>? Zones { get; set; }
    [Input("settings")] public Input<GadgetSettingsArgs>? Settings { get; set; }
    [Input("rules")] public InputList<GadgetSettingsArgs>? Rules { get; set; }
    [Input("port")] public InputUnion<int, string>? Port { get; set; }
    [Input("mode")] public Input<GadgetMode>? Mode { get; set; }
    [Input("password", secret: true)] public Input<string>? Password { get; set; }
    [Input("document")] public Input<object>? Document { get; set; }
}

public sealed class GadgetSettings
{
    [Output("enabled")] public bool Enabled { get; init; }
    [Output("limits")] public ImmutableDictionary<string, int>? Limits { get; init; }
}

/// <summary>A resource of the file cloud (outputs = inputs + <c>arn</c>) with inputs of every shape the catalog converts.</summary>
[ResourceType(GadgetType)]
public sealed class Gadget : CustomResource
{
    public const string GadgetType = "test:index/gadget:Gadget";

    public Gadget(string name, GadgetArgs args, CustomResourceOptions? options = null) : base(GadgetType, name, args, options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("value")] public Output<string> Value { get; private set; } = null!;
    [Output("count")] public Output<int> Count { get; private set; } = null!;
    [Output("zones")] public Output<ImmutableArray<string>> Zones { get; private set; } = null!;
    [Output("settings")] public Output<GadgetSettings> Settings { get; private set; } = null!;
    [Output("port")] public Output<Union<int, string>> Port { get; private set; } = null!;
}

/// <summary>One rule of a <see cref="Kit"/> (a plain class, as awsx's args are).</summary>
public sealed class KitRuleArgs
{
    public required string Name { get; init; }
    public int? Priority { get; init; }
}

/// <summary>Inputs of <see cref="Kit"/>: plain values (awaited when given as outputs) next to inputs.</summary>
public sealed class KitArgs
{
    public string? Label { get; init; }
    public IReadOnlyList<KitRuleArgs>? Rules { get; init; }
    public Input<string>? Value { get; init; }
    public bool Skip { get; init; }
}

/// <summary>A component (awsx-like) with a child <see cref="Gadget"/>.</summary>
[ResourceType(KitType)]
public sealed class Kit : ComponentResource
{
    public const string KitType = "test:index:Kit";

    public Kit(string name, KitArgs? args = null, ComponentResourceOptions? options = null) : base(KitType, name, options)
    {
        args ??= new KitArgs();
        Label = args.Label ?? "none";
        RuleNames = [.. (args.Rules ?? []).Select(r => $"{r.Name}:{r.Priority}")];
        Gadget = new Gadget($"{name}-gadget", new GadgetArgs { Count = RuleNames.Count, Value = args.Value ?? Label }, new CustomResourceOptions { Parent = this });
        Url = Gadget.Value.Apply(v => "https://" + v);
        RegisterOutputs(new Dictionary<string, object?> { ["url"] = Url });
    }

    public string Label { get; }
    public IReadOnlyList<string> RuleNames { get; }
    [Output("gadget")] public Gadget Gadget { get; }
    public Output<string> Url { get; }
}

internal static class SchemaTestRegistry
{
    public static Providers.ProviderRegistry With(FileCloudProvider provider) => FileCloudProvider.Registry(provider).Add(provider, Gadget.GadgetType);
}

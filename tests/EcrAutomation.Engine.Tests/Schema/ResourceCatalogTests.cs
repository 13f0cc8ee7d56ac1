using EcrAutomation.Builtins;
using EcrAutomation.Schema;

namespace EcrAutomation.Engine.Tests.Schema;

/// <summary>The catalog's tokens, pulumi-yaml's token spellings, and the schema it reads from resource classes.</summary>
public sealed class ResourceCatalogTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssemblies(typeof(RandomId).Assembly, typeof(Gadget).Assembly);

    [Fact]
    public void Tokens_AreTheAnnotatedClassesAProgramCanConstruct_NotTheStack()
    {
        Catalog.Tokens.ShouldBe([RandomProvider.RandomIdType, RandomProvider.RandomStringType, Gadget.GadgetType, Kit.KitType], ignoreOrder: true);
        Catalog.Packages.ShouldBe(["random", "test"]);
        Catalog.TryGet(RandomProvider.RandomIdType, out var info).ShouldBeTrue();
        info.ResourceClass.ShouldBe(typeof(RandomId));
        info.ArgsType.ShouldBe(typeof(RandomIdArgs));
        info.IsComponent.ShouldBeFalse();
        Catalog.TryGet(Kit.KitType, out var kit).ShouldBeTrue();
        kit.IsComponent.ShouldBeTrue();
        kit.ArgsType.ShouldBe(typeof(KitArgs));
    }

    [Theory]
    [InlineData("random:index/randomId:RandomId", "random:index/randomId:RandomId")]
    [InlineData("random:index:RandomId", "random:index/randomId:RandomId")]
    [InlineData("random:RandomString", "random:index/randomString:RandomString")]
    [InlineData("RANDOM:INDEX:RANDOMSTRING", "random:index/randomString:RandomString")]
    [InlineData("test:Kit", "test:index:Kit")]
    [InlineData("test:index:Gadget", "test:index/gadget:Gadget")]
    [InlineData("random:index:RandomPet", null)]
    [InlineData("random", null)]
    [InlineData("aws:ecr:Repository", null)]
    public void Resolve_FollowsPulumiYamlsTokenRules(string yamlToken, string? expected) => Catalog.Resolve(yamlToken).ShouldBe(expected);

    [Fact]
    public void Inputs_HavePulumiNames_SchemaTypes_RequiredAndSecret()
    {
        Catalog.TryGet(Gadget.GadgetType, out var gadget).ShouldBeTrue();
        var inputs = gadget.Inputs;
        inputs.Keys.ShouldBe(["value", "count", "ratio", "tags", "zones", "settings", "rules", "port", "mode", "password", "document"], ignoreOrder: true);
        inputs["value"].Type.ShouldBe(SchemaType.String);
        inputs["count"].ShouldBe(new SchemaProperty("count", SchemaType.Integer, Required: true));
        inputs["ratio"].Type.Kind.ShouldBe(SchemaTypeKind.Number);
        inputs["tags"].Type.Display.ShouldBe("Map<string>");
        inputs["zones"].Type.Display.ShouldBe("List<string>");
        inputs["password"].Secret.ShouldBeTrue();
        inputs["document"].Type.Kind.ShouldBe(SchemaTypeKind.Any);
        inputs["port"].Type.Display.ShouldBe("Union<integer, string>");
        inputs["mode"].Type.Enum.ShouldBe(["Fast", "very-safe"]);

        var settings = inputs["settings"].Type;
        settings.Kind.ShouldBe(SchemaTypeKind.Object);
        settings.TypeToken.ShouldBe("test:index:GadgetSettings");
        settings.Properties!["enabled"].ShouldBe(new SchemaProperty("enabled", SchemaType.Boolean, Required: true));
        settings.Properties["limits"].Type.Display.ShouldBe("Map<integer>");
        inputs["rules"].Type.Items!.ShouldBeSameAs(settings, "one object type per class");
    }

    [Fact]
    public void Inputs_OfPlainArgsClasses_AreTheirSettablePropertiesInCamelCase_WithRequiredMembers()
    {
        Catalog.TryGet(Kit.KitType, out var kit).ShouldBeTrue();
        kit.Inputs.Keys.ShouldBe(["label", "rules", "value", "skip"], ignoreOrder: true);
        kit.Inputs["skip"].ShouldBe(new SchemaProperty("skip", SchemaType.Boolean), "a bool with a default is not required");
        var rule = kit.Inputs["rules"].Type.Items!;
        rule.TypeToken.ShouldBe("test:index:KitRule");
        rule.Properties!["name"].Required.ShouldBeTrue("a C# required member");
        rule.Properties["priority"].ShouldBe(new SchemaProperty("priority", SchemaType.Integer));
    }

    [Fact]
    public void Outputs_AreOutputPropertiesAndExposedResources_WithoutIdAndUrn()
    {
        Catalog.TryGet(Gadget.GadgetType, out var gadget).ShouldBeTrue();
        gadget.Outputs.Keys.ShouldBe(["arn", "value", "count", "zones", "settings", "port"], ignoreOrder: true);
        gadget.Outputs["settings"].Type.Properties!.Keys.ShouldBe(["enabled", "limits"], ignoreOrder: true);
        gadget.Outputs["count"].Required.ShouldBeFalse();

        Catalog.TryGet(Kit.KitType, out var kit).ShouldBeTrue();
        kit.Outputs.Keys.ShouldBe(["gadget", "url"], ignoreOrder: true);
        kit.Outputs["gadget"].Type.ShouldBe(SchemaType.ResourceOf(Gadget.GadgetType));
        kit.Outputs["url"].Type.ShouldBe(SchemaType.String);
    }

    [Fact]
    public void FromAssemblies_ReadsNoPropertiesUntilATypeIsUsed()
    {
        var catalog = ResourceCatalog.FromAssemblies(typeof(Gadget).Assembly);
        catalog.TryGet(Gadget.GadgetType, out var gadget).ShouldBeTrue();
        var shape = typeof(ResourceTypeInfo).GetField("_shape", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(gadget)!;
        shape.GetType().GetProperty("IsValueCreated")!.GetValue(shape).ShouldBe(false);
        _ = gadget.Inputs;
        shape.GetType().GetProperty("IsValueCreated")!.GetValue(shape).ShouldBe(true);
    }
}

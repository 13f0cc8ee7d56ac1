using System.Text.Json;
using EcrAutomation.Providers;
using EcrAutomation.Schema;

namespace EcrAutomation.Engine.Tests.Schema;

/// <summary>The Pulumi package schema JSON the catalog writes for a package (what <c>ecr-automation schema</c> prints).</summary>
public sealed class PackageSchemaTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssemblies(typeof(Gadget).Assembly);

    private static readonly FunctionCatalog Functions = new FunctionCatalog().Add(new FunctionInfo(
        "test:index/getGadget:getGadget",
        new Dictionary<string, SchemaProperty> { ["name"] = new("name", SchemaType.String, Required: true) },
        new Dictionary<string, SchemaProperty> { ["arn"] = new("arn", SchemaType.String) },
        (_, _) => Task.FromResult(PropertyMap.Empty)) { Description = "Finds a gadget." });

    [Fact]
    public void ToJson_HasResourcesWithInputsAndOutputs_ReferencedTypes_EnumsAndFunctions()
    {
        var package = Catalog.Package("test", Functions);
        var json = JsonDocument.Parse(package.ToJson()).RootElement;

        json.GetProperty("name").GetString().ShouldBe("test");
        json.GetProperty("version").GetString().ShouldBe(package.Version);
        var gadget = json.GetProperty("resources").GetProperty(Gadget.GadgetType);
        gadget.GetProperty("requiredInputs").EnumerateArray().Select(e => e.GetString()).ShouldBe(["count"]);
        var inputs = gadget.GetProperty("inputProperties");
        inputs.GetProperty("settings").GetProperty("$ref").GetString().ShouldBe("#/types/test:index:GadgetSettings");
        inputs.GetProperty("rules").GetProperty("items").GetProperty("$ref").GetString().ShouldBe("#/types/test:index:GadgetSettings");
        inputs.GetProperty("tags").GetProperty("additionalProperties").GetProperty("type").GetString().ShouldBe("string");
        inputs.GetProperty("port").GetProperty("oneOf").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["integer", "string"]);
        inputs.GetProperty("password").GetProperty("secret").GetBoolean().ShouldBeTrue();
        inputs.GetProperty("document").GetProperty("$ref").GetString().ShouldBe("pulumi.json#/Any");
        inputs.GetProperty("mode").GetProperty("$ref").GetString().ShouldBe("#/types/test:index:GadgetMode");
        gadget.GetProperty("properties").GetProperty("arn").GetProperty("type").GetString().ShouldBe("string");
        gadget.TryGetProperty("isComponent", out _).ShouldBeFalse();

        var types = json.GetProperty("types");
        types.GetProperty("test:index:GadgetSettings").GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["enabled"]);
        types.GetProperty("test:index:GadgetMode").GetProperty("enum").EnumerateArray().Select(e => e.GetProperty("value").GetString()).ShouldBe(["Fast", "very-safe"]);
        types.GetProperty("test:index:KitRule").GetProperty("properties").GetProperty("priority").GetProperty("type").GetString().ShouldBe("integer");

        var kit = json.GetProperty("resources").GetProperty(Kit.KitType);
        kit.GetProperty("isComponent").GetBoolean().ShouldBeTrue();
        kit.GetProperty("properties").GetProperty("gadget").GetProperty("$ref").GetString().ShouldBe("#/resources/test:index%2Fgadget:Gadget");

        var function = json.GetProperty("functions").GetProperty("test:index/getGadget:getGadget");
        function.GetProperty("description").GetString().ShouldBe("Finds a gadget.");
        function.GetProperty("inputs").GetProperty("required")[0].GetString().ShouldBe("name");
        function.GetProperty("outputs").GetProperty("properties").GetProperty("arn").GetProperty("type").GetString().ShouldBe("string");
        json.GetProperty("provider").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void EntryJson_IsOneResourceOrFunction_AndNullForOthers()
    {
        var package = Catalog.Package("test", Functions);

        JsonDocument.Parse(package.EntryJson(Kit.KitType)!).RootElement.GetProperty("inputProperties").GetProperty("label").GetProperty("type").GetString().ShouldBe("string");
        JsonDocument.Parse(package.EntryJson("test:index/getGadget:getGadget")!).RootElement.TryGetProperty("inputs", out _).ShouldBeTrue();
        package.EntryJson("test:index:Nothing").ShouldBeNull();
        Catalog.Package("random").ToJson().ShouldContain("\"resources\": {}");
    }
}

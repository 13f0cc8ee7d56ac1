using EcrAutomation.Yaml.Configuration;

namespace EcrAutomation.Yaml.Tests;

/// <summary>Config entry types as pulumi-yaml and project files spell them, and stack strings converted to them.</summary>
public sealed class ConfigTypeTests
{
    [Theory]
    [InlineData("String", "String")]
    [InlineData("string", "String")]
    [InlineData("int", "Integer")]
    [InlineData("Integer", "Integer")]
    [InlineData("bool", "Boolean")]
    [InlineData("Number", "Number")]
    [InlineData("object", "Object")]
    [InlineData("List<String>", "List<String>")]
    [InlineData("list< integer >", "List<Integer>")]
    public void Parse_AcceptsPulumiYamlsSpellings(string name, string expected) =>
        ConfigType.Parse(name)!.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("Strin")]
    [InlineData("List<List<String>>")]
    [InlineData("array")]
    [InlineData("Map<String>")]
    public void Parse_RejectsOtherNames(string name) => ConfigType.Parse(name).ShouldBeNull();

    [Fact]
    public void Parse_ProjectFileArray_NeedsItsItems() =>
        ConfigType.Parse("array", ConfigType.Integer).ShouldBe(ConfigType.List(ConfigType.Integer));

    [Theory]
    [InlineData("42", "Integer", 42.0)]
    [InlineData("-7", "Integer", -7.0)]
    [InlineData("2.5", "Number", 2.5)]
    [InlineData("true", "Boolean", true)]
    [InlineData("F", "Boolean", false)]
    [InlineData("1", "Boolean", true)]
    [InlineData("text", "String", "text")]
    public void TryConvert_ParsesScalarsAsPulumisConfigDoes(string raw, string type, object expected)
    {
        ConfigEntries.TryConvert(raw, ConfigType.Parse(type)!, out var value).ShouldBeTrue();
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("abc", "Integer")]
    [InlineData("1.5", "Integer")]
    [InlineData("yes", "Boolean")]
    [InlineData("NaN", "Number")]
    [InlineData("[1, \"a\"]", "List<Integer>")]
    [InlineData("{\"a\": 1}", "List<String>")]
    [InlineData("[1]", "Object")]
    [InlineData("not json", "Object")]
    public void TryConvert_RejectsValuesOfAnotherType(string raw, string type) =>
        ConfigEntries.TryConvert(raw, ConfigType.Parse(type)!, out _).ShouldBeFalse();

    [Fact]
    public void TryConvert_ReadsListsAndObjectsAsJson()
    {
        ConfigEntries.TryConvert("""{"a": [1, true, null], "b": {"c": "d"}}""", ConfigType.Object, out var value).ShouldBeTrue();

        var map = value.ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!;
        map["a"].ShouldBe(new List<object?> { 1.0, true, null });
        map["b"].ShouldBeAssignableTo<IReadOnlyDictionary<string, object?>>()!["c"].ShouldBe("d");
    }
}

using EcrAutomation.Yaml.Builtins;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Tests;

/// <summary>fn::toJSON's encoding: Go's json.Marshal (compact, sorted keys, whole numbers without a fraction).</summary>
public sealed class BuiltinJsonTests
{
    private static readonly SourceSpan Span = new("Pulumi.yaml", 1, 1);

    [Fact]
    public void Write_IsCompactWithSortedKeys()
    {
        var value = new Dictionary<string, object?>
        {
            ["b"] = new List<object?> { 1.0, 2.5, -3.0, 1e21, 1e-7, "<&>" },
            ["a"] = new Dictionary<string, object?> { ["z"] = true, ["y"] = null },
        };

        JsonText.Write(value, Span).ShouldBe("""{"a":{"y":null,"z":true},"b":[1,2.5,-3,1e+21,1e-7,"<&>"]}""");
    }

    [Fact]
    public void Write_OfAnAsset_FailsNamingIt() =>
        Should.Throw<YamlProgramException>(() => JsonText.Write(new Assets.StringAsset("x"), Span)).Message.ShouldContain("failed to encode JSON: an asset or archive has no JSON form");

    [Fact]
    public void Write_OfNaN_Fails() =>
        Should.Throw<YamlProgramException>(() => JsonText.Write(double.NaN, Span)).Message.ShouldContain("failed to encode JSON: unsupported value: NaN");
}

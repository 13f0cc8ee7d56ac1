using EcrAutomation.Schema;

namespace EcrAutomation.Engine.Tests.Schema;

/// <summary>The assignability rules the YAML checker uses, and how types print in its messages.</summary>
public sealed class SchemaTypeTests
{
    private static readonly SchemaType Rule = SchemaType.ObjectOf("test:index:Rule", new Dictionary<string, SchemaProperty>
    {
        ["name"] = new("name", SchemaType.String, Required: true),
        ["priority"] = new("priority", SchemaType.Integer),
    });

    private static SchemaType Literal(params (string Name, SchemaType Type)[] properties) =>
        SchemaType.ObjectOf(null, properties.ToDictionary(p => p.Name, p => new SchemaProperty(p.Name, p.Type)));

    public static TheoryData<SchemaType, SchemaType, bool> Cases => new()
    {
        { SchemaType.String, SchemaType.String, true },
        { SchemaType.String, SchemaType.Number, true },
        { SchemaType.String, SchemaType.Boolean, true },
        { SchemaType.Integer, SchemaType.Number, true },
        { SchemaType.Number, SchemaType.Integer, true },
        { SchemaType.Integer, SchemaType.String, false },
        { SchemaType.Boolean, SchemaType.String, false },
        { SchemaType.ArrayOf(SchemaType.String), SchemaType.String, false },
        { SchemaType.ArrayOf(SchemaType.String), SchemaType.ArrayOf(SchemaType.Integer), true },
        { SchemaType.ArrayOf(SchemaType.Integer), SchemaType.ArrayOf(SchemaType.String), false },
        { SchemaType.MapOf(SchemaType.String), SchemaType.String, false },
        { SchemaType.MapOf(SchemaType.String), Literal(("a", SchemaType.String), ("b", SchemaType.Number)), true },
        { SchemaType.MapOf(SchemaType.Integer), Literal(("a", SchemaType.String)), false },
        { Rule, Literal(("name", SchemaType.String)), true },
        { Rule, Literal(("name", SchemaType.String), ("weight", SchemaType.Integer)), false },
        { Rule, Literal(("priority", SchemaType.ArrayOf(SchemaType.Integer))), false },
        { Rule, SchemaType.String, false },
        { SchemaType.Any, SchemaType.ArrayOf(SchemaType.String), true },
        { SchemaType.ArrayOf(SchemaType.String), SchemaType.Any, true },
        { SchemaType.UnionOf(SchemaType.Integer, SchemaType.String), SchemaType.Boolean, true },
        { SchemaType.UnionOf(SchemaType.Integer, SchemaType.ArrayOf(SchemaType.String)), Literal(), false },
        { SchemaType.ResourceOf("aws:ecr/repository:Repository"), SchemaType.ResourceOf("aws:ecr/repository:Repository"), true },
        { SchemaType.ResourceOf("pulumi:providers:aws"), SchemaType.ResourceOf("aws:ecr/repository:Repository"), false },
        { SchemaType.ResourceOf(null), SchemaType.ResourceOf("aws:ecr/repository:Repository"), true },
        { SchemaType.Asset, SchemaType.String, false },
        { SchemaType.Archive, SchemaType.Archive, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsAssignableFrom(SchemaType target, SchemaType value, bool assignable) => target.IsAssignableFrom(value).ShouldBe(assignable, $"{value.Display} into {target.Display}");

    [Fact]
    public void Display_IsPulumiYamlsSpelling()
    {
        SchemaType.String.Display.ShouldBe("string");
        SchemaType.ArrayOf(SchemaType.MapOf(SchemaType.Integer)).Display.ShouldBe("List<Map<integer>>");
        Rule.Display.ShouldBe("test:index:Rule");
        Literal(("foo", SchemaType.String), ("buzz", SchemaType.Number)).Display.ShouldBe("{foo: string, buzz: number}");
        SchemaType.ResourceOf("aws:ecr/repository:Repository").Display.ShouldBe("aws:ecr/repository:Repository");
        SchemaType.UnionOf(SchemaType.Integer, SchemaType.String).ToString().ShouldBe("Union<integer, string>");
        SchemaType.Any.Display.ShouldBe("any");
    }
}

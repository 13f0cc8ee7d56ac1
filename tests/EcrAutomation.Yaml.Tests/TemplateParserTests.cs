using EcrAutomation.Events;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Tests;

public sealed class TemplateParserTests
{
    private static TemplateDecl Parse(string yaml, out DiagnosticBag diagnostics)
    {
        (var template, diagnostics) = TemplateParser.Parse(yaml, "Pulumi.yaml");
        return template!;
    }

    private static TemplateDecl ParseOk(string yaml)
    {
        var template = Parse(yaml, out var diagnostics);
        diagnostics.HasErrors.ShouldBeFalse(string.Join("\n", diagnostics.Items));
        return template;
    }

    private static Expr Property(string value) =>
        ParseOk($"resources:\n  r:\n    type: test:index:Thing\n    properties:\n      value: {value}\n").Resources[0].Properties!["value"]!;

    [Fact]
    public void Parse_Sections_KeepsEntriesInOrderWithPositions()
    {
        var template = ParseOk("""
            name: demo
            runtime: yaml
            description: a demo
            config:
              size: 3
            variables:
              greeting: hello
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v
              second:
                type: test:index:Thing
                options:
                  protect: true
            outputs:
              out: ${first.value}
            """);

        template.Name.ShouldBe("demo");
        template.Description.ShouldBe("a demo");
        template.Config.Single().Key.Value.ShouldBe("size");
        template.Variables.Single().Key.Span.ShouldBe(new SourceSpan("Pulumi.yaml", 7, 3));
        template.Resources.Select(r => r.Key.Value).ShouldBe(["first", "second"]);
        template.Resources[0].Type!.Value.ShouldBe("test:index:Thing");
        template.Resources[0].Type!.Span.ShouldBe(new SourceSpan("Pulumi.yaml", 10, 11));
        template.Resources[1].Options!["protect"].ShouldBeOfType<BooleanExpr>().Value.ShouldBeTrue();
        template.Outputs.Single().Value.ShouldBeOfType<SymbolExpr>().Access.ToString().ShouldBe("first.value");
    }

    [Fact]
    public void Parse_Scalars_AreTypedAsYamlCoreSchema()
    {
        Property("42").ShouldBeOfType<NumberExpr>().Value.ShouldBe(42);
        Property("-1.5").ShouldBeOfType<NumberExpr>().Value.ShouldBe(-1.5);
        Property("true").ShouldBeOfType<BooleanExpr>().Value.ShouldBeTrue();
        Property("null").ShouldBeOfType<NullExpr>();
        Property("\"42\"").ShouldBeOfType<StringExpr>().Value.ShouldBe("42");
        Property("!!str 42").ShouldBeOfType<StringExpr>().Value.ShouldBe("42");
        Property("1.2.3").ShouldBeOfType<StringExpr>().Value.ShouldBe("1.2.3");
        Property("[1, a]").ShouldBeOfType<ListExpr>().Items.Count.ShouldBe(2);
        Property("{a: 1}").ShouldBeOfType<ObjectExpr>()["a"].ShouldBeOfType<NumberExpr>();
    }

    [Fact]
    public void Parse_ExactlyOneInterpolation_IsASymbolKeepingItsType()
    {
        var access = Property("${res.list[0].field}").ShouldBeOfType<SymbolExpr>().Access;

        access.Root.ShouldBe("res");
        access.Accessors.ShouldBe([new PropertyName("list"), new PropertyIndex(0), new PropertyName("field")]);
    }

    [Fact]
    public void Parse_KeyedAccess_ReadsTheQuotedKey()
    {
        var access = Property("'${res.tags[\"team.name\"]}'").ShouldBeOfType<SymbolExpr>().Access;

        access.Accessors.ShouldBe([new PropertyName("tags"), new PropertyKey("team.name")]);
        access.ToString().ShouldBe("res.tags[\"team.name\"]");
    }

    [Fact]
    public void Parse_TextAroundInterpolations_IsAnInterpolation()
    {
        var parts = Property("http://${lb.dnsName}:${port}/x").ShouldBeOfType<InterpolateExpr>().Parts;

        parts.Select(p => p.Text).ShouldBe(["http://", ":", "/x"]);
        parts.Select(p => p.Access?.ToString()).ShouldBe(["lb.dnsName", "port", null]);
    }

    [Fact]
    public void Parse_DollarDollar_IsALiteralDollar()
    {
        Property("cost $$5").ShouldBeOfType<StringExpr>().Value.ShouldBe("cost $5");
        Property("$${notAnAccess}").ShouldBeOfType<StringExpr>().Value.ShouldBe("${notAnAccess}");
        Property("a lone $ sign").ShouldBeOfType<StringExpr>().Value.ShouldBe("a lone $ sign");
        var parts = Property("$$${name}").ShouldBeOfType<InterpolateExpr>().Parts;
        parts.Single().Text.ShouldBe("$");
        parts.Single().Access!.Root.ShouldBe("name");
    }

    [Fact]
    public void Parse_InterpolationInABlockString_IsFound()
    {
        var template = ParseOk("variables:\n  script: |\n    echo ${res.arn}\n    done\n");

        var parts = template.Variables[0].Value.ShouldBeOfType<InterpolateExpr>().Parts;
        parts[0].Text.ShouldBe("echo ");
        parts[0].Access!.ToString().ShouldBe("res.arn");
        parts[1].Text.ShouldBe("\ndone\n");
    }

    [Theory]
    [InlineData("pre ${res.value", "unterminated interpolation", 10)]
    [InlineData("pre ${}", "must start with a resource, variable or config name", 12)]
    [InlineData("pre ${res.}", "expected a property name after '.'", 16)]
    [InlineData("pre ${res[x]}", "must be a non-negative integer or a double-quoted key", 15)]
    [InlineData("pre ${res[0}", "missing closing ']'", 15)]
    public void Parse_MalformedInterpolation_IsAnErrorAtItsColumn(string value, string message, int column)
    {
        Parse($"variables:\n  v: {value}\n", out var diagnostics);

        var error = diagnostics.Items.ShouldHaveSingleItem();
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Message.ShouldContain(message);
        error.Span.ShouldBe(new SourceSpan("Pulumi.yaml", 2, column));
    }

    [Fact]
    public void Parse_BuiltinCall_IsABuiltinExprWithItsArguments()
    {
        var template = ParseOk("""
            variables:
              joined:
                fn::join: [",", [a, b]]
              vpc:
                fn::aws:ec2:getVpc:
                  default: true
            """);

        var join = template.Variables[0].Value.ShouldBeOfType<BuiltinExpr>();
        join.Name.ShouldBe("fn::join");
        join.Arguments.ShouldBeOfType<ListExpr>().Items.Count.ShouldBe(2);
        template.Variables[1].Value.ShouldBeOfType<BuiltinExpr>().Name.ShouldBe("fn::aws:ec2:getVpc");
    }

    [Fact]
    public void Parse_UnknownTemplateKeyAndCasing_AreWarnings()
    {
        var template = Parse("Resources:\n  r:\n    type: test:index:Thing\nresourcse: {}\n", out var diagnostics);

        diagnostics.HasErrors.ShouldBeFalse();
        template.Resources.Single().Key.Value.ShouldBe("r");
        diagnostics.Items.Select(d => d.ToString()).ShouldBe([
            "Pulumi.yaml:1:1: warning: Field 'Resources' has unexpected casing; it is read as 'resources'",
            "Pulumi.yaml:4:1: warning: Field 'resourcse' does not exist on Object 'Template'; Did you mean 'resources'?",
        ]);
    }

    [Fact]
    public void Parse_InvalidResourceKey_IsAnErrorWithDidYouMean()
    {
        Parse("resources:\n  bucket:\n    type: test:index:Thing\n    propertes:\n      value: v\n", out var diagnostics);

        diagnostics.Items.Single().ToString().ShouldBe("Pulumi.yaml:4:5: error: Resource bucket has invalid key 'propertes'; Did you mean 'properties'?");
    }

    [Fact]
    public void Parse_PropertiesAndGet_AreMutuallyExclusive()
    {
        Parse("resources:\n  r:\n    type: test:index:Thing\n    properties: {value: v}\n    get:\n      id: abc\n", out var diagnostics);

        var error = diagnostics.Items.Single();
        error.Message.ShouldBe("Resource r: properties and get are mutually exclusive");
        error.Span.ShouldBe(new SourceSpan("Pulumi.yaml", 3, 5));
    }

    [Fact]
    public void Parse_Get_ReadsIdAndState()
    {
        var get = ParseOk("resources:\n  r:\n    type: test:index:Thing\n    get:\n      id: abc\n      state: {value: v}\n").Resources[0].Get!;

        get.Id.ShouldBeOfType<StringExpr>().Value.ShouldBe("abc");
        get.State!["value"].ShouldBeOfType<StringExpr>();
    }

    [Fact]
    public void Parse_MissingType_IsAnError()
    {
        Parse("resources:\n  r:\n    properties: {value: v}\n", out var diagnostics);

        diagnostics.Items.Single().ToString().ShouldBe("Pulumi.yaml:3:5: error: Resource r is missing its 'type'");
    }

    [Fact]
    public void Parse_InvalidYaml_IsAnErrorWithPosition()
    {
        var (template, diagnostics) = TemplateParser.Parse("resources:\n  r: [a, b\n", "Main.yaml");

        template.ShouldBeNull();
        var error = diagnostics.Items.Single();
        error.Message.ShouldStartWith("invalid YAML: ");
        error.Span!.File.ShouldBe("Main.yaml");
    }

    [Fact]
    public void Parse_DuplicateKeyInAMapping_IsAnError()
    {
        var (_, diagnostics) = TemplateParser.Parse("resources:\n  r:\n    type: a:b:C\n  r:\n    type: a:b:C\n", "Pulumi.yaml");

        diagnostics.HasErrors.ShouldBeTrue();
        diagnostics.Items.Single().Span!.Line.ShouldBe(4);
    }
}

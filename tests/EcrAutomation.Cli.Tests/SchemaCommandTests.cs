using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary><c>ecr-automation schema</c>: Pulumi package schemas of the shipped packages, and single entries by token.</summary>
public sealed class SchemaCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<JsonElement> SchemaAsync(string name)
    {
        var result = await _cli.RunAsync("schema", name);
        result.ExitCode.ShouldBe(0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Fact]
    public async Task APackage_PrintsItsPulumiPackageSchema_WithResourcesTypesFunctionsAndProvider()
    {
        var aws = await SchemaAsync("aws");

        aws.GetProperty("name").GetString().ShouldBe("aws");
        var repository = aws.GetProperty("resources").GetProperty("aws:ecr/repository:Repository");
        repository.GetProperty("inputProperties").GetProperty("imageTagMutability").GetProperty("type").GetString().ShouldBe("string");
        repository.GetProperty("inputProperties").GetProperty("imageScanningConfiguration").GetProperty("$ref").GetString().ShouldBe("#/types/aws:ecr:ImageScanningConfiguration");
        repository.GetProperty("properties").GetProperty("repositoryUrl").GetProperty("type").GetString().ShouldBe("string");
        aws.GetProperty("types").GetProperty("aws:ecr:ImageScanningConfiguration").GetProperty("properties").GetProperty("scanOnPush").GetProperty("type").GetString().ShouldBe("boolean");
        aws.GetProperty("functions").GetProperty("aws:ecr/getRepository:getRepository").GetProperty("inputs").GetProperty("required")[0].GetString().ShouldBe("name");
        aws.GetProperty("provider").GetProperty("inputProperties").GetProperty("region").GetProperty("type").GetString().ShouldBe("string");
        aws.GetProperty("resources").TryGetProperty("pulumi:providers:aws", out _).ShouldBeFalse("the provider has its own section");

        var kubernetes = await SchemaAsync("kubernetes");
        kubernetes.GetProperty("resources").GetProperty("kubernetes:apps/v1:Deployment").GetProperty("inputProperties").GetProperty("spec").GetProperty("$ref").GetString()
            .ShouldBe("#/types/kubernetes:apps/v1:DeploymentSpec");
        kubernetes.GetProperty("types").GetProperty("kubernetes:apps/v1:DeploymentSpec").GetProperty("properties").GetProperty("template").GetProperty("$ref").GetString()
            .ShouldBe("#/types/kubernetes:core/v1:PodTemplateSpec");

        var awsx = await SchemaAsync("AWSX");
        var awsxRepository = awsx.GetProperty("resources").GetProperty("awsx:ecr:Repository");
        awsxRepository.GetProperty("isComponent").GetBoolean().ShouldBeTrue();
        awsxRepository.GetProperty("properties").GetProperty("repository").GetProperty("$ref").GetString().ShouldBe("/aws/v0.11.0/schema.json#/resources/aws:ecr%2Frepository:Repository");
        awsxRepository.GetProperty("inputProperties").GetProperty("lifecyclePolicy").GetProperty("$ref").GetString().ShouldBe("#/types/awsx:ecr:LifecyclePolicy");
        awsx.GetProperty("resources").GetProperty("awsx:ecr:Image").GetProperty("requiredInputs")[0].GetString().ShouldBe("repositoryUrl");
    }

    [Theory]
    [InlineData("aws:ecr:Repository")]
    [InlineData("aws:ecr/repository:Repository")]
    [InlineData("AWS:ECR:REPOSITORY")]
    public async Task AResourceToken_InAnySpellingPulumiYamlAccepts_PrintsThatResourcesEntry(string token)
    {
        var entry = await SchemaAsync(token);

        entry.GetProperty("inputProperties").GetProperty("forceDelete").GetProperty("type").GetString().ShouldBe("boolean");
        entry.GetProperty("properties").GetProperty("arn").GetProperty("type").GetString().ShouldBe("string");
    }

    [Fact]
    public async Task AFunctionOrProviderToken_PrintsItsEntry()
    {
        var getVpc = await SchemaAsync("aws:ec2:getVpc");
        getVpc.GetProperty("inputs").GetProperty("properties").GetProperty("default").GetProperty("type").GetString().ShouldBe("boolean");
        getVpc.GetProperty("outputs").GetProperty("properties").GetProperty("cidrBlock").GetProperty("type").GetString().ShouldBe("string");

        var provider = await SchemaAsync("pulumi:providers:kubernetes");
        provider.GetProperty("inputProperties").GetProperty("kubeconfig").GetProperty("type").GetString().ShouldBe("string");
    }

    [Fact]
    public async Task AnUnknownName_ExitsTwo_WithTheClosestNameAndThePackages()
    {
        var typo = await _cli.RunAsync("schema", "awsx:ecr:Reposotory");
        typo.ExitCode.ShouldBe(2);
        typo.Stdout.ShouldBeEmpty();
        typo.Stderr.ShouldBe("error: 'awsx:ecr:Reposotory' is not a package, resource type or function this tool ships; did you mean 'awsx:ecr:Repository'? "
            + "the packages are aws, awsx, docker-build, eks, kubernetes, random (run 'ecr-automation schema <package>' to list their types and functions)\n");

        var far = await _cli.RunAsync("schema", "gcp:storage:Bucket");
        far.ExitCode.ShouldBe(2);
        far.Stderr.ShouldNotContain("did you mean");

        var missing = await _cli.RunAsync("schema");
        missing.ExitCode.ShouldBe(2);
    }
}

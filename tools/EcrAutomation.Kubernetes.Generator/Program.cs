using EcrAutomation.Kubernetes.Generator;

if (args is not [var projectFolder])
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/EcrAutomation.Kubernetes.Generator -- src/EcrAutomation.Kubernetes");
    return 2;
}
if (!File.Exists(Path.Combine(projectFolder, "EcrAutomation.Kubernetes.csproj")))
{
    Console.Error.WriteLine($"{Path.GetFullPath(projectFolder)} is not the EcrAutomation.Kubernetes project folder; pass src/EcrAutomation.Kubernetes.");
    return 2;
}
var files = new KubernetesCodeGenerator().Generate();
var (written, removed) = KubernetesCodeGenerator.WriteTo(projectFolder, files);
Console.WriteLine($"{files.Count} generated files in {projectFolder}: {written} written, {removed} removed, {files.Count - written} unchanged.");
return 0;

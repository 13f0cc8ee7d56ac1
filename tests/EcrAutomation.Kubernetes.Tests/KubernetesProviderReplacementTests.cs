using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>pulumi-kubernetes' DiffConfig decision: a provider is replaced when its active cluster changes or is unknown.</summary>
public sealed class KubernetesProviderReplacementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ecra-k8s-rule-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Kubeconfig(string server, string current = "aws") => $"""
        apiVersion: v1
        kind: Config
        current-context: {current}
        clusters:
        - name: kubernetes
          cluster: {"{"}server: "{server}", certificate-authority-data: "Q0E="{"}"}
        - name: other
          cluster: {"{"}server: "https://other.example", certificate-authority-data: "Q0E="{"}"}
        contexts:
        - name: aws
          context: {"{"}cluster: kubernetes, user: aws{"}"}
        - name: second
          context: {"{"}cluster: other, user: aws{"}"}
        users:
        - name: aws
          user: {"{"}token: t{"}"}
        """;

    private static PropertyMap Inputs(params (string Key, PropertyValue Value)[] values) =>
        PropertyMap.From(values.Select(v => KeyValuePair.Create(v.Key, v.Value)));

    [Fact]
    public void OtherServer_Replaces_ButSameClusterWithOtherNamespaceOrAsAFile_DoesNot()
    {
        var a = Kubeconfig("https://a.example");
        var file = Path.Combine(_dir, "config");
        File.WriteAllText(file, a);

        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Of(Kubeconfig("https://b.example"))))).ShouldBeTrue();
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Of(a)), ("namespace", PropertyValue.Of("apps")))).ShouldBeFalse();
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Of(file)))).ShouldBeFalse("a path to the same kubeconfig is the same cluster");
    }

    [Fact]
    public void ContextPointingAtAnotherCluster_Replaces()
    {
        var a = Kubeconfig("https://a.example");
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Of(a)), ("context", PropertyValue.Of("second")))).ShouldBeTrue();
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Of(Kubeconfig("https://a.example", current: "aws"))), ("context", PropertyValue.Of("aws")))).ShouldBeFalse();
    }

    [Fact]
    public void KubeconfigUnknownAtPreview_Replaces_AndAnObjectKubeconfigIsReadLikeItsText()
    {
        var a = Kubeconfig("https://a.example");
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Unknown))).ShouldBeTrue();

        var cluster = PropertyMap.From([KeyValuePair.Create("server", PropertyValue.Of("https://a.example")), KeyValuePair.Create("certificate-authority-data", PropertyValue.Of("Q0E="))]);
        var asObject = PropertyMap.From([
            KeyValuePair.Create("current-context", PropertyValue.Of("aws")),
            KeyValuePair.Create("clusters", PropertyValue.Of([PropertyValue.Of(PropertyMap.From([KeyValuePair.Create("name", PropertyValue.Of("kubernetes")), KeyValuePair.Create("cluster", PropertyValue.Of(cluster))]))])),
            KeyValuePair.Create("contexts", PropertyValue.Of([PropertyValue.Of(PropertyMap.From([KeyValuePair.Create("name", PropertyValue.Of("aws")),
                KeyValuePair.Create("context", PropertyValue.Of(PropertyMap.From([KeyValuePair.Create("cluster", PropertyValue.Of("kubernetes")), KeyValuePair.Create("user", PropertyValue.Of("aws"))])))]))])),
        ]);
        KubernetesProviderReplacement.RequiresReplacement(Inputs(("kubeconfig", PropertyValue.Of(a))), Inputs(("kubeconfig", PropertyValue.Secret(PropertyValue.Of(asObject))))).ShouldBeFalse();
    }
}

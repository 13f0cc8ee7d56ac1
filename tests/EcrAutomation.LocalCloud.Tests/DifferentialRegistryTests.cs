using System.Net.Http.Headers;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>The same images pushed to the local cloud and to Debian's docker-registry give the same answers.</summary>
public sealed class DifferentialRegistryTests : IClassFixture<LocalCloudFixture>, IAsyncLifetime
{
    private static readonly string[] AcceptedManifests =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    private readonly LocalCloudFixture _cloud;
    private readonly string _work = Directory.CreateTempSubdirectory("differential-").FullName;
    private DockerRegistryProcess _reference = null!;

    public DifferentialRegistryTests(LocalCloudFixture cloud) => _cloud = cloud;

    public async Task InitializeAsync() => _reference = await DockerRegistryProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await _reference.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private sealed record Answer(int Status, string? Digest, string? ContentType, long? ContentLength, string? ErrorCode);

    private static async Task<Answer> AskAsync(HttpClient http, HttpMethod method, Uri url, string? authorization)
    {
        using var request = new HttpRequestMessage(method, url);
        if (authorization is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", authorization);
        }

        foreach (var type in AcceptedManifests)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if ((int)response.StatusCode >= 400 && method != HttpMethod.Head)
        {
            code = System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![0]!["code"]!.GetValue<string>();
        }

        return new Answer(
            (int)response.StatusCode,
            response.Headers.TryGetValues("Docker-Content-Digest", out var digest) ? digest.Single() : null,
            response.Content.Headers.ContentType?.MediaType,
            (int)response.StatusCode < 300 ? response.Content.Headers.ContentLength : null,
            code);
    }

    [Theory]
    [InlineData("oci")]
    [InlineData("v2s2")]
    public async Task SameImage_SameDigestsAndAnswers(string format)
    {
        var repository = $"diff/{format}";
        await _cloud.CreateRepositoryAsync(repository);
        var image = TestImage.Create($"differential {format}", extraBytes: 3000);
        var layout = image.WriteLayout(Path.Combine(_work, format), "v1");
        var creds = "AWS:" + _cloud.Server.CreateRegistryPassword();
        string[] formatArgs = format == "v2s2" ? ["--format", "v2s2"] : [];
        (await Skopeo.RunAsync(["copy", .. formatArgs, "--dest-tls-verify=false", "--dest-creds", creds, $"oci:{layout}:v1", $"docker://{_cloud.Server.RegistryHost}/{repository}:v1"])).EnsureSuccess("copy to local cloud");
        (await Skopeo.RunAsync(["copy", .. formatArgs, "--dest-tls-verify=false", $"oci:{layout}:v1", $"docker://{_reference.Host}/{repository}:v1"])).EnsureSuccess("copy to docker-registry");

        var auth = _cloud.BasicAuth();
        var ours = await AskAsync(_cloud.Http, HttpMethod.Get, _cloud.Url($"/v2/{repository}/manifests/v1"), auth);
        var theirs = await AskAsync(_cloud.Http, HttpMethod.Get, new Uri(_reference.Endpoint, $"/v2/{repository}/manifests/v1"), null);
        ours.ShouldBe(theirs);
        var digest = ours.Digest!;
        using var manifestResponse = await _cloud.Http.SendAsync(_cloud.RegistryRequest(HttpMethod.Get, $"/v2/{repository}/manifests/{digest}"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await manifestResponse.Content.ReadAsStringAsync())!;
        var blobs = manifest["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()).Append(manifest["config"]!["digest"]!.GetValue<string>()).ToList();

        var paths = new List<string>
        {
            $"/v2/{repository}/manifests/v1",
            $"/v2/{repository}/manifests/{digest}",
            $"/v2/{repository}/manifests/missing-tag",
            $"/v2/{repository}/manifests/sha256:{new string('0', 64)}",
            $"/v2/{repository}/blobs/sha256:{new string('1', 64)}",
        };
        paths.AddRange(blobs.Select(b => $"/v2/{repository}/blobs/{b}"));

        // Blobs are scoped per repository: a layer stored for another repository is unknown here.
        await _cloud.CreateRepositoryAsync($"diff/other-{format}");
        paths.Add($"/v2/diff/other-{format}/blobs/{blobs[0]}");
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Head, HttpMethod.Get })
            {
                var a = await AskAsync(_cloud.Http, method, _cloud.Url(path), auth);
                var b = await AskAsync(_cloud.Http, method, new Uri(_reference.Endpoint, path), null);
                a.ShouldBe(b, $"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task UploadProtocolAndTagList_SameAnswers()
    {
        const string repository = "diff/protocol";
        await _cloud.CreateRepositoryAsync(repository);
        var auth = _cloud.BasicAuth();
        var image = TestImage.Create("protocol differential");
        await image.PushAsync(_cloud.Http, _cloud.Server.Endpoint, auth, repository, "b");
        await image.PushAsync(_cloud.Http, _cloud.Server.Endpoint, auth, repository, "a");
        await image.PushAsync(_cloud.Http, _reference.Endpoint, auth, repository, "b");
        await image.PushAsync(_cloud.Http, _reference.Endpoint, auth, repository, "a");

        async Task<(int Status, string? Range, bool HasUuid, string Body)> StartUploadAsync(Uri endpoint)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"/v2/{repository}/blobs/uploads/"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", auth);
            using var response = await _cloud.Http.SendAsync(request);
            return ((int)response.StatusCode, response.Headers.GetValues("Range").SingleOrDefault(), response.Headers.Contains("Docker-Upload-UUID"), await response.Content.ReadAsStringAsync());
        }

        (await StartUploadAsync(_cloud.Server.Endpoint)).ShouldBe(await StartUploadAsync(_reference.Endpoint));

        // Debian's distribution 2.8 ignores n/last and does not sort, so only the tag set is compared here;
        // pagination is checked against the OCI spec in RegistryProtocolTests.
        async Task<List<string>> TagsAsync(Uri endpoint)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, $"/v2/{repository}/tags/list"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", auth);
            using var response = await _cloud.Http.SendAsync(request);
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            body["name"]!.GetValue<string>().ShouldBe(repository);
            return [.. body["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal)];
        }

        (await TagsAsync(_cloud.Server.Endpoint)).ShouldBe(await TagsAsync(_reference.Endpoint));
    }
}

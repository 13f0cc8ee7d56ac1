using System.Net;
using System.Net.Http.Headers;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>Restart persistence, the state file, token expiry and lifecycle application (with an injected clock).</summary>
public sealed class PersistenceAndTimeTests : IDisposable
{
    /// <summary>A 256-character repository name with slashes (the ECR maximum), too long to be a file name when escaped.</summary>
    private static readonly string LongName = string.Join('/', Enumerable.Repeat(new string('a', 63), 4)) + "b";

    private readonly string _data = Directory.CreateTempSubdirectory("localcloud-persist-").FullName;
    private readonly HttpClient _http = new();

    private LocalCloudOptions Options(TimeProvider? time = null, TimeSpan? interval = null) => new()
    {
        Port = 0,
        DataDirectory = _data,
        StartMoto = false,
        TimeProvider = time ?? TimeProvider.System,
        LifecyclePolicyInterval = interval,
    };

    private static string Basic(string password) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AWS:" + password));

    private async Task<HttpStatusCode> GetAsync(LocalCloudServer server, string path, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Endpoint, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(password));
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task StopAndStart_SameDataDirectory_ImagesPoliciesAndTokensSurvive()
    {
        var image = TestImage.Create("persisted", extraBytes: 2000);
        string password;
        var policy = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}""";
        await using (var first = await LocalCloudServer.StartAsync(Options()))
        {
            LocalCloudState.TryRead(_data)!.Endpoint.ShouldBe(first.Endpoint);
            (await LocalCloudProcess.FindRunningAsync(_data))!.RegistryHost.ShouldBe(first.RegistryHost);
            await Should.ThrowAsync<InvalidOperationException>(() => LocalCloudServer.StartAsync(Options()));

            await LocalCloudFixture.EcrAsync(first, _http, "CreateRepository", new { repositoryName = "persist/app" });
            var (longStatus, longBody) = await LocalCloudFixture.EcrAsync(first, _http, "CreateRepository", new { repositoryName = LongName });
            longStatus.ShouldBe(200, longBody.ToJsonString());
            await LocalCloudFixture.EcrAsync(first, _http, "PutLifecyclePolicy", new { repositoryName = "persist/app", lifecyclePolicyText = policy });
            password = first.CreateRegistryPassword();
            await image.PushAsync(_http, first.Endpoint, Basic(password), "persist/app", "v1");
            await first.StopAsync();
            File.Exists(LocalCloudState.PathFor(_data)).ShouldBeFalse();
            (await LocalCloudProcess.FindRunningAsync(_data)).ShouldBeNull();
        }

        await using var second = await LocalCloudServer.StartAsync(Options());
        (await GetAsync(second, "/v2/persist/app/manifests/v1", password)).ShouldBe(HttpStatusCode.OK);
        (await GetAsync(second, $"/v2/persist/app/blobs/{image.LayerDigest}", password)).ShouldBe(HttpStatusCode.OK);
        var (_, described) = await LocalCloudFixture.EcrAsync(second, _http, "DescribeImages", new { repositoryName = "persist/app" });
        described["imageDetails"]![0]!["imageDigest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
        var (_, stored) = await LocalCloudFixture.EcrAsync(second, _http, "GetLifecyclePolicy", new { repositoryName = "persist/app" });
        stored["lifecyclePolicyText"]!.GetValue<string>().ShouldBe(policy);
        var (longStatus2, _) = await LocalCloudFixture.EcrAsync(second, _http, "DescribeRepositories", new { repositoryNames = new[] { LongName } });
        longStatus2.ShouldBe(200);
    }

    [Fact]
    public async Task InterruptedUpload_AfterRestart_NothingVisibleAndUploadUnknown()
    {
        var blob = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();
        var digest = TestImage.Digest(blob);
        string location;
        string password;
        await using (var first = await LocalCloudServer.StartAsync(Options()))
        {
            await LocalCloudFixture.EcrAsync(first, _http, "CreateRepository", new { repositoryName = "crash/app" });
            password = first.CreateRegistryPassword();
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(first.Endpoint, "/v2/crash/app/blobs/uploads/"));
            start.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(password));
            using var started = await _http.SendAsync(start);
            location = started.Headers.Location!.ToString();
            using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(first.Endpoint, location)) { Content = new ByteArrayContent(blob, 0, 20_000) };
            patch.Headers.Authorization = new AuthenticationHeaderValue("Basic", Basic(password));
            using var patched = await _http.SendAsync(patch);
            patched.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // What a crash leaves behind: a partial upload file and temp files, never a partial blob or repository file.
        Directory.EnumerateFiles(Path.Combine(_data, "uploads")).Single().ShouldNotBeNull();
        File.Exists(Path.Combine(_data, "blobs", "sha256", digest[7..9], digest[7..])).ShouldBeFalse();
        Directory.CreateDirectory(Path.Combine(_data, "blobs", "sha256", digest[7..9]));
        var tempBlob = Path.Combine(_data, "blobs", "sha256", digest[7..9], $".{digest[7..]}.tmp-0123");
        await File.WriteAllBytesAsync(tempBlob, blob[..100]);
        var tempRepository = Path.Combine(_data, "repositories", ".crash%2Fapp.json.tmp-0123");
        await File.WriteAllTextAsync(tempRepository, "{\"name\":");

        await using var second = await LocalCloudServer.StartAsync(Options());
        Directory.EnumerateFiles(Path.Combine(_data, "uploads")).ShouldBeEmpty();
        File.Exists(tempBlob).ShouldBeFalse();
        File.Exists(tempRepository).ShouldBeFalse();
        var (status, _) = await LocalCloudFixture.EcrAsync(second, _http, "DescribeRepositories", new { repositoryNames = new[] { "crash/app" } });
        status.ShouldBe(200);
        (await GetAsync(second, $"/v2/crash/app/blobs/{digest}", password)).ShouldBe(HttpStatusCode.NotFound);
        (await GetAsync(second, location, password)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Token_AfterTwelveHours_Refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LocalCloudServer.StartAsync(Options(time));
        var (_, token) = await LocalCloudFixture.EcrAsync(server, _http, "GetAuthorizationToken", new { });
        var data = token["authorizationData"]![0]!;
        data["expiresAt"]!.GetValue<double>().ShouldBe((time.GetUtcNow() + TimeSpan.FromHours(12)).ToUnixTimeMilliseconds() / 1000.0, 0.01);
        var password = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data["authorizationToken"]!.GetValue<string>()))[4..];

        (await GetAsync(server, "/v2/", password)).ShouldBe(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromHours(11));
        (await GetAsync(server, "/v2/", password)).ShouldBe(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        (await GetAsync(server, "/v2/", password)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Hand-computed case. Pushes (hours after t0): A prod-1 @0, B prod-2 @1, C prod-3 @2, D dev-1 @3, E latest @4,
    /// F latest @5 (E becomes untagged); evaluated at t0 + 3 days.
    /// Rule 1 (tagged prefix prod, keep 1): selects A, B, C; expires A, B. Rule 2 (untagged, older than 2 days): E.
    /// Rule 3 (any, keep 2): newest two F, E are kept; of D, C, B, A only D is not selected by rule 1, so D expires.
    /// </summary>
    [Fact]
    public async Task LifecyclePolicy_PreviewThenApply_MatchesHandComputedExpectation()
    {
        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(t0);
        await using var server = await LocalCloudServer.StartAsync(Options(time));
        await LocalCloudFixture.EcrAsync(server, _http, "CreateRepository", new { repositoryName = "life/app" });
        var auth = Basic(server.CreateRegistryPassword());
        var images = new Dictionary<string, TestImage>();
        foreach (var (name, tag) in new[] { ("A", "prod-1"), ("B", "prod-2"), ("C", "prod-3"), ("D", "dev-1"), ("E", "latest"), ("F", "latest") })
        {
            images[name] = TestImage.Create("lifecycle " + name);
            await images[name].PushAsync(_http, server.Endpoint, auth, "life/app", tag);
            time.Advance(TimeSpan.FromHours(1));
        }

        time.SetUtcNow(t0 + TimeSpan.FromDays(3));
        var policy = """
            {"rules":[
              {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["prod"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},
              {"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":2},"action":{"type":"expire"}},
              {"rulePriority":3,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}}
            ]}
            """;
        var expected = new Dictionary<string, int> { [images["A"].ManifestDigest] = 1, [images["B"].ManifestDigest] = 1, [images["E"].ManifestDigest] = 2, [images["D"].ManifestDigest] = 3 };

        var (status, started) = await LocalCloudFixture.EcrAsync(server, _http, "StartLifecyclePolicyPreview", new { repositoryName = "life/app", lifecyclePolicyText = policy });
        status.ShouldBe(200, started.ToJsonString());
        var (_, preview) = await LocalCloudFixture.EcrAsync(server, _http, "GetLifecyclePolicyPreview", new { repositoryName = "life/app" });
        preview["status"]!.GetValue<string>().ShouldBe("COMPLETE");
        preview["summary"]!["expiringImageTotalCount"]!.GetValue<int>().ShouldBe(4);
        preview["previewResults"]!.AsArray()
            .ToDictionary(r => r!["imageDigest"]!.GetValue<string>(), r => r!["appliedRulePriority"]!.GetValue<int>())
            .ShouldBe(expected, ignoreOrder: true);
        var (_, untaggedOnly) = await LocalCloudFixture.EcrAsync(server, _http, "GetLifecyclePolicyPreview", new { repositoryName = "life/app", filter = new { tagStatus = "UNTAGGED" } });
        untaggedOnly["previewResults"]!.AsArray().Single()!["imageDigest"]!.GetValue<string>().ShouldBe(images["E"].ManifestDigest);

        // Nothing is deleted by a preview; now store the policy and apply it on demand.
        (await LocalCloudFixture.EcrAsync(server, _http, "DescribeImages", new { repositoryName = "life/app" })).Body["imageDetails"]!.AsArray().Count.ShouldBe(6);
        (await LocalCloudFixture.EcrAsync(server, _http, "PutLifecyclePolicy", new { repositoryName = "life/app", lifecyclePolicyText = policy })).Status.ShouldBe(200);
        var applied = await server.ApplyLifecyclePoliciesAsync("life/app");
        applied.Expired.ToDictionary(e => e.ImageDigest, e => e.AppliedRulePriority).ShouldBe(expected, ignoreOrder: true);

        var (_, remaining) = await LocalCloudFixture.EcrAsync(server, _http, "DescribeImages", new { repositoryName = "life/app" });
        remaining["imageDetails"]!.AsArray().Select(d => d!["imageDigest"]!.GetValue<string>())
            .ShouldBe([images["C"].ManifestDigest, images["F"].ManifestDigest], ignoreOrder: true);
        var (_, stored) = await LocalCloudFixture.EcrAsync(server, _http, "GetLifecyclePolicy", new { repositoryName = "life/app" });
        stored["lastEvaluatedAt"]!.GetValue<double>().ShouldBe((t0 + TimeSpan.FromDays(3)).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task LifecyclePolicy_UntaggedRule_SparesChildrenOfATaggedIndex()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await LocalCloudServer.StartAsync(Options(time));
        await LocalCloudFixture.EcrAsync(server, _http, "CreateRepository", new { repositoryName = "life/multi" });
        var auth = Basic(server.CreateRegistryPassword());
        var amd64 = TestImage.Create("child amd64");
        var arm64 = TestImage.Create("child arm64");
        var stray = TestImage.Create("stray untagged");
        foreach (var child in new[] { amd64, arm64, stray })
        {
            await child.PushAsync(_http, server.Endpoint, auth, "life/multi", child.ManifestDigest);
        }

        var index = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.index.v1+json",
            manifests = new[] { amd64, arm64 }.Select(c => new { mediaType = TestImage.OciManifest, digest = c.ManifestDigest, size = c.Manifest.Length }),
        });
        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri(server.Endpoint, "/v2/life/multi/manifests/release")) { Content = new ByteArrayContent(index) })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Basic", auth);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.index.v1+json");
            using var response = await _http.SendAsync(put);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        time.Advance(TimeSpan.FromDays(3));
        var policy = """{"rules":[{"rulePriority":1,"description":"untagged older than a day","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}""";
        (await LocalCloudFixture.EcrAsync(server, _http, "PutLifecyclePolicy", new { repositoryName = "life/multi", lifecyclePolicyText = policy })).Status.ShouldBe(200);

        var applied = await server.ApplyLifecyclePoliciesAsync("life/multi");
        applied.Expired.Select(e => e.ImageDigest).ShouldBe([stray.ManifestDigest]);
        var (_, remaining) = await LocalCloudFixture.EcrAsync(server, _http, "DescribeImages", new { repositoryName = "life/multi" });
        remaining["imageDetails"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task LifecycleScheduler_OnInterval_ExpiresImages()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await LocalCloudServer.StartAsync(Options(time, TimeSpan.FromHours(1)));
        await LocalCloudFixture.EcrAsync(server, _http, "CreateRepository", new { repositoryName = "life/scheduled" });
        var auth = Basic(server.CreateRegistryPassword());
        await TestImage.Create("old").PushAsync(_http, server.Endpoint, auth, "life/scheduled", "v1");
        await TestImage.Create("new").PushAsync(_http, server.Endpoint, auth, "life/scheduled", "v1");
        var policy = """{"rules":[{"rulePriority":1,"description":"drop untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":1},"action":{"type":"expire"}}]}""";
        var (status, body) = await LocalCloudFixture.EcrAsync(server, _http, "PutLifecyclePolicy", new { repositoryName = "life/scheduled", lifecyclePolicyText = policy });
        status.ShouldBe(200, body.ToJsonString());

        time.Advance(TimeSpan.FromDays(2));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int count;
        do
        {
            await Task.Delay(50);
            count = (await LocalCloudFixture.EcrAsync(server, _http, "DescribeImages", new { repositoryName = "life/scheduled" })).Body["imageDetails"]!.AsArray().Count;
        }
        while (count != 1 && DateTime.UtcNow < deadline);

        count.ShouldBe(1);
    }

    [Fact]
    public async Task LocalCloudProcessStop_AdminEndpoints_StopRunningInstance()
    {
        var server = await LocalCloudServer.StartAsync(Options());
        var state = LocalCloudState.TryRead(_data)!;
        state.ProcessId.ShouldBe(Environment.ProcessId);
        state.ToString().ShouldNotContain(state.AdminKey);

        using (var forbidden = await _http.PostAsync(new Uri(server.Endpoint, "/_localcloud/lifecycle/apply"), null))
        {
            ((int)forbidden.StatusCode).ShouldBe(403);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Endpoint, "/_localcloud/lifecycle/apply")))
        {
            request.Headers.Add(LocalCloudServer.AdminKeyHeader, state.AdminKey);
            using var applied = await _http.SendAsync(request);
            ((int)applied.StatusCode).ShouldBe(200);
            (await applied.Content.ReadAsStringAsync()).ShouldContain("\"expired\":[]");
        }

        (await LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(10))).ShouldBeTrue();
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        (await LocalCloudProcess.FindRunningAsync(_data)).ShouldBeNull();
        (await LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(1))).ShouldBeFalse();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_UntilCancelled_ServesThenStops()
    {
        using var cts = new CancellationTokenSource();
        LocalCloudServer? running = null;
        var run = LocalCloudServer.RunAsync(Options(), s => running = s, cts.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (running is null && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        running.ShouldNotBeNull();
        (await _http.GetAsync(new Uri(running.Endpoint, "/_localcloud/health"))).IsSuccessStatusCode.ShouldBeTrue();
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        File.Exists(LocalCloudState.PathFor(_data)).ShouldBeFalse();
    }

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}

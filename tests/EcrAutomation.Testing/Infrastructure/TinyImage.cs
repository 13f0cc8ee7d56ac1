using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Aws;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>Minimal images pushed over the registry protocol, for tests that need a repository's images but not their contents.</summary>
public static class TinyImage
{
    /// <summary>
    /// Pushes an image with no layers (a label makes it unique, optionally exposed ports such as <c>8080/tcp</c>) to
    /// <paramref name="registry"/> with an ECR authorization token of <paramref name="aws"/>; returns its digest.
    /// </summary>
    public static async Task<string> PushAsync(AwsConnection aws, Uri registry, string repository, string tag, IReadOnlyList<string>? exposedPorts = null)
    {
        var token = await aws.Ecr.GetAuthorizationTokenAsync();
        using var http = new HttpClient { BaseAddress = registry };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token.AuthorizationData[0].AuthorizationToken);
        var exposed = exposedPorts is null ? "" : ",\"ExposedPorts\":{" + string.Join(",", exposedPorts.Select(p => $"\"{p}\":{{}}")) + "}";
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"t\":\"{tag}\"}}{exposed}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}}}}");
        var configDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        var start = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!.ToString();
        (await http.PutAsync(location + (location.Contains('?') ? "&" : "?") + "digest=" + configDigest, new ByteArrayContent(config))).EnsureSuccessStatusCode();
        var manifest = $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[]}}";
        var content = new StringContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var response = await http.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }
}

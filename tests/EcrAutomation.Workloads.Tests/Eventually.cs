namespace EcrAutomation.Workloads.Tests;

/// <summary>Waits for a server that is starting: retries connection failures until a deadline generous for a loaded machine.</summary>
internal static class Eventually
{
    public static async Task<string> GetStringAsync(HttpClient http, Uri uri)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(uri);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}

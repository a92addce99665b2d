using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 6's figures on a Release Wish.Api: a CSV import of N rows (one transaction, every row through intake validation),
/// then the review queue at 100 a page, the year's statistics and the wishes export, each timed sequentially.
/// </summary>
public static class StaffBenchmark
{
    private const string AdminPassword = "Bench-Admin-Password-1";

    public static async Task<int> RunAsync(BenchArgs args, int rows)
    {
        var port = ServerProcess.FreePort();
        await using var api = await ServerProcess.StartApiAsync(args.RepoRoot, ApiEnvironment.For(port), port);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await http.PostAsJsonAsync("/api/admin/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Phones of a fresh range each run: the bench database keeps earlier runs' beneficiaries and their waiting wishes.
        var run = RandomNumberGenerator.GetInt32(100, 999);
        var csv = new StringBuilder("姓名,电话,地址,类别,类型,所在区,心愿内容,预估费用\n");
        for (var i = 0; i < rows; i++)
            csv.Append($"受助人{run}-{i},13{run}{i:D6},某街道{i}号,孤寡老人,物品,鼓楼区,想要一个电暖器过冬,{80 + i % 100}\n");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var cpuBefore = api.CpuTime;
        var watch = Stopwatch.StartNew();
        var import = await http.PostAsync("/api/admin/wishes/import", content);
        var importSeconds = watch.Elapsed.TotalSeconds;
        var cpu = (api.CpuTime - cpuBefore).TotalSeconds;
        if (!import.IsSuccessStatusCode)
        {
            Console.WriteLine($"import failed: {(int)import.StatusCode} {await import.Content.ReadAsStringAsync()}");
            return 1;
        }

        var list = await TimeAsync(http, "/api/admin/wishes?status=submitted&pageSize=100", 30);
        var stats = await TimeAsync(http, "/api/admin/stats", 10);
        var export = await TimeAsync(http, "/api/admin/exports/wishes.csv", 5);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores");
        Console.WriteLine($"import of {rows} rows: {importSeconds:F2} s ({rows / importSeconds:F0} rows/s), server CPU {cpu:F2} s");
        Console.WriteLine($"review queue, 100 a page (with 100 audited reads): median {list:F1} ms");
        Console.WriteLine($"year statistics: median {stats:F1} ms");
        Console.WriteLine($"wishes.csv (admin, full columns, audited per person): median {export:F1} ms");
        return 0;
    }

    private static async Task<double> TimeAsync(HttpClient http, string path, int times)
    {
        var samples = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 18 item 4 on the database <see cref="XingtaiSeed"/> filled (run it first): the staff statistics page and the volunteer
/// list (first page, a district, a name search) under closed-loop load, then the volunteer-hours export of every volunteer,
/// streamed and counted, with the server's working set sampled while it runs. Prints p50/p99, rows/s and the peak.
/// </summary>
public static class XingtaiBenchmark
{
    private const string AdminPassword = "Bench-Admin-Password-1";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = XingtaiSeed.Database();
        var seeded = await db.ScalarAsync<long>("SELECT count(*) FROM \"Volunteers\"");
        if (seeded < 1_000_000)
        {
            Console.Error.WriteLine($"the Xingtai database holds {seeded} volunteers: run `bench/xingtai.sh` (the seed) first");
            return 2;
        }
        await using var redis = await BenchRedis.StartAsync();
        await using var api = await ApiEnvironment.StartAsync(args.RepoRoot, db, redis);
        using var client = Load.Client(api.BaseAddress, args.Connections);
        client.Timeout = TimeSpan.FromMinutes(10);
        var login = await client.PostAsJsonAsync("/api/admin/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        HttpRequestMessage Get(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }
        static Task<bool> Ok(HttpResponseMessage r) => Task.FromResult(r.StatusCode == HttpStatusCode.OK);

        var year = DateTime.UtcNow.Year;
        var pages = new (string Name, string Url)[]
        {
            ("staff statistics (the year)", $"/api/admin/stats?year={year}"),
            ("volunteer list, first page", "/api/admin/volunteers?page=1&pageSize=20"),
            ("volunteer list, one district", "/api/admin/volunteers?districtCode=qixia&page=1&pageSize=20"),
            ("volunteer list, name search", "/api/admin/volunteers?q=%E5%BF%97%E6%84%BF%E8%80%851234&page=1&pageSize=20"),
        };
        var duration = TimeSpan.FromSeconds(args.Seconds);
        var results = new List<(string Name, LoadResult Load)>();
        foreach (var (name, url) in pages)
        {
            using (var first = await client.SendAsync(Get(url)))
            {
                var body = await first.Content.ReadAsStringAsync();
                if (!first.IsSuccessStatusCode)
                {
                    foreach (var line in api.Output.TakeLast(40)) Console.Error.WriteLine("server: " + line);
                    throw new InvalidOperationException($"{url}: {(int)first.StatusCode} {body[..Math.Min(300, body.Length)]}");
                }
            }
            await Load.ClosedLoopAsync(client, 2, TimeSpan.FromSeconds(3), _ => Get(url), Ok);
            results.Add((name, await Load.ClosedLoopAsync(client, args.Connections, duration, _ => Get(url), Ok)));
        }

        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {ClaimStormBenchmark.LoadAverage()}; load generator, API and PostgreSQL share them");
        Console.WriteLine($"data: {seeded} volunteers, {await db.ScalarAsync<long>("SELECT count(*) FROM \"ServiceRecordEntries\"")} passbook entries, " +
                          $"{await db.ScalarAsync<long>("SELECT count(*) FROM \"Wishes\"")} wishes, {await db.ScalarAsync<long>("SELECT count(*) FROM \"Organisations\"")} organisations");
        foreach (var (name, load) in results)
            Console.WriteLine($"{name}, {args.Connections} connections: p50 {load.Percentile(50):F1} ms, p99 {load.Percentile(99):F1} ms " +
                              $"({load.Requests} requests, {load.Errors} errors; goal p99 <= 200 ms)");

        // The export: every volunteer's hours, read as it streams; the server's working set sampled every 100 ms meanwhile.
        var baseline = api.WorkingSet;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, api.WorkingSet);
                try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        long rows = 0, bytes = 0;
        using (var response = await client.SendAsync(Get($"/api/admin/exports/volunteer-hours.csv?year={year}"), HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                rows += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var dataRows = Math.Max(0, rows - 1);
        Console.WriteLine($"volunteer-hours.csv: {dataRows} rows, {bytes / 1024.0 / 1024:F0} MB in {clock.Elapsed.TotalSeconds:F1} s = " +
                          $"{dataRows / clock.Elapsed.TotalSeconds:F0} rows/s (goal >= 50,000); server working set {baseline / 1024.0 / 1024:F0} MB before, " +
                          $"peak {peak / 1024.0 / 1024:F0} MB while exporting (goal < 300 MB)");
        return results.Sum(r => r.Load.Errors) == 0 ? 0 : 1;
    }
}

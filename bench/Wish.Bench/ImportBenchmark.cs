using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MiniExcelLibs;

namespace WeChatWish.Bench;

/// <summary>
/// Issue 18 item 2's figures on a Release Wish.Api: a valid N-row .xlsx (default 50,000) imported as a background job — rows/s from
/// the POST to "succeeded", with the check (parse + validate, the progress reaching every row) and the commit timed apart — then
/// the time from the POST to the first row error in the progress for a file whose only bad row is row 2, and one whose only bad
/// row is the last; and the server's peak working set.
/// </summary>
public static class ImportBenchmark
{
    private const string AdminPassword = "Bench-Admin-Password-1";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<int> RunAsync(BenchArgs args, int rows)
    {
        var port = ServerProcess.FreePort();
        var env = ApiEnvironment.For(port);
        // The runner logs where each job's time went (read, row checks, lookups, commit parts); the figures print that line.
        env["Logging__LogLevel__WeChatWish.Api.Imports"] = "Information";
        await using var api = await ServerProcess.StartApiAsync(args.RepoRoot, env, port);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await http.PostAsJsonAsync("/api/admin/auth/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {rows} rows a file");

        // Phones of a fresh range each run and file: the bench database keeps earlier runs' beneficiaries and their waiting wishes.
        var run = RandomNumberGenerator.GetInt32(30, 99);
        var valid = Workbook(rows, $"13{run}0", badLine: null);
        Console.WriteLine($"valid file: {valid.Length / 1024.0 / 1024:F1} MB");
        var cpuBefore = api.CpuTime;
        var (id, postSeconds) = await SubmitAsync(http, valid);
        var watch = Stopwatch.StartNew();
        double? checkedAll = null;
        JsonElement job;
        while (true)
        {
            job = await JobAsync(http, id);
            if (checkedAll is null && job.GetProperty("rowsChecked").GetInt32() == rows) checkedAll = watch.Elapsed.TotalSeconds;
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled") break;
            await Task.Delay(20);
        }
        var total = watch.Elapsed.TotalSeconds + postSeconds;
        if (job.GetProperty("status").GetString() != "succeeded")
        {
            Console.WriteLine($"valid import did not succeed: {job}");
            return 1;
        }
        Console.WriteLine($"valid import: {job.GetProperty("imported").GetInt32()} wishes in {total:F2} s = {rows / total:F0} rows/s "
            + $"(upload {postSeconds:F2} s; checked every row at +{checkedAll + postSeconds:F2} s; commit {total - (checkedAll ?? 0) - postSeconds:F2} s), "
            + $"server CPU {(api.CpuTime - cpuBefore).TotalSeconds:F2} s");

        foreach (var (name, bad, prefix) in new[] { ("row 2", 2, $"13{run}1"), ($"row {rows + 1} (the last)", rows + 1, $"13{run}2") })
        {
            var file = Workbook(rows, prefix, bad);
            var (badId, upload) = await SubmitAsync(http, file);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                job = await JobAsync(http, badId);
                if (job.GetProperty("errorRows").GetInt32() > 0 || job.GetProperty("status").GetString() is "succeeded" or "failed") break;
                await Task.Delay(10);
            }
            var firstError = clock.Elapsed.TotalSeconds + upload;
            var reported = job.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).FirstOrDefault();
            while (job.GetProperty("status").GetString() is "queued" or "running")
            {
                await Task.Delay(50);
                job = await JobAsync(http, badId);
            }
            Console.WriteLine($"bad {name}: first error (sheet row {reported}) in the progress {firstError:F2} s after the POST began "
                + $"(upload {upload:F2} s); the job ended {job.GetProperty("status").GetString()} at {clock.Elapsed.TotalSeconds + upload:F2} s "
                + $"with {job.GetProperty("errorRows").GetInt32()} bad row(s) of {job.GetProperty("rowsChecked").GetInt32()} checked");
        }
        Console.WriteLine($"server peak working set: {api.PeakWorkingSet / 1024.0 / 1024:F0} MB");
        foreach (var line in api.Output.Where(l => l.Contains("rows imported"))) Console.WriteLine($"server: {line.Trim()}");
        var parse = Stopwatch.StartNew();
        using (var stream = new MemoryStream(valid)) Console.WriteLine($"MiniExcel reading the valid file alone (this process): "
            + $"{stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Count()} rows in {parse.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    private static async Task<(Guid Id, double Seconds)> SubmitAsync(HttpClient http, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/admin/imports/jobs", new MultipartFormDataContent { { file, "file", "名单.xlsx" } });
        var seconds = watch.Elapsed.TotalSeconds;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"submit: {(int)response.StatusCode} {body}");
        return (body.GetProperty("id").GetGuid(), seconds);
    }

    private static Task<JsonElement> JobAsync(HttpClient http, Guid id) => http.GetFromJsonAsync<JsonElement>($"/api/admin/imports/jobs/{id}");

    /// <summary>N import rows after a Chinese header, phones <paramref name="prefix"/> (5 digits) + a 6-digit row index; one bad phone at <paramref name="badLine"/>.</summary>
    private static byte[] Workbook(int rows, string prefix, int? badLine)
    {
        var sheet = new List<Dictionary<string, object?>>(rows + 1)
        {
            Row("姓名", "电话", "地址", "类别", "类型", "所在区", "心愿内容", "预估费用"),
        };
        for (var i = 0; i < rows; i++)
        {
            var line = i + 2;
            sheet.Add(Row("王秀英", line == badLine ? "1234" : long.Parse($"{prefix}{i:D6}"), $"鼓楼区中山路{i}号", "孤寡老人", "物品", "鼓楼区",
                "想要一个电暖器过冬", 80 + i % 100));
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(params object?[] cells) =>
        cells.Select((v, i) => (Key: $"c{i}", Value: v)).ToDictionary(c => c.Key, c => c.Value);
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Fuzz;

/// <summary>
/// 10,000 generated bodies across every endpoint that reads one (every POST and PUT under /api): wrong types, missing and
/// extra fields, huge and unicode values, invalid UTF-8, truncated and deeply nested JSON, the wrong content type. No answer
/// may be a 5xx, every 4xx must be a ProblemDetails (application/problem+json with its status), and the service must answer
/// normally afterwards. Seeded (see <see cref="Fuzz"/>): a failure names the seed and index that replay it.
/// </summary>
[Category("Fuzz")]
public sealed class JsonFuzzTests : ApiTestBase
{
    [Test]
    public async Task GeneratedBodiesOnEveryJsonEndpointGetNo5xxAndEvery4xxIsAProblemDetails()
    {
        // A WeChat that answers, so a body that reaches jscode2session is judged by the service, not by a dead address's 503.
        await using var wechat = await FakeWeChatApi.StartAsync(WishApiFactory.OfficialAccountApp, WishApiFactory.MiniProgramApp);
        await using var host = Api.WithWebHostBuilder(b => b.UseSetting("WeChat:ApiBaseUrl", wechat.BaseUrl.ToString()));
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" && r.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct().OrderBy(r => r.Pattern).ThenBy(r => r.Method).ToList();
        Assert.That(routes, Has.Count.GreaterThan(20), "the endpoints were found");
        var wish = await MiniProgramSeed.PublishedWishAsync(host.Services);
        var volunteerId = await MiniProgramSeed.VolunteerAsync(host.Services);
        using var admin = host.CreateStaffClient(await new StaffWorld(host.Services).AdminAsync());
        using var volunteer = host.CreateVolunteerClient(volunteerId);
        using var anonymous = host.CreateClient();

        var seed = Fuzz.Seed;
        var failures = new ConcurrentQueue<string>();
        var byStatus = new ConcurrentDictionary<int, int>();
        var hit = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Fuzz.Indices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var r = Fuzz.For(seed, i);
            var (method, pattern) = r.Pick(routes);
            var path = Path(r, pattern, wish.Id, volunteerId);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(r, out var shown) };
            var client = pattern.StartsWith("/api/admin/auth/login", StringComparison.Ordinal) || r.Next(20) == 0 ? anonymous
                : pattern.StartsWith("/api/admin", StringComparison.Ordinal) ? admin : volunteer;
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            hit.AddOrUpdate($"{method} {pattern}", 1, (_, n) => n + 1);
            var problem = status >= 400 ? ProblemOf(response, text, status) : null;
            if (status >= 500 || problem is not null)
                failures.Enqueue($"seed {seed} index {i}: {method} {path} {shown} → {status} {response.Content.Headers.ContentType}: " +
                    $"{(problem ?? "")} {text[..Math.Min(200, text.Length)]}");
        });

        using var ready = await anonymous.GetAsync("/health/ready");
        using var districts = await anonymous.GetAsync("/api/districts");
        using var me = await volunteer.GetAsync("/api/me");
        var fivexx = byStatus.Where(s => s.Key >= 500).Sum(s => s.Value);
        TestContext.Out.WriteLine($"fuzz json: {byStatus.Values.Sum()} bodies over {hit.Count} of {routes.Count} endpoints, seed {seed}: " +
            $"{fivexx} × 5xx, {failures.Count} failures; answers {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        foreach (var failure in failures.Take(10)) TestContext.Out.WriteLine(failure);
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"{failures.Count} answers were a 5xx or a 4xx without a ProblemDetails; first: {failures.FirstOrDefault()}");
            Assert.That((int)ready.StatusCode, Is.EqualTo(200), "healthy afterwards");
            Assert.That((int)districts.StatusCode, Is.EqualTo(200));
            Assert.That((int)me.StatusCode, Is.EqualTo(200));
        });
    }

    /// <summary>Null when the answer is a ProblemDetails of its own status; else what is wrong with it.</summary>
    private static string? ProblemOf(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "not application/problem+json";
        try
        {
            using var json = JsonDocument.Parse(text);
            if (!(json.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) && n == status)) return "no matching status";
            // A 400 says what is wrong, never a bare title: the fields in errors (a body that cannot be read names where), or,
            // for a file refused as a whole (an import's header), its code.
            var named = json.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any();
            if (status == 400 && !named && !json.RootElement.TryGetProperty("code", out _)) return "a 400 naming neither a field nor a code";
            return null;
        }
        catch (JsonException)
        {
            return "unreadable problem";
        }
    }

    private static string Path(Random r, string pattern, Guid wishId, Guid volunteerId)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            "id" => r.Next(5) switch { 0 => wishId.ToString(), 1 => volunteerId.ToString(), _ => r.Guid().ToString() },
            "round" => r.Pick(new[] { "202612", "202601", "abc", "-1", "999999999999", "2026-12", "0" }),
            _ => Uri.EscapeDataString(r.Pick(new[] { "x", "0", "中文", "%", "a b" })),
        });
        if (r.Next(8) == 0) path += "?" + r.Pick(new[] { "page=abc", "pageSize=-1", "year=abc", "masked=maybe", "page=99999999999", "q=%E0%A4%A" });
        return path;
    }

    private static HttpContent Body(Random r, out string shown)
    {
        string json;
        switch (r.Next(12))
        {
            case 0: json = r.Value(); break;
            case 1: json = Fuzz.Mutate(r, r.Object()); break;
            case 2:
                var whole = r.Object();
                json = whole[..r.Next(whole.Length)];
                break;
            case 3:
                var depth = r.Next(60, 3000);
                json = new string('[', depth) + new string(']', r.Next(2) == 0 ? depth : 0);
                break;
            case 4:
            {
                var before = Encoding.UTF8.GetBytes("{\"name\":\"王");
                var after = Encoding.UTF8.GetBytes("\",\"content\":\"x\"}");
                var bytes = before.Concat(Fuzz.InvalidUtf8(r)).Concat(after).ToArray();
                shown = $"invalid UTF-8 ({bytes.Length} bytes)";
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return content;
            }
            case 5: json = ""; break;
            case 6:
                shown = "text/plain";
                return new StringContent(r.Object(), Encoding.UTF8, "text/plain");
            case 7: json = "{" + string.Join(",", Enumerable.Range(0, 2).Select(_ => "\"name\":" + r.Value())) + "}"; break; // duplicate keys
            default: json = r.Object(); break;
        }
        shown = json.Length > 160 ? json[..160] + $"…({json.Length} chars)" : json;
        return new StringContent(json, Encoding.UTF8, "application/json");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Intake;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// The people of the month test and what each does, all over HTTP: staff through <c>/api/admin</c>, a beneficiary through
/// signed pushes to <c>/wechat</c>, volunteers through the mini-program API after a <c>wx.login</c> code sign-in.
/// </summary>
public sealed partial class MonthPeople(WebApplicationFactory<Program> host)
{
    public async Task<HttpClient> StaffAsync(string username, string password)
    {
        using var anonymous = host.CreateClient();
        var login = await SendAsync(anonymous, HttpMethod.Post, "/api/admin/auth/login", new { username, password }, HttpStatusCode.OK);
        return host.CreateBearerClient(login.GetProperty("accessToken").GetString()!);
    }

    /// <summary>A hotline or visit wish entered by staff for a beneficiary in 鼓楼区.</summary>
    public static Task<JsonElement> EnterAsync(HttpClient staff, string name, string phone, string content, decimal cost, string channel = "hotline") =>
        SendAsync(staff, HttpMethod.Post, "/api/admin/wishes", new
        {
            channel, beneficiary = new { name, phone, address = "鼓楼区某街道1号" }, category = "elderly_alone", kind = "goods",
            districtCode = "gulou", content, estimatedCost = cost,
        }, HttpStatusCode.Created);

    /// <summary>The guided conversation on the official account, answered step by step as an elderly person would; returns the wish code.</summary>
    public async Task<string> LeaveWishOverWeChatAsync(string openId, string category, string name, string phone, string content, string cost)
    {
        using var client = host.CreateClient();
        var person = new WeChatUser(client, openId);
        Assert.That(await person.SayAsync("我想许愿"), Does.Contain("您属于哪一类"), "the conversation starts by asking the category");
        foreach (var answer in new[] { category, "鼓楼", name, phone, content })
            Assert.That(await person.SayAsync(answer), Does.Not.Contain("心愿已提交"));
        Assert.That(await person.SayAsync(cost), Does.Contain(name).And.Contain(content), "the summary shows what will be submitted");
        var done = await person.SayAsync("确认");
        Assert.That(done, Does.Contain("心愿已提交"), done);
        return WishCode().Match(done).Value;
    }

    /// <summary>A volunteer signed in with a <c>wx.login</c> code (the fake jscode2session answers it) who registers a profile in 鼓楼区.</summary>
    public async Task<HttpClient> VolunteerAsync(string loginCode, string name, string phone)
    {
        using var anonymous = host.CreateClient();
        var login = await SendAsync(anonymous, HttpMethod.Post, "/api/auth/wechat-login", new { code = loginCode }, HttpStatusCode.OK);
        Assert.That(login.GetProperty("profileComplete").GetBoolean(), Is.False, "a first sign-in creates an empty profile");
        var volunteer = host.CreateBearerClient(login.GetProperty("accessToken").GetString()!);
        var profile = await SendAsync(volunteer, HttpMethod.Put, "/api/me", new
        {
            name, gender = "female", birthYear = 1988, politicalStatus = "party_member", phone, specialties = new[] { "维修" },
            serviceIntent = "周末可以上门", districtCode = "gulou", organisation = "鼓楼义工大队",
        }, HttpStatusCode.OK);
        Assert.That(profile.GetProperty("profileComplete").GetBoolean(), Is.True);
        return volunteer;
    }

    public static Task<JsonElement> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(client, HttpMethod.Post, path, body, expected);

    public static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {path}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("W[0-9]{6}-[0-9]{4,7}")]
    private static partial Regex WishCode();
}

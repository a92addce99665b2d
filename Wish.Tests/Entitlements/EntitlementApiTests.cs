using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Entitlements;

/// <summary>
/// The counter through HTTP on a host whose clock the test sets (a fresh fake clock per test), against the real database:
/// the quota holds when twenty requests race, across a month, at the week's edge, and after an undo.
/// </summary>
public sealed class EntitlementApiTests : ApiTestBase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _counter = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        _host = api.WithWebHostBuilder(b =>
        {
            // Tokens are issued on the fake clock, which the tests move weeks ahead.
            b.UseSetting("Jwt:StaffTokenLifetime", "365.00:00:00");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new ForwardingClock(() => _clock)));
        });
    }

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task SignInAsync()
    {
        // Tuesday 1 December 2026, 09:00 China time.
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, China));
        var world = new StaffWorld(_host.Services, _clock);
        _admin = _host.CreateStaffClient(await world.AdminAsync());
        // Counter staff need no admin role: a coordinator of any district may serve at the counter.
        _counter = _host.CreateStaffClient(await world.CreateStaffAsync("counter", StaffRole.DistrictCoordinator, "qixia"));
    }

    [TearDown]
    public void DisposeClients()
    {
        _admin.Dispose();
        _counter.Dispose();
    }

    private void At(int month, int day, int hour, int minute = 0, int second = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(month == 1 ? 2027 : 2026, month, day, hour, minute, second, China));

    private async Task<Guid> ProgrammeAsync(int perWeek = 1, int perMonth = 4)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/entitlements", new
        {
            name = "环卫工人免费洗衣", provider = "日照爱心超市", unit = "件", perWeek, perMonth, validFrom = "2026-11-01",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage> ImportAsync(Guid programme, string csv, bool multipart = false, Encoding? encoding = null)
    {
        var bytes = (encoding ?? Encoding.UTF8).GetBytes(csv);
        HttpContent content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (multipart) content = new MultipartFormDataContent { { content, "file", "环卫处名单.csv" } };
        return await _admin.PostAsync($"/api/admin/entitlements/{programme}/roster", content);
    }

    private async Task<Guid> ProgrammeWithRosterAsync(int perWeek = 1, int perMonth = 4)
    {
        var id = await ProgrammeAsync(perWeek, perMonth);
        using var response = await ImportAsync(id, "姓名,工号,电话,班组\r\n张师傅,HW001,13800000001,一班\r\n李阿姨,HW002,,二班\r\n王大哥,HW003,,\r\n");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return id;
    }

    private Task<HttpResponseMessage> RedeemAsync(Guid programme, string workNumber, int items = 1) =>
        _counter.PostAsJsonAsync($"/api/admin/entitlements/{programme}/redemptions", new { workNumber, items });

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private Task<int> LiveItemsAsync(Guid programme) => new StaffWorld(_host.Services, _clock).WithDbAsync(db =>
        db.Set<EntitlementRedemption>().Where(r => r.ProgrammeId == programme && r.UndoneAt == null).SumAsync(r => r.Items));

    [Test]
    public async Task TwentyConcurrentRedemptionsForOnePersonInOneWeekAcceptExactlyOne()
    {
        var id = await ProgrammeWithRosterAsync(perWeek: 1, perMonth: 4);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RedeemAsync(id, "HW001"))));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Count(s => s == 201), Is.EqualTo(1), string.Join(",", statuses));
            Assert.That(statuses.Count(s => s == 422), Is.EqualTo(19), string.Join(",", statuses));
            Assert.That(await LiveItemsAsync(id), Is.EqualTo(1));
        });
        foreach (var response in responses) response.Dispose();
    }

    [Test]
    public async Task TheFifthItemInAMonthIsRefusedWithTheWeeksAndMonthsRemainingQuota()
    {
        var id = await ProgrammeWithRosterAsync(perWeek: 1, perMonth: 4);
        foreach (var day in new[] { 1, 8, 15, 22 })
        {
            At(12, day, 10);
            using var accepted = await RedeemAsync(id, "hw001");
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
            var body = await BodyAsync(accepted);
            Assert.That(body.GetProperty("monthRemaining").GetInt32(), Is.EqualTo(4 - (day + 6) / 7));
        }

        At(12, 29, 10);
        using var refused = await RedeemAsync(id, "HW001");
        var problem = await BodyAsync(refused);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.EntitlementQuotaExceeded));
            Assert.That(problem.GetProperty("weekRemaining").GetInt32(), Is.EqualTo(1));
            Assert.That(problem.GetProperty("monthRemaining").GetInt32(), Is.EqualTo(0));
            Assert.That(problem.GetProperty("title").GetString(), Does.Contain("本月还可0件"));
        });

        // January is a new month, though 1 January falls in the same week as 29 December.
        At(1, 1, 10);
        using var january = await RedeemAsync(id, "HW001");
        Assert.That(january.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task AWeekEndsAtSunday2359AndTheNextBeginsAtMonday0000ChinaTime()
    {
        var id = await ProgrammeWithRosterAsync(perWeek: 1, perMonth: 4);
        At(12, 6, 23, 59);
        using var sunday = await RedeemAsync(id, "HW002");
        At(12, 6, 23, 59, 59);
        using var sameWeek = await RedeemAsync(id, "HW002");
        At(12, 7, 0, 0);
        using var monday = await RedeemAsync(id, "HW002");
        var refusal = await BodyAsync(sameWeek);
        var accepted = await BodyAsync(monday);
        Assert.Multiple(() =>
        {
            Assert.That(sunday.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(sameWeek.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(refusal.GetProperty("weekRemaining").GetInt32(), Is.EqualTo(0));
            Assert.That(monday.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(accepted.GetProperty("weekRemaining").GetInt32(), Is.EqualTo(0));
            Assert.That(accepted.GetProperty("monthRemaining").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task UndoTheSameDayWithAReasonRestoresTheQuotaAndTheNextDayIsTooLate()
    {
        var id = await ProgrammeWithRosterAsync(perWeek: 1, perMonth: 4);
        At(12, 2, 9);
        using var first = await RedeemAsync(id, "HW003");
        var redemption = (await BodyAsync(first)).GetProperty("id").GetGuid();
        using var refused = await RedeemAsync(id, "HW003");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        using var noReason = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions/{redemption}/undo", new { reason = "" });
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        At(12, 2, 23, 59);
        using var undo = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions/{redemption}/undo", new { reason = "录错了工号" });
        Assert.That(undo.StatusCode, Is.EqualTo(HttpStatusCode.OK), await undo.Content.ReadAsStringAsync());
        var undone = await BodyAsync(undo);
        Assert.Multiple(() =>
        {
            Assert.That(undone.GetProperty("undoReason").GetString(), Is.EqualTo("录错了工号"));
            Assert.That(undone.GetProperty("weekRemaining").GetInt32(), Is.EqualTo(1));
        });
        using var again = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions/{redemption}/undo", new { reason = "再撤一次" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        using var redone = await RedeemAsync(id, "HW003");
        Assert.That(redone.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the undone item no longer counts");
        var second = (await BodyAsync(redone)).GetProperty("id").GetGuid();
        At(12, 3, 0, 0);
        using var tooLate = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions/{second}/undo", new { reason = "录错了" });
        Assert.Multiple(async () =>
        {
            Assert.That(tooLate.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((await BodyAsync(tooLate)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.EntitlementUndoTooLate));
            Assert.That(await LiveItemsAsync(id), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RosterErrorsNameTheirRowsAndImportNothing()
    {
        var id = await ProgrammeAsync();
        using var bad = await ImportAsync(id,
            "name,workNumber,phone,team\r\n张师傅,HW001,,一班\r\n,HW002,,二班\r\n李阿姨,hw001,,二班\r\n王大哥,,,\r\n", multipart: true);
        var problem = await BodyAsync(bad);
        var rows = problem.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ImportRowsInvalid));
            Assert.That(rows, Is.EqualTo(new[] { 3, 4, 5 }));
            Assert.That(problem.GetProperty("rowErrors")[1].GetProperty("message").GetString(), Does.Contain("第2行重复"));
            Assert.That(await PeopleAsync(id), Is.Zero);
        });

        using var missingColumn = await ImportAsync(id, "姓名,电话\r\n张师傅,13800000001\r\n");
        Assert.Multiple(async () =>
        {
            Assert.That(missingColumn.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await BodyAsync(missingColumn)).GetProperty("title").GetString(), Does.Contain("工号"));
        });
    }

    [Test]
    public async Task AGbkRosterImportsAndAReimportUpdatesPeopleKeepingTheirCards()
    {
        var id = await ProgrammeWithRosterAsync();
        var before = await CardAsync(id, "HW001");

        using var again = await ImportAsync(id, "姓名,工号,电话,班组\r\n张师傅,HW001,13800000009,三班\r\n赵师傅,HW004,,三班\r\n",
            encoding: Encoding.GetEncoding("GB18030"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        Assert.That((await BodyAsync(again)).GetProperty("imported").GetInt32(), Is.EqualTo(2));
        Assert.Multiple(async () =>
        {
            Assert.That(await PeopleAsync(id), Is.EqualTo(4));
            Assert.That(await CardAsync(id, "HW001"), Is.EqualTo(before));
        });

        // The QR card finds the person as the work number does.
        using var byCard = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions", new { cardToken = before, items = 1 });
        Assert.Multiple(async () =>
        {
            Assert.That(byCard.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That((await BodyAsync(byCard)).GetProperty("workNumber").GetString(), Is.EqualTo("HW001"));
        });
    }

    [Test]
    public async Task UnknownPeopleAndBadRequestsGetClearProblems()
    {
        var id = await ProgrammeWithRosterAsync();
        using var unknown = await RedeemAsync(id, "HW999");
        using var noOne = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions", new { items = 1 });
        using var both = await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions", new { workNumber = "HW001", cardToken = "X", items = 1 });
        using var zero = await RedeemAsync(id, "HW001", 0);
        using var noProgramme = await RedeemAsync(Guid.NewGuid(), "HW001");
        using var badMonth = await _counter.GetAsync($"/api/admin/entitlements/{id}/report?month=2026-13");
        using var badQuota = await _admin.PostAsJsonAsync("/api/admin/entitlements",
            new { name = "洗衣", provider = "超市", unit = "件", perWeek = 5, perMonth = 4, validFrom = "2026-12-01" });
        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await BodyAsync(unknown)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.EntitlementPersonNotFound));
            Assert.That(noOne.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(zero.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noProgramme.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(badMonth.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await BodyAsync(badQuota)).GetProperty("errors").TryGetProperty("perWeek", out _), Is.True);
        });
    }

    [Test]
    public async Task TheMonthlyReportCountsPeopleServedItemsAndUnusedEntitlements()
    {
        var id = await ProgrammeWithRosterAsync(perWeek: 2, perMonth: 4);
        At(12, 2, 10);
        (await RedeemAsync(id, "HW001", 2)).Dispose();
        At(12, 9, 10);
        (await RedeemAsync(id, "HW001", 2)).Dispose();
        using var undone = await RedeemAsync(id, "HW002", 1);
        (await _counter.PostAsJsonAsync($"/api/admin/entitlements/{id}/redemptions/{(await BodyAsync(undone)).GetProperty("id").GetGuid()}/undo",
            new { reason = "认错人" })).Dispose();
        (await RedeemAsync(id, "HW003", 1)).Dispose();
        At(1, 4, 10);
        (await RedeemAsync(id, "HW003", 1)).Dispose();

        var report = await _counter.GetFromJsonAsync<JsonElement>($"/api/admin/entitlements/{id}/report?month=202612");
        Assert.Multiple(() =>
        {
            Assert.That(report.GetProperty("people").GetInt32(), Is.EqualTo(3));
            Assert.That(report.GetProperty("served").GetInt32(), Is.EqualTo(2));
            Assert.That(report.GetProperty("items").GetInt32(), Is.EqualTo(5));
            Assert.That(report.GetProperty("unused").GetInt32(), Is.EqualTo(0 + 4 + 3));
        });
    }

    private Task<int> PeopleAsync(Guid programme) => new StaffWorld(_host.Services, _clock).WithDbAsync(db =>
        db.Set<EntitlementPerson>().CountAsync(p => p.ProgrammeId == programme));

    private Task<string> CardAsync(Guid programme, string workNumber) => new StaffWorld(_host.Services, _clock).WithDbAsync(db =>
        db.Set<EntitlementPerson>().Where(p => p.ProgrammeId == programme && p.WorkNumber == workNumber).Select(p => p.CardToken).SingleAsync());
}

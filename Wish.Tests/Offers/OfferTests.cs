using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Offers;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Intake;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Offers;

/// <summary>
/// An offer of service's whole life (DESIGN.md §12): offered over WeChat, reviewed by staff (a coordinator only in their district),
/// browsed masked by volunteers and the public, requested, and its minutes credited to the offering volunteer's passbook.
/// The conversation runs on the intake host (fake clock); staff and volunteers call the shared host, on the same database.
/// </summary>
public sealed class OfferTests : IntakeTestBase
{
    private const string VolunteerOpenId = "o_offer_volunteer";
    private readonly List<HttpClient> _clients = [];

    [TearDown]
    public void DisposeClients()
    {
        foreach (var client in _clients) client.Dispose();
        _clients.Clear();
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    private async Task<HttpClient> StaffAsync(StaffRole role, string? district = null) =>
        Track(Api.CreateStaffClient(await new StaffWorld(Api.Services).StaffAsync(role, district)));

    private async Task<(HttpClient Client, Guid Id)> VolunteerAsync(string district = "gulou")
    {
        var id = await MiniProgramSeed.VolunteerAsync(Api.Services, district);
        return (Track(Api.CreateVolunteerClient(id)), id);
    }

    /// <summary>Offers a service over WeChat and returns the stored offer's id.</summary>
    private async Task<Guid> OfferOverWeChatAsync(string openId, string what = "修自行车", string district = "1")
    {
        var user = User(openId);
        await user.SayAsync("我能帮忙");
        await user.SayAsync(what);
        await user.SayAsync("周末上午");
        await user.SayAsync(district);
        Assert.That(await user.SayAsync("确认"), Does.Contain("工作人员审核"));
        return await DbAsync(db => db.ServiceOffers().Where(o => o.OpenId == openId).Select(o => o.Id).SingleAsync());
    }

    private async Task RegisterVolunteerAsync(string openId, string name)
    {
        await DbAsync(async db =>
        {
            var volunteer = Volunteer.Register(openId, Clock.GetUtcNow());
            volunteer.UpdateProfile(new VolunteerProfile(name, Gender.Male, 1958, PoliticalStatus.Masses, "13700002222", ["维修"], null, "gulou",
                "鼓楼义工大队"), Clock.GetUtcNow());
            db.Volunteers.Add(volunteer);
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, int status)
    {
        var problem = await OkAsync(response, status);
        Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
        return problem.TryGetProperty("code", out var code) ? code.GetString()! : "";
    }

    [Test]
    public async Task AnOfferOverWeChatPublishedByStaffAppearsMaskedOnTheVolunteerAndPublicLists()
    {
        await RegisterVolunteerAsync(VolunteerOpenId, "欧阳建国");
        var id = await OfferOverWeChatAsync(VolunteerOpenId);
        var reviewer = await StaffAsync(StaffRole.Reviewer);
        var (volunteer, _) = await VolunteerAsync();

        var submitted = await OkAsync(await reviewer.GetAsync("/api/admin/offers?status=submitted"));
        Assert.That(submitted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
        Assert.That((await OkAsync(await Client.GetAsync("/api/public/offers"))).GetProperty("items").GetArrayLength(), Is.Zero,
            "nothing is on the wall before review");

        var published = await OkAsync(await reviewer.PostAsync($"/api/admin/offers/{id}/publish", null));
        Assert.That(published.GetProperty("status").GetString(), Is.EqualTo("published"));

        var wall = await volunteer.GetAsync("/api/offers");
        var wallText = await wall.Content.ReadAsStringAsync();
        var mine = (await OkAsync(wall)).GetProperty("items").EnumerateArray().Single();
        var publicText = await (await Client.GetAsync("/api/public/offers?districtCode=gulou")).Content.ReadAsStringAsync();
        var shown = JsonDocument.Parse(publicText).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(mine.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(mine.GetProperty("what").GetString(), Is.EqualTo("修自行车"));
            Assert.That(mine.GetProperty("displayName").GetString(), Is.EqualTo("欧阳**"));
            Assert.That(mine.GetProperty("requestedByMe").GetBoolean(), Is.False);
            Assert.That(shown.GetProperty("displayName").GetString(), Is.EqualTo("欧阳**"));
            Assert.That(shown.GetProperty("when").GetString(), Is.EqualTo("周末上午"));
            foreach (var text in new[] { wallText, publicText })
            {
                Assert.That(Decoded(text), Does.Not.Contain("欧阳建国").And.Not.Contain(VolunteerOpenId));
                Assert.That(text, Does.Not.Contain("openId").IgnoreCase.And.Not.Contain("volunteerId").IgnoreCase);
            }
        });
        Assert.That((await OkAsync(await Client.GetAsync("/api/public/offers?districtCode=xuanwu"))).GetProperty("items").GetArrayLength(),
            Is.Zero);
    }

    [Test]
    public async Task ACoordinatorOfAnotherDistrictNeitherSeesNorPublishesTheOffer()
    {
        var id = await OfferOverWeChatAsync("o_gulou_helper");
        var qixia = await StaffAsync(StaffRole.DistrictCoordinator, "qixia");
        var gulou = await StaffAsync(StaffRole.DistrictCoordinator, "gulou");

        var theirs = await OkAsync(await qixia.GetAsync("/api/admin/offers"));
        Assert.That(theirs.GetProperty("total").GetInt32(), Is.Zero);
        Assert.That(await ProblemCodeAsync(await qixia.GetAsync("/api/admin/offers?districtCode=gulou"), 403),
            Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(await ProblemCodeAsync(await qixia.PostAsync($"/api/admin/offers/{id}/publish", null), 403),
            Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(await ProblemCodeAsync(await qixia.PostAsJsonAsync($"/api/admin/offers/{id}/reject", new { reason = "不合适" }), 403),
            Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));

        Assert.That((await OkAsync(await gulou.GetAsync("/api/admin/offers"))).GetProperty("total").GetInt32(), Is.EqualTo(1));
        await OkAsync(await gulou.PostAsync($"/api/admin/offers/{id}/publish", null));
        Assert.That(await DbAsync(db => db.ServiceOffers().Where(o => o.Id == id).Select(o => o.Status).SingleAsync()),
            Is.EqualTo(OfferStatus.Published));
    }

    [Test]
    public async Task ARequestRecordsAMatchAndCreditingItsMinutesWritesThePassbookOfTheOfferingVolunteer()
    {
        await RegisterVolunteerAsync(VolunteerOpenId, "张建国");
        var id = await OfferOverWeChatAsync(VolunteerOpenId);
        var admin = await StaffAsync(StaffRole.Admin);
        var (volunteer, volunteerId) = await VolunteerAsync();
        Assert.That(await ProblemCodeAsync(await volunteer.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = "x" }), 422),
            Is.EqualTo(DomainErrorCodes.OfferNotPublished), "an offer under review cannot be requested");
        await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/publish", null));

        var match = await OkAsync(await volunteer.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = "家里自行车坏了，请下午联系" }), 201);
        var matchId = match.GetProperty("id").GetGuid();
        Assert.That(await ProblemCodeAsync(await volunteer.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = "再约一次" }), 422),
            Is.EqualTo(DomainErrorCodes.OfferAlreadyRequested));
        var wall = await OkAsync(await volunteer.GetAsync("/api/offers"));
        Assert.That(wall.GetProperty("items")[0].GetProperty("requestedByMe").GetBoolean(), Is.True);
        var staffView = (await OkAsync(await admin.GetAsync("/api/admin/offers"))).GetProperty("items")[0];
        Assert.That(staffView.GetProperty("matches")[0].GetProperty("note").GetString(), Is.EqualTo("家里自行车坏了，请下午联系"));
        Assert.That(staffView.GetProperty("matches")[0].GetProperty("requestedBy").GetString(), Is.EqualTo($"Volunteer:{volunteerId}"));

        var credited = await OkAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{matchId}/credit", new { minutes = 90 }));

        var offerer = await DbAsync(db => db.Volunteers.Where(v => v.OpenId == VolunteerOpenId).Select(v => v.Id).SingleAsync());
        Assert.That(credited.GetProperty("volunteerId").GetGuid(), Is.EqualTo(offerer));
        var entry = await DbAsync(db => db.ServiceRecordEntries.SingleAsync(e => e.VolunteerId == offerer));
        Assert.Multiple(() =>
        {
            Assert.That(entry.Minutes, Is.EqualTo(90));
            Assert.That(entry.IsFinal, Is.True);
            Assert.That(entry.Content, Does.Contain("修自行车"));
            Assert.That(entry.Place, Is.EqualTo("鼓楼区"));
        });
        var points = await DbAsync(db => db.LedgerEntries.Where(e => e.VolunteerId == offerer && e.SourceId == matchId).SumAsync(e => e.Points));
        Assert.That(points, Is.GreaterThan(0), "points follow the credited minutes, as for any service");
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{matchId}/credit", new { minutes = 90 }), 409),
            Is.EqualTo(DomainErrorCodes.OfferAlreadyCredited));

        await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/close", null));
        Assert.That((await OkAsync(await volunteer.GetAsync("/api/offers"))).GetProperty("items").GetArrayLength(), Is.Zero);
        var (other, _) = await VolunteerAsync();
        Assert.That(await ProblemCodeAsync(await other.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = "x" }), 422),
            Is.EqualTo(DomainErrorCodes.OfferNotPublished));
    }

    [Test]
    public async Task StaffRecordResidentsRequestsEachOnceAndTheirMinutesAreCreditedLikeAVolunteersRequest()
    {
        await RegisterVolunteerAsync(VolunteerOpenId, "张建国");
        var id = await OfferOverWeChatAsync(VolunteerOpenId);
        var admin = await StaffAsync(StaffRole.Admin);
        var body = new { residentName = "李桂兰", note = "电话 13800001111，下午在家" };
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches", body), 422),
            Is.EqualTo(DomainErrorCodes.OfferNotPublished), "an offer under review takes no requests");
        await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/publish", null));

        var first = await OkAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches", body), 201);
        var second = await OkAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches",
            new { residentName = "王秀英", note = "住3号楼2单元" }), 201);
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches", body), 422),
            Is.EqualTo(DomainErrorCodes.OfferAlreadyRequested), "the same resident is recorded once");
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches", new { residentName = "", note = "x" }), 400),
            Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches", new { residentName = "赵" }), 400),
            Is.Not.Null, "staff must say how to reach the resident");

        var matches = (await OkAsync(await admin.GetAsync("/api/admin/offers"))).GetProperty("items")[0].GetProperty("matches");
        Assert.That(matches.EnumerateArray().Select(m => m.GetProperty("requesterName").GetString()), Is.EqualTo(new[] { "李桂兰", "王秀英" }));
        Assert.That(matches.EnumerateArray().All(m => m.GetProperty("forResident").GetBoolean()), Is.True);
        Assert.That(first.GetProperty("note").GetString(), Is.EqualTo("电话 13800001111，下午在家"));

        await OkAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{second.GetProperty("id").GetGuid()}/credit", new { minutes = 45 }));
        var offerer = await DbAsync(db => db.Volunteers.Where(v => v.OpenId == VolunteerOpenId).Select(v => v.Id).SingleAsync());
        Assert.That(await DbAsync(db => db.ServiceRecordEntries.Where(e => e.VolunteerId == offerer).SumAsync(e => e.Minutes)), Is.EqualTo(45));
    }

    [Test]
    public async Task CreditingAnOffererWhoIsNotARegisteredVolunteerIsRefusedWithA422()
    {
        var id = await OfferOverWeChatAsync("o_resident");
        var admin = await StaffAsync(StaffRole.Admin);
        var (volunteer, _) = await VolunteerAsync();
        await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/publish", null));
        var matchId = (await OkAsync(await volunteer.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = "请联系我" }), 201))
            .GetProperty("id").GetGuid();

        var code = await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{matchId}/credit", new { minutes = 60 }), 422);

        Assert.That(code, Is.EqualTo(DomainErrorCodes.OfferNotVolunteer));
        Assert.That(await DbAsync(db => db.ServiceRecordEntries.CountAsync()), Is.Zero);

        // Once the resident registers as a volunteer, the same match can be credited.
        await RegisterVolunteerAsync("o_resident", "刘芳");
        await OkAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{matchId}/credit", new { minutes = 60 }));
        Assert.That(await DbAsync(db => db.ServiceRecordEntries.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task BadInputIsAProblemDetails400Or422OrA404NeverA500()
    {
        var id = await OfferOverWeChatAsync("o_bad_input");
        var admin = await StaffAsync(StaffRole.Admin);
        var (volunteer, _) = await VolunteerAsync();

        Assert.That(await ProblemCodeAsync(await admin.GetAsync("/api/admin/offers?status=maybe"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.GetAsync("/api/admin/offers?page=0"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/reject", new { reason = "" }), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsync($"/api/admin/offers/{id}/reject", null), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsync($"/api/admin/offers/{Guid.NewGuid()}/publish", null), 404),
            Is.EqualTo(DomainErrorCodes.OfferNotFound));
        Assert.That(await ProblemCodeAsync(await admin.PostAsync($"/api/admin/offers/{id}/close", null), 409),
            Is.EqualTo(DomainErrorCodes.OfferIllegalTransition), "only a published offer is closed");
        await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/publish", null));
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/reject", new { reason = "晚了" }), 409),
            Is.EqualTo(DomainErrorCodes.OfferIllegalTransition));
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{Guid.NewGuid()}/credit", new { minutes = 30 }), 404),
            Is.EqualTo(DomainErrorCodes.OfferMatchNotFound));
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{Guid.NewGuid()}/credit", new { minutes = 0 }), 400),
            Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsJsonAsync($"/api/admin/offers/{id}/matches/{Guid.NewGuid()}/credit", new { minutes = 99999 }), 400),
            Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await admin.PostAsync($"/api/admin/offers/{id}/matches/{Guid.NewGuid()}/credit",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), 400), Is.Not.Null);

        Assert.That(await ProblemCodeAsync(await volunteer.GetAsync("/api/offers?cursor=bogus"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await volunteer.GetAsync("/api/offers?districtCode=nowhere"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await volunteer.GetAsync("/api/offers?limit=0"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await Client.GetAsync("/api/public/offers?cursor=bogus"), 400), Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await volunteer.PostAsJsonAsync($"/api/offers/{id}/requests", new { note = new string('话', 201) }), 400),
            Is.Not.Null);
        Assert.That(await ProblemCodeAsync(await volunteer.PostAsJsonAsync($"/api/offers/{Guid.NewGuid()}/requests", new { note = "x" }), 404),
            Is.EqualTo(DomainErrorCodes.OfferNotFound));
    }

    [Test]
    public async Task TheWallPagesThroughPublishedOffersWithACursor()
    {
        var admin = await StaffAsync(StaffRole.Admin);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await OfferOverWeChatAsync($"o_page_{i}", what: $"帮忙{i}号");
            await OkAsync(await admin.PostAsync($"/api/admin/offers/{id}/publish", null));
            ids.Add(id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await OkAsync(await Client.GetAsync("/api/public/offers?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        Assert.That(seen, Is.EquivalentTo(ids));
        Assert.That(seen, Is.Unique);
    }

    /// <summary>Every string in the JSON, unescaped: the serializer writes Chinese as \uXXXX, which a raw search would miss.</summary>
    private static string Decoded(string body) =>
        string.Join("\n", Strings(JsonDocument.Parse(body).RootElement));

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}

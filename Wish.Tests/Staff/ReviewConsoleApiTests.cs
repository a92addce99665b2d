using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>What the console's review pages add: masked reads, text search, the status tabs' counts, reveal, bulk actions.</summary>
public sealed class ReviewConsoleApiTests : ApiTestBase
{
    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    private async Task<HttpClient> ClientAsync(StaffRole role, string? district = null) => Api.CreateStaffClient(await _world.StaffAsync(role, district));

    private Task<int> ViewedLinesAsync(Guid? beneficiaryId = null) => _world.WithDbAsync(db => db.AuditEntries.CountAsync(a =>
        a.Action == StaffAudit.BeneficiaryViewed && (beneficiaryId == null || a.EntityId == beneficiaryId.ToString())));

    private static IEnumerable<string?> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString());

    [Test]
    public async Task MaskedListAndDetailHideThePersonAndWriteNoAuditLine()
    {
        var wish = await _world.SubmittedAsync(submission: StaffWorld.Hotline(phone: "13812341111"));
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var list = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes?masked=true");
        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/wishes/{wish.Id}?masked=true");
        var viewedWhileMasked = await ViewedLinesAsync();
        var full = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes");

        foreach (var beneficiary in new[] { list.GetProperty("items")[0].GetProperty("beneficiary"), detail.GetProperty("wish").GetProperty("beneficiary") })
        {
            Assert.That(beneficiary.GetProperty("name").GetString(), Is.EqualTo("王**"));
            Assert.That(beneficiary.GetProperty("phone").GetString(), Is.EqualTo("138****1111"));
            Assert.That(beneficiary.GetProperty("address").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
        Assert.That(viewedWhileMasked, Is.Zero);
        Assert.That(full.GetProperty("items")[0].GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("王秀英"));
        Assert.That(await ViewedLinesAsync(wish.BeneficiaryId), Is.EqualTo(1), "without masked the read is audited as before");
    }

    [Test]
    public async Task AMaskedActionAnswersMaskedAndRecordsNoViewWhileAnUnmaskedOneIsAudited()
    {
        var quiet = await _world.SubmittedAsync();
        var plain = await _world.SubmittedAsync();
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        using var verified = await reviewer.PostAsJsonAsync($"/api/admin/wishes/{quiet.Id}/verify?masked=true", new { urgency = "urgent" });
        using var rejected = await reviewer.PostAsJsonAsync($"/api/admin/wishes/{plain.Id}/reject", new { reason = "不属于资助范围" });
        var answer = await verified.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("verified"));
        Assert.That(answer.GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("王**"));
        Assert.That(await ViewedLinesAsync(quiet.BeneficiaryId), Is.Zero);
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ViewedLinesAsync(plain.BeneficiaryId), Is.EqualTo(1), "the contract's unmasked answer stays audited");
    }

    [Test]
    public async Task TextSearchFindsACodeByPrefixOrExactlyAndWordsInTheContent()
    {
        var radio = await _world.SubmittedAsync(submission: StaffWorld.Hotline(content: "想要一台收音机 听戏用"));
        var heater = await _world.SubmittedAsync(submission: StaffWorld.Hotline(content: "想要一个电暖器"));
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        async Task<IEnumerable<string?>> Search(string q) =>
            Codes(await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes?masked=true&q=" + Uri.EscapeDataString(q)));

        Assert.That(await Search(radio.Code), Is.EqualTo(new[] { radio.Code }));
        Assert.That(await Search(radio.Code[..8].ToLowerInvariant()), Is.EquivalentTo(new[] { radio.Code, heater.Code }));
        Assert.That(await Search("收音机 听戏"), Is.EqualTo(new[] { radio.Code }));
        Assert.That(await Search("收音机 电暖器"), Is.Empty, "every word must be in the content");
        Assert.That(await Search("100%"), Is.Empty, "a LIKE wildcard in the text is a literal");
    }

    [Test]
    public async Task CountsPerStatusFollowTheFiltersAndTheCoordinatorsDistrict()
    {
        await _world.SubmittedAsync("gulou");
        await _world.SubmittedAsync(submission: StaffWorld.Hotline(cost: 300m));
        await _world.VerifiedAsync("gulou");
        await _world.SubmittedAsync("qixia");
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "qixia");

        var all = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes/counts");
        var flagged = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes/counts?flagged=true&districtCode=gulou");
        var qixia = await coordinator.GetFromJsonAsync<JsonElement>("/api/admin/wishes/counts");
        using var bad = await reviewer.GetAsync("/api/admin/wishes/counts?round=26");

        Assert.That(all.GetProperty("counts").GetProperty("submitted").GetInt32(), Is.EqualTo(3));
        Assert.That(all.GetProperty("counts").GetProperty("verified").GetInt32(), Is.EqualTo(1));
        Assert.That(all.GetProperty("counts").GetProperty("rejected").GetInt32(), Is.Zero, "every status is present");
        Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(4));
        Assert.That(flagged.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That(qixia.GetProperty("counts").GetProperty("submitted").GetInt32(), Is.EqualTo(1));
        Assert.That(qixia.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task RevealAnswersThePersonInFullAndWritesOneAuditLine()
    {
        var wish = await _world.SubmittedAsync("gulou");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");
        using var other = await ClientAsync(StaffRole.DistrictCoordinator, "qixia");

        using var response = await coordinator.PostAsync($"/api/admin/wishes/{wish.Id}/beneficiary/reveal", null);
        var revealed = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var refused = await other.PostAsync($"/api/admin/wishes/{wish.Id}/beneficiary/reveal", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(revealed.GetProperty("id").GetGuid(), Is.EqualTo(wish.BeneficiaryId));
        Assert.That(revealed.GetProperty("name").GetString(), Is.EqualTo("王秀英"));
        Assert.That(revealed.GetProperty("phone").GetString(), Does.Match("^139[0-9]{8}$"));
        Assert.That(revealed.GetProperty("address").GetString(), Is.EqualTo("某街道1号"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var lines = await _world.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == StaffAudit.BeneficiaryViewed).ToListAsync());
        Assert.That(lines.Select(l => (l.EntityId, l.Details)), Is.EqualTo(new[] { (wish.BeneficiaryId.ToString(), "wishes.reveal: " + wish.Code) }));
    }

    [Test]
    public async Task RevealingAnErasedPersonAnswersTheMarkerWithoutAnAuditLine()
    {
        var wish = await _world.SubmittedAsync();
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());
        (await admin.PostAsync($"/api/admin/beneficiaries/{wish.BeneficiaryId}/erase", null)).EnsureSuccessStatusCode();

        var revealed = await (await admin.PostAsync($"/api/admin/wishes/{wish.Id}/beneficiary/reveal", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(revealed.GetProperty("name").GetString(), Is.EqualTo(Beneficiary.ErasedName));
        Assert.That(revealed.GetProperty("phone").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(revealed.GetProperty("erased").GetBoolean(), Is.True);
        Assert.That(await ViewedLinesAsync(wish.BeneficiaryId), Is.Zero);
    }

    [Test]
    public async Task BulkVerifyDoesEachWishOnItsOwnAndRefusesFlaggedAndForeignOnes()
    {
        var first = await _world.SubmittedAsync("gulou");
        var second = await _world.SubmittedAsync("gulou");
        var flagged = await _world.SubmittedAsync(submission: StaffWorld.Hotline(cost: 300m));
        var foreign = await _world.SubmittedAsync("qixia");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");

        using var response = await coordinator.PostAsJsonAsync("/api/admin/wishes/bulk/verify",
            new { ids = new[] { first.Id, flagged.Id, second.Id, foreign.Id }, urgency = "urgent", note = "批量审核" });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result.GetProperty("done").EnumerateArray().Select(d => d.GetProperty("code").GetString()), Is.EqualTo(new[] { first.Code, second.Code }));
        var failed = result.GetProperty("failed").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetGuid(), f => f.GetProperty("title").GetString());
        Assert.That(failed.Keys, Is.EquivalentTo(new[] { flagged.Id, foreign.Id }));
        Assert.That(failed[foreign.Id], Does.Contain("负责的区"));
        Assert.That(failed[flagged.Id], Does.Match(@"\p{IsCJKUnifiedIdeographs}"));
        var statuses = await _world.WithDbAsync(db => db.Wishes.ToDictionaryAsync(w => w.Id, w => w.Status));
        Assert.That(new[] { statuses[first.Id], statuses[second.Id], statuses[flagged.Id], statuses[foreign.Id] },
            Is.EqualTo(new[] { WishStatus.Verified, WishStatus.Verified, WishStatus.Submitted, WishStatus.Submitted }));
        var history = await _world.WithDbAsync(db => db.WishStatusChanges.CountAsync(h => h.To == WishStatus.Verified));
        Assert.That(history, Is.EqualTo(2), "each done wish has its history line, the refused ones none");
    }

    [Test]
    public async Task BulkRejectNeedsAReasonAndAtMostAHundredIds()
    {
        var wish = await _world.SubmittedAsync();
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        using var tooMany = await reviewer.PostAsJsonAsync("/api/admin/wishes/bulk/reject",
            new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()), reason = "不属于资助范围" });
        using var noReason = await reviewer.PostAsJsonAsync("/api/admin/wishes/bulk/reject", new { ids = new[] { wish.Id } });
        var rejected = await (await reviewer.PostAsJsonAsync("/api/admin/wishes/bulk/reject",
            new { ids = new[] { wish.Id, wish.Id }, reason = "不属于资助范围" })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await reviewer.PostAsJsonAsync("/api/admin/wishes/bulk/reject",
            new { ids = new[] { wish.Id }, reason = "不属于资助范围" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ids")[0].GetString(), Does.Contain("100"));
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(rejected.GetProperty("done").GetArrayLength(), Is.EqualTo(1), "a repeated id is done once");
        Assert.That(again.GetProperty("done").GetArrayLength(), Is.Zero);
        Assert.That(again.GetProperty("failed")[0].GetProperty("code").GetString(), Is.EqualTo(wish.Code));
        Assert.That(await _world.WithDbAsync(db => db.Wishes.Where(w => w.Id == wish.Id).Select(w => w.Status).SingleAsync()), Is.EqualTo(WishStatus.Rejected));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>The staff lists of claims and volunteers the console shows: order, district scoping, hours and the service record.</summary>
public sealed class StaffClaimsAndVolunteersTests : ApiTestBase
{
    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    private async Task<HttpClient> ClientAsync(StaffRole role, string? district = null) => Api.CreateStaffClient(await _world.StaffAsync(role, district));

    [Test]
    public async Task ActiveClaimsComeOverdueFirstAndSayWhichAreOverdue()
    {
        var onTime = await _world.ClaimedAsync();
        var late = await _world.ClaimedAsync();
        await _world.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "Claims" SET "DueAt" = now() - interval '1 day' WHERE "Id" = {late.ClaimId}"""));
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var page = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/claims?status=active");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("wishCode").GetString()), Is.EqualTo(new[] { late.Code, onTime.Code }));
        Assert.That(items.Select(i => i.GetProperty("overdue").GetBoolean()), Is.EqualTo(new[] { true, false }));
        Assert.That(items[0].GetProperty("volunteerName").GetString(), Is.EqualTo("李雷"));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task ACoordinatorSeesTheClaimsAndVolunteersOfTheirDistrictOnly()
    {
        var gulou = await _world.ClaimedAsync("gulou");
        await _world.ClaimedAsync("qixia");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");

        var claims = await coordinator.GetFromJsonAsync<JsonElement>("/api/admin/claims?status=active");
        var volunteers = await coordinator.GetFromJsonAsync<JsonElement>("/api/admin/volunteers");
        using var otherClaims = await coordinator.GetAsync("/api/admin/claims?districtCode=qixia");
        var qixiaVolunteer = await _world.WithDbAsync(db => db.Volunteers.Where(v => v.DistrictCode == "qixia").Select(v => v.Id).SingleAsync());
        using var otherVolunteer = await coordinator.GetAsync($"/api/admin/volunteers/{qixiaVolunteer}");

        Assert.That(claims.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("wishCode").GetString()), Is.EqualTo(new[] { gulou.Code }));
        Assert.That(volunteers.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { gulou.VolunteerId }));
        Assert.That(otherClaims.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(otherVolunteer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AVolunteerShowsPendingAndConfirmedHoursAndTheirServiceRecord()
    {
        var fulfilled = await _world.FulfilledAsync(minutes: 90);
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var byName = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/volunteers?q=李");
        var byPhone = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/volunteers?q=1380");
        var nobody = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/volunteers?q=王");
        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/volunteers/{fulfilled.VolunteerId}");

        var row = byName.GetProperty("items")[0];
        Assert.That(row.GetProperty("pendingMinutes").GetInt32(), Is.EqualTo(90));
        Assert.That(row.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(0), "hours count once staff confirm after their follow-up");
        Assert.That(row.GetProperty("fulfilledClaims").GetInt32(), Is.EqualTo(1));
        Assert.That(byPhone.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That(nobody.GetProperty("total").GetInt32(), Is.EqualTo(0));
        Assert.That(detail.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("minutes").GetInt32(), e.GetProperty("final").GetBoolean())),
            Is.EqualTo(new[] { (90, false) }));
        Assert.That(detail.GetProperty("claims")[0].GetProperty("wishCode").GetString(), Is.EqualTo(fulfilled.Code));
    }

    [Test]
    public async Task ConfirmedWishMinutesEarnPointsByTheActivityRuleOnceAndThePassbookShowsThem()
    {
        var fulfilled = await _world.FulfilledAsync(minutes: 95);
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        using var volunteer = Api.CreateVolunteerClient(fulfilled.VolunteerId!.Value);
        var followUps = $"/api/admin/wishes/{fulfilled.Id}/follow-ups";

        var pending = await volunteer.GetFromJsonAsync<JsonElement>("/api/me/passbook");
        Assert.That(pending.GetProperty("balance").GetInt32(), Is.Zero, "pending minutes earn nothing");

        var visit = await reviewer.PostAsJsonAsync(followUps, new { method = "visit", satisfaction = 5, notes = "已收到" });
        Assert.That(visit.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var again = await reviewer.PostAsJsonAsync(followUps, new { method = "phone", satisfaction = 5, notes = "回访" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var book = await volunteer.GetFromJsonAsync<JsonElement>("/api/me/passbook");
        var ledger = book.GetProperty("ledger").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(book.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(95));
            Assert.That(book.GetProperty("entries")[0].GetProperty("final").GetBoolean(), Is.True);
            Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(9), "one point per 10 final minutes, as for attendance");
            Assert.That(ledger.Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("points").GetInt32())),
                Is.EqualTo(new[] { ("earned", 9) }), "a second follow-up earns nothing twice");
        });

        var row = (await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/volunteers?q=李")).GetProperty("items")[0];
        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/volunteers/{fulfilled.VolunteerId}");
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("points").GetInt32(), Is.EqualTo(9), "the list shows the love-bank balance");
            Assert.That(detail.GetProperty("points").GetInt32(), Is.EqualTo(9));
            Assert.That(detail.GetProperty("trainings").GetArrayLength(), Is.Zero);
            Assert.That(detail.GetProperty("commendations").GetArrayLength(), Is.Zero);
            Assert.That(detail.GetProperty("ratings").GetProperty("count").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task AnUnknownVolunteerIsA404WithItsCode()
    {
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        using var response = await reviewer.GetAsync($"/api/admin/volunteers/{Guid.NewGuid()}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.VolunteerNotFound));
    }

    [Test]
    public async Task AnUnknownClaimStatusIsAFieldError()
    {
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        using var response = await reviewer.GetAsync("/api/admin/claims?status=lost");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty("status", out _), Is.True);
    }
}

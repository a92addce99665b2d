using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Claims;

/// <summary>What a volunteer does with a claim: list it, give it back, report it fulfilled.</summary>
public sealed class ClaimLifecycleTests : MiniProgramTestBase
{
    private async Task<(PublishedWish Wish, HttpClient Volunteer, Guid Claim)> ClaimedAsync(WishSpec? spec = null)
    {
        var wish = await PublishedWishAsync(spec);
        var volunteer = await VolunteerClientAsync();
        var claim = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        return (wish, volunteer, claim.GetProperty("id").GetGuid());
    }

    [Test]
    public async Task ReleasingAClaimReturnsTheWishToPublishedForTheNextVolunteer()
    {
        var (wish, volunteer, claimId) = await ClaimedAsync();

        var released = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "临时出差" }));

        Assert.That(released.GetProperty("status").GetString(), Is.EqualTo("released"));
        Assert.That(released.GetProperty("beneficiary").ValueKind, Is.EqualTo(JsonValueKind.Null), "no contact once the claim ended");
        Assert.That(released.GetProperty("endedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        var next = await VolunteerClientAsync();
        var listed = await OkJsonAsync(await next.GetAsync("/api/wishes"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(wish.Id));
        // The Redis "taken" marker went too: the next volunteer gets it at once, not after the marker lapses.
        await OkJsonAsync(await next.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
    }

    [Test]
    public async Task AWishRevokedByStaffIsClaimableAgainAtOnce()
    {
        var (wish, _, claimId) = await ClaimedAsync();
        using var staff = Api.CreateStaffClient(await new StaffWorld(Services).AdminAsync());

        var revoked = await staff.PostAsJsonAsync($"/api/admin/claims/{claimId}/revoke", new { reason = "志愿者联系不上" });

        Assert.That((int)revoked.StatusCode, Is.EqualTo(200), await revoked.Content.ReadAsStringAsync());
        // Without clearing the claim gate, the fast path would refuse this as taken until the marker lapsed.
        var next = await VolunteerClientAsync();
        await OkJsonAsync(await next.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
    }

    [Test]
    public async Task ReleasingWithoutAReasonIsAllowed()
    {
        var (_, volunteer, claimId) = await ClaimedAsync();

        var released = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/release", new { }));

        Assert.That(released.GetProperty("status").GetString(), Is.EqualTo("released"));
    }

    [Test]
    public async Task FulfillingAClaimRecordsItAndAddsAProvisionalServiceRecordEntry()
    {
        var (wish, volunteer, claimId) = await ClaimedAsync(new WishSpec("qinhuai", Content: "想要一个新书包"));

        var fulfilled = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment",
            new { note = "已把书包送到孩子手中", photoUrls = new[] { "https://img.example.com/1.jpg" }, minutes = 90 }));

        Assert.That(fulfilled.GetProperty("status").GetString(), Is.EqualTo("fulfilled"));
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            Assert.That((await db.Wishes.SingleAsync(w => w.Id == wish.Id)).Status, Is.EqualTo(WishStatus.Fulfilled));
            var fulfilment = await db.Fulfilments.SingleAsync(f => f.ClaimId == claimId);
            Assert.That(fulfilment.Minutes, Is.EqualTo(90));
            Assert.That(fulfilment.PhotoUrls, Is.EqualTo(new[] { "https://img.example.com/1.jpg" }));
        }
        var record = await OkJsonAsync(await volunteer.GetAsync("/api/me/service-record"));
        var entry = record.GetProperty("entries")[0];
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("final").GetBoolean(), Is.False);
            Assert.That(entry.GetProperty("minutes").GetInt32(), Is.EqualTo(90));
            Assert.That(entry.GetProperty("place").GetString(), Is.EqualTo("秦淮区"));
            Assert.That(entry.GetProperty("content").GetString(), Does.Contain(wish.Code).And.Contain("想要一个新书包"));
            Assert.That(record.GetProperty("totalMinutes").GetInt32(), Is.Zero, "provisional until staff confirm");
            Assert.That(record.GetProperty("pendingMinutes").GetInt32(), Is.EqualTo(90));
        });
    }

    [TestCase("", 30, "note")]
    [TestCase("送到了", 0, "minutes")]
    [TestCase("送到了", 24 * 60 + 1, "minutes")]
    public async Task AnIncompleteFulfilmentReportIsAValidationProblem(string note, int minutes, string field)
    {
        var (_, volunteer, claimId) = await ClaimedAsync();

        var problem = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new { note, minutes }), 400);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task TooManyOrBadPhotoUrlsAreRefused()
    {
        var (_, volunteer, claimId) = await ClaimedAsync();

        var tooMany = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment",
            new { note = "送到了", minutes = 30, photoUrls = Enumerable.Range(0, 10).Select(i => $"https://img.example.com/{i}.jpg") }), 400);
        var notALink = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment",
            new { note = "送到了", minutes = 30, photoUrls = new[] { "javascript:alert(1)" } }), 400);

        Assert.That(tooMany.GetProperty("errors").TryGetProperty("photoUrls", out _), Is.True);
        Assert.That(notALink.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "photoUrls[0]" }), "the bad one is named");
    }

    [Test]
    public async Task AnotherVolunteersClaimAnswers403AndAnUnknownOne404()
    {
        var (_, _, claimId) = await ClaimedAsync();
        var stranger = await VolunteerClientAsync();

        foreach (var response in new[]
                 {
                     await stranger.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "x" }),
                     await stranger.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new { note = "送到了", minutes = 30 }),
                     await stranger.GetAsync($"/api/claims/{claimId}"),
                 })
            Assert.That((await OkJsonAsync(response, 403)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimNotYours));
        foreach (var response in new[]
                 {
                     await stranger.PostAsJsonAsync($"/api/claims/{Guid.NewGuid()}/release", new { reason = "x" }),
                     await stranger.PostAsJsonAsync($"/api/claims/{Guid.NewGuid()}/fulfilment", new { note = "送到了", minutes = 30 }),
                     await stranger.GetAsync($"/api/claims/{Guid.NewGuid()}"),
                 })
            Assert.That((await OkJsonAsync(response, 404)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimNotFound));
        Assert.That(await StatusAsync(claimId), Is.EqualTo(ClaimStatus.Active), "the stranger changed nothing");
    }

    [Test]
    public async Task AnEndedClaimCannotBeReleasedOrFulfilledAgain()
    {
        var (_, volunteer, claimId) = await ClaimedAsync();
        await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "没时间" }));

        var again = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "没时间" }), 409);
        var fulfil = await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new { note = "送到了", minutes = 30 }), 409);

        Assert.That(again.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimIllegalTransition));
        Assert.That(fulfil.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimIllegalTransition));
    }

    [Test]
    public async Task MyClaimsListsActiveClaimsFirstWithContactOnlyOnThose()
    {
        var volunteer = await VolunteerClientAsync();
        var ended = await PublishedWishAsync(new WishSpec(BeneficiaryName: "陈已放弃"));
        var active = await PublishedWishAsync(new WishSpec(BeneficiaryName: "林进行中"));
        var endedClaim = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{ended.Id}/claim", null), 201);
        await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{endedClaim.GetProperty("id").GetGuid()}/release", new { }));
        await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{active.Id}/claim", null), 201);

        var list = await OkJsonAsync(await volunteer.GetAsync("/api/me/claims"));

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("wishId").GetGuid()), Is.EqualTo(new[] { active.Id, ended.Id }));
        Assert.That(items[0].GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("林进行中"));
        Assert.That(items[1].GetProperty("beneficiary").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(list.ToString(), Does.Not.Contain("陈已放弃"));
    }

    private async Task<ClaimStatus> StatusAsync(Guid claimId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WishDbContext>().Claims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync();
    }
}

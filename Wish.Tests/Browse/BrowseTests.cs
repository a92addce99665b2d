using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Browse;

public sealed class BrowseTests : MiniProgramTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task OnlyPublishedWishesAreListed()
    {
        var published = await PublishedWishAsync();
        var claimed = await PublishedWishAsync();
        var claimer = await VolunteerClientAsync();
        await OkJsonAsync(await claimer.PostAsync($"/api/wishes/{claimed.Id}/claim", null), 201);
        var withdrawn = await PublishedWishAsync();
        await WithdrawAsync(withdrawn.Id);
        var submittedOnly = await SubmitOnlyAsync();

        var ids = await AllIdsAsync(await VolunteerClientAsync());

        Assert.That(ids, Is.EqualTo(new[] { published.Id }));
        Assert.That(ids, Does.Not.Contain(submittedOnly));
    }

    [Test]
    public async Task TheVolunteersOwnDistrictComesFirstThenUrgencyThenTheMostRecentlyPublished()
    {
        var gulouCritical = await PublishedWishAsync(new WishSpec("gulou", Urgency: Urgency.Critical, PublishedAt: T0));
        var ownNormalOld = await PublishedWishAsync(new WishSpec("xuanwu", PublishedAt: T0));
        var ownUrgent = await PublishedWishAsync(new WishSpec("xuanwu", Urgency: Urgency.Urgent, PublishedAt: T0.AddDays(-3)));
        var gulouNormal = await PublishedWishAsync(new WishSpec("gulou", PublishedAt: T0.AddHours(5)));
        var ownNormalNew = await PublishedWishAsync(new WishSpec("xuanwu", PublishedAt: T0.AddHours(5)));

        var ids = await AllIdsAsync(await VolunteerClientAsync("xuanwu"));

        Assert.That(ids, Is.EqualTo(new[] { ownUrgent.Id, ownNormalNew.Id, ownNormalOld.Id, gulouCritical.Id, gulouNormal.Id }));
    }

    [Test]
    public async Task FiltersNarrowByDistrictCategoryKindAndText()
    {
        var match = await PublishedWishAsync(new WishSpec("qinhuai", "poor_student", "service", Content: "想请人辅导数学功课"));
        await PublishedWishAsync(new WishSpec("qinhuai", "poor_student", "goods", Content: "想要一个数学练习册"));
        await PublishedWishAsync(new WishSpec("qinhuai", "elderly_alone", "service", Content: "想请人辅导数学"));
        await PublishedWishAsync(new WishSpec("gulou", "poor_student", "service", Content: "想请人辅导数学"));
        await PublishedWishAsync(new WishSpec("qinhuai", "poor_student", "service", Content: "想请人辅导英语"));
        var volunteer = await VolunteerClientAsync("gulou");

        var ids = await AllIdsAsync(volunteer, "districtCode=qinhuai&category=poor_student&kind=service&q=数学");

        Assert.That(ids, Is.EqualTo(new[] { match.Id }));
    }

    [Test]
    public async Task TextSearchTreatsLikeWildcardsAsText()
    {
        await PublishedWishAsync(new WishSpec(Content: "想要一个电暖器"));
        var literal = await PublishedWishAsync(new WishSpec(Content: "想要100%纯棉被子"));

        var ids = await AllIdsAsync(await VolunteerClientAsync(), "q=" + Uri.EscapeDataString("0%纯"));
        var none = await AllIdsAsync(await VolunteerClientAsync(), "q=" + Uri.EscapeDataString("%"));

        Assert.That(ids, Is.EqualTo(new[] { literal.Id }));
        Assert.That(none, Is.EqualTo(new[] { literal.Id }), "a bare % matches only text containing %");
    }

    [Test]
    public async Task ListedWishesShowTheVolunteerViewWithAMaskedBeneficiary()
    {
        var wish = await PublishedWishAsync(new WishSpec("gulou", "elderly_alone", "goods", Urgency.Urgent, "想要一个电暖器", "欧阳秀英", "13800001111", "鼓楼区幸福路3号"));
        var volunteer = await VolunteerClientAsync();

        var page = await OkJsonAsync(await volunteer.GetAsync("/api/wishes"));

        var item = page.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("id").GetGuid(), Is.EqualTo(wish.Id));
            Assert.That(item.GetProperty("code").GetString(), Is.EqualTo(wish.Code));
            Assert.That(item.GetProperty("category").GetString(), Is.EqualTo("elderly_alone"));
            Assert.That(item.GetProperty("kind").GetString(), Is.EqualTo("goods"));
            Assert.That(item.GetProperty("urgency").GetString(), Is.EqualTo("urgent"));
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(item.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(120m));
            Assert.That(item.GetProperty("beneficiary").GetProperty("displayName").GetString(), Is.EqualTo("欧阳**"));
            Assert.That(item.GetProperty("beneficiary").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "displayName" }));
            Assert.That(page.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task OneWishCanBeReadWhilePublishedOrTakenButNotBefore()
    {
        var wish = await PublishedWishAsync(new WishSpec(BeneficiaryName: "王秀英"));
        var volunteer = await VolunteerClientAsync();
        var unpublished = await SubmitOnlyAsync();

        var detail = await OkJsonAsync(await volunteer.GetAsync($"/api/wishes/{wish.Id}"));
        var claimer = await VolunteerClientAsync();
        await OkJsonAsync(await claimer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        var taken = await OkJsonAsync(await volunteer.GetAsync($"/api/wishes/{wish.Id}"));

        Assert.That(detail.GetProperty("beneficiary").GetProperty("displayName").GetString(), Is.EqualTo("王**"));
        Assert.That(taken.GetProperty("status").GetString(), Is.EqualTo("claimed"));
        await OkJsonAsync(await volunteer.GetAsync($"/api/wishes/{unpublished}"), 404);
        await OkJsonAsync(await volunteer.GetAsync($"/api/wishes/{Guid.NewGuid()}"), 404);
    }

    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("cursor=AAAA", "cursor")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=51", "limit")]
    [TestCase("category=aliens", "category")]
    [TestCase("kind=money", "kind")]
    [TestCase("districtCode=atlantis", "districtCode")]
    public async Task BadQueryParametersAreValidationProblems(string query, string field)
    {
        var volunteer = await VolunteerClientAsync();
        var problem = await OkJsonAsync(await volunteer.GetAsync("/api/wishes?" + query), 400);

        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task ACursorFromAnotherOrderingIsRefused()
    {
        for (var i = 0; i < 3; i++) await PublishedWishAsync(new WishSpec("gulou"));
        var volunteer = await VolunteerClientAsync("gulou");
        var split = await OkJsonAsync(await volunteer.GetAsync("/api/wishes?limit=1"));

        // The first cursor is from the "own district first" ordering; with a district filter there is only one ordering.
        var response = await volunteer.GetAsync($"/api/wishes?limit=1&districtCode=gulou&cursor={split.GetProperty("nextCursor").GetString()}");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
    }

    private async Task<List<Guid>> AllIdsAsync(HttpClient volunteer, string query = "", int limit = 50)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var url = $"/api/wishes?limit={limit}" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : "&cursor=" + cursor);
            var page = await OkJsonAsync(await volunteer.GetAsync(url));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return ids;
    }

    private async Task WithdrawAsync(Guid wishId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        (await db.Wishes.SingleAsync(w => w.Id == wishId)).Withdraw("不需要了", Actor.Staff(Guid.Empty), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> SubmitOnlyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var n = MiniProgramSeed.Next();
        var submitted = await scope.ServiceProvider.GetRequiredService<WishSubmissionService>().SubmitAsync(
            new WishSubmission(WishChannel.Hotline, new BeneficiaryDetails($"赵待审{n}", $"136{n:D8}"), "other", "goods", "gulou", "想要一把椅子", 50),
            _ => Actor.Staff(Guid.Empty));
        return submitted.Wish.Id;
    }
}

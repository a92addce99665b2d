using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Claims;

public sealed class ClaimRulesTests : MiniProgramTestBase
{
    [Test]
    public async Task ClaimingAPublishedWishAnswers201WithTheBeneficiarysContact()
    {
        var wish = await PublishedWishAsync(new WishSpec(BeneficiaryName: "王秀英", BeneficiaryPhone: "13812345678", BeneficiaryAddress: "鼓楼区幸福路8号"));
        var volunteer = await VolunteerClientAsync();

        var response = await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null);

        var claim = await OkJsonAsync(response, 201);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/claims/{claim.GetProperty("id").GetGuid()}"));
            Assert.That(claim.GetProperty("wishId").GetGuid(), Is.EqualTo(wish.Id));
            Assert.That(claim.GetProperty("wishCode").GetString(), Is.EqualTo(wish.Code));
            Assert.That(claim.GetProperty("status").GetString(), Is.EqualTo("active"));
            Assert.That(claim.GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("王秀英"));
            Assert.That(claim.GetProperty("beneficiary").GetProperty("phone").GetString(), Is.EqualTo("13812345678"));
            Assert.That(claim.GetProperty("beneficiary").GetProperty("address").GetString(), Is.EqualTo("鼓楼区幸福路8号"));
            Assert.That(claim.GetProperty("dueAt").GetDateTimeOffset(), Is.GreaterThan(claim.GetProperty("claimedAt").GetDateTimeOffset().AddDays(6)));
        });
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That((await db.Wishes.SingleAsync(w => w.Id == wish.Id)).Status, Is.EqualTo(WishStatus.Claimed));
    }

    [Test]
    public async Task ClaimingAWishYouAlreadyHoldAnswers200WithTheSameClaim()
    {
        var wish = await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync();
        var first = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);

        var again = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 200);

        Assert.That(again.GetProperty("id").GetGuid(), Is.EqualTo(first.GetProperty("id").GetGuid()));
        Assert.That(again.GetProperty("beneficiary").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
    }

    [Test]
    public async Task SecondVolunteerGets409SayingTheWishWasJustClaimed()
    {
        var wish = await PublishedWishAsync();
        var first = await VolunteerClientAsync();
        await first.PostAsync($"/api/wishes/{wish.Id}/claim", null);
        var second = await VolunteerClientAsync();

        var response = await second.PostAsync($"/api/wishes/{wish.Id}/claim", null);

        var problem = await OkJsonAsync(response, 409);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("这个心愿刚刚被其他志愿者认领了"));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.WishAlreadyClaimed));
    }

    [Test]
    public async Task IncompleteProfileCannotClaim()
    {
        var wish = await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync(complete: false);

        var problem = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.VolunteerProfileIncomplete));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("完善"));
    }

    [Test]
    public async Task AFourthActiveClaimIsRefused()
    {
        var volunteer = await VolunteerClientAsync();
        for (var i = 0; i < WishRules.Default.MaxActiveClaimsPerVolunteer; i++)
            await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{(await PublishedWishAsync()).Id}/claim", null), 201);
        var extra = await PublishedWishAsync();

        var problem = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{extra.Id}/claim", null), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimLimitReached));
        // The refused claim left the wish free for someone else, Redis lock included.
        var next = await VolunteerClientAsync();
        await OkJsonAsync(await next.PostAsync($"/api/wishes/{extra.Id}/claim", null), 201);
    }

    [Test]
    public async Task TheActiveClaimLimitHoldsWhenOneVolunteerClaimsManyWishesAtOnce()
    {
        var volunteer = await VolunteerAsync();
        var client = VolunteerClient(volunteer);
        var wishes = new List<PublishedWish>();
        for (var i = 0; i < 8; i++) wishes.Add(await PublishedWishAsync());

        var responses = await Task.WhenAll(wishes.Select(w => client.PostAsync($"/api/wishes/{w.Id}/claim", null)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 201), Is.EqualTo(WishRules.Default.MaxActiveClaimsPerVolunteer), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == 422), Is.EqualTo(8 - WishRules.Default.MaxActiveClaimsPerVolunteer));
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That(await db.Claims.CountAsync(c => c.VolunteerId == volunteer && c.Status == ClaimStatus.Active),
            Is.EqualTo(WishRules.Default.MaxActiveClaimsPerVolunteer));
    }

    [Test]
    public async Task AWishThatIsNotPublishedCannotBeClaimed()
    {
        var wish = await PublishedWishAsync();
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            var stored = await db.Wishes.SingleAsync(w => w.Id == wish.Id);
            stored.Withdraw("受助人已不需要", Actor.Staff(Guid.Empty), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var volunteer = await VolunteerClientAsync();

        var problem = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.WishNotPublished));
    }

    [Test]
    public async Task ClaimingAnUnknownWishAnswers404()
    {
        var volunteer = await VolunteerClientAsync();

        var response = await volunteer.PostAsync($"/api/wishes/{Guid.NewGuid()}/claim", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await JsonAsync(response)).GetProperty("title").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task ClaimingWithoutATokenAnswers401()
    {
        var wish = await PublishedWishAsync();

        var response = await Client.PostAsync($"/api/wishes/{wish.Id}/claim", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}

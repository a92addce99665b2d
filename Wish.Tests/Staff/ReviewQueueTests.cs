using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>The review queue's filters and paging, and a coordinator's view forced to their district.</summary>
public sealed class ReviewQueueTests : ApiTestBase
{
    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    private async Task<HttpClient> ClientAsync(StaffRole role, string? district = null) => Api.CreateStaffClient(await _world.StaffAsync(role, district));

    private static IEnumerable<string?> Codes(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString());

    [Test]
    public async Task FiltersAndPagesNarrowTheQueue()
    {
        var first = await _world.SubmittedAsync("gulou");
        var expensive = await _world.SubmittedAsync(submission: StaffWorld.Hotline(cost: 300m));
        var verified = await _world.VerifiedAsync("qixia");
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var flagged = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes?flagged=true");
        var submitted = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/wishes?status=submitted&round={first.Round}&districtCode=gulou&category=elderly_alone&channel=hotline");
        var ofVerified = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes?status=verified");
        var page2 = await reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes?page=2&pageSize=2");

        Assert.That(Codes(flagged), Is.EqualTo(new[] { expensive.Code }));
        Assert.That(Codes(submitted), Is.EqualTo(new[] { first.Code, expensive.Code }));
        Assert.That(Codes(ofVerified), Is.EqualTo(new[] { verified.Code }));
        Assert.That(page2.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(Codes(page2), Is.EqualTo(new[] { verified.Code }));
        var item = flagged.GetProperty("items")[0];
        Assert.That(item.GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("王秀英"));
        Assert.That(item.GetProperty("flags")[0].GetString(), Is.EqualTo("over_soft_cost_limit"));
        Assert.That(item.GetProperty("category").GetString(), Is.EqualTo("elderly_alone"));
    }

    [TestCase("status=pending")]
    [TestCase("round=2026")]
    [TestCase("category=vip")]
    [TestCase("channel=fax")]
    [TestCase("pageSize=1000")]
    [TestCase("status=1")]
    public async Task AWrongFilterIsA400WithAChineseMessage(string query)
    {
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        using var response = await reviewer.GetAsync("/api/admin/wishes?" + query);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()),
            Has.Some.Match(@"\p{IsCJKUnifiedIdeographs}"));
    }

    [Test]
    public async Task ACoordinatorsQueueIsForcedToTheirDistrict()
    {
        var gulou = await _world.SubmittedAsync("gulou");
        await _world.SubmittedAsync("qixia");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");

        var own = await coordinator.GetFromJsonAsync<JsonElement>("/api/admin/wishes");
        using var other = await coordinator.GetAsync("/api/admin/wishes?districtCode=qixia");

        Assert.That(Codes(own), Is.EqualTo(new[] { gulou.Code }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain("负责的区"));
    }

    [Test]
    public async Task ACoordinatorCannotEnterAWishForAnotherDistrict()
    {
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");

        using var response = await coordinator.PostAsJsonAsync("/api/admin/wishes", new
        {
            channel = "visit", beneficiary = new { name = "孙大妈", phone = StaffWorld.NextPhone() }, category = "elderly_alone", kind = "service",
            districtCode = "qixia", content = "希望有人帮忙打扫卫生", estimatedCost = 50,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task OfflineEntryUsesTheIntakeValidationAndOnlyHotlineOrVisit()
    {
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        using var response = await reviewer.PostAsJsonAsync("/api/admin/wishes", new
        {
            channel = "wechat", beneficiary = new { name = "", phone = "12345" }, category = "vip", kind = "goods",
            districtCode = "atlantis", content = "好", estimatedCost = 900,
        });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(errors, Is.SupersetOf(new[] { "channel", "beneficiary.name", "beneficiary.phone", "category", "districtCode", "content", "estimatedCost" }));
    }
}

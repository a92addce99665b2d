using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Offers;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>
/// Lanzhou's wish wall in the console (DESIGN.md §12): staff publish an offer made over WeChat, record a resident's request
/// made at the station, and credit the offering volunteer's minutes for it; a muddled offer is turned down with a reason.
/// </summary>
public sealed class OfferJourneyTests : ConsoleTestBase
{
    private Task<Guid> OfferAsync(string openId, string what, Guid? volunteerId, string? name) => World.WithDbAsync(async db =>
    {
        var offer = ServiceOffer.Submit(openId, volunteerId, name, what, "周末上午", "gulou", districtKnown: true, DateTimeOffset.UtcNow);
        db.ServiceOffers().Add(offer);
        await db.SaveChangesAsync();
        return offer.Id;
    });

    [Test]
    public async Task StaffPublishAnOfferRecordAResidentsRequestAndCreditTheOfferingVolunteer()
    {
        var offerer = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "张建国");
        var openId = await World.WithDbAsync(db => db.Volunteers.Where(v => v.Id == offerer).Select(v => v.OpenId).SingleAsync());
        var offerId = await OfferAsync(openId, "修自行车、修小家电", offerer, "张建国");
        await OfferAsync("o_wall_resident", "随便", null, null);
        await SignInAsAdminAsync();
        await GoAsync("offers");

        var offers = Page.GetByTestId("offers");
        await Expect(offers).ToContainTextAsync("修自行车、修小家电");
        await Expect(offers).ToContainTextAsync("热心居民（未注册志愿者）");
        await offers.Locator("tr", new() { HasTextString = "随便" }).GetByTestId("open-offer").ClickAsync();
        await Page.GetByTestId("reject-offer").ClickAsync();
        await Expect(Page.GetByText("请填写不通过的原因")).ToBeVisibleAsync();
        await Page.GetByLabel("不通过的原因").FillAsync("没有写清能提供什么服务");
        await Page.GetByTestId("reject-offer").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已不通过");
        await Expect(Page.GetByTestId("offer-detail")).ToContainTextAsync("未通过：没有写清能提供什么服务");
        await Expect(offers).Not.ToContainTextAsync("修自行车");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "待审核" }).ClickAsync();
        await Expect(offers).Not.ToContainTextAsync("随便");

        await offers.Locator("tr", new() { HasTextString = "修自行车" }).GetByTestId("open-offer").ClickAsync();
        await Page.GetByTestId("publish-offer").ClickAsync();
        var detail = Page.GetByTestId("offer-detail");
        await Expect(detail).ToContainTextAsync("已发布");
        await Expect(detail).ToContainTextAsync("心愿墙上显示为“张**”");

        await Page.GetByTestId("record-resident").ClickAsync();
        await Expect(Page.GetByText("请填写居民姓名")).ToBeVisibleAsync();
        await Page.GetByLabel("居民姓名").FillAsync("李桂兰");
        await Page.GetByLabel("怎样联系（电话或住址）").FillAsync("电话 13800001111，下午在家");
        await Page.GetByTestId("record-resident").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已为李桂兰登记预约");
        var matches = detail.GetByTestId("matches");
        await Expect(matches).ToContainTextAsync("李桂兰（居民，工作人员代登记）");
        await Expect(matches).ToContainTextAsync("下午在家");
        await ScreenshotAsync("offers");

        await matches.GetByLabel("分钟").FillAsync("90");
        await matches.GetByTestId("credit").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已给张建国记服务时长 90 分钟");
        await Expect(matches.GetByTestId("credited")).ToContainTextAsync("已记 90 分钟");

        var entry = await World.WithDbAsync(db => db.ServiceRecordEntries.AsNoTracking().SingleAsync(e => e.VolunteerId == offerer));
        Assert.That((entry.Minutes, entry.IsFinal), Is.EqualTo((90, true)));
        var stored = await World.WithDbAsync(db => db.OfferMatches().AsNoTracking().SingleAsync(m => m.OfferId == offerId));
        Assert.That(stored.ResidentName, Is.EqualTo("李桂兰"));
    }
}

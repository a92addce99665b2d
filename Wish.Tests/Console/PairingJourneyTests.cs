using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff pair a volunteer with a beneficiary in the console, record a visit and hand the pairing on; overdue pairings lead the list.</summary>
public sealed class PairingJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task StaffCreateAPairingRecordAVisitAndHandItOnWhileTheOverdueOneLeadsTheList()
    {
        var late = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "陈大姐");
        var first = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "刘志愿");
        var next = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "赵接力");
        var overdueWish = await World.SubmittedAsync();
        var wish = await World.SubmittedAsync();
        await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var beneficiary = await db.Beneficiaries.FirstAsync(b => b.Id == overdueWish.BeneficiaryId);
            db.Add(Pairing.Create(beneficiary, PairingHolder.Volunteer(late), DateOnly.FromDateTime(now.AddHours(8).AddDays(-20).DateTime), null, 7,
                "代买药品", null, Actor.System("test"), now, TimeSpan.FromHours(8)));
            return await db.SaveChangesAsync();
        });
        await SignInAsAdminAsync();
        await GoAsync("pairings");
        var rows = Page.GetByTestId("pairings").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("逾期");
        await Expect(rows.First).ToContainTextAsync("陈大姐");

        await Page.GetByTestId("new-pairing").ClickAsync();
        await Page.GetByLabel("受助人的心愿编号").FillAsync(wish.Code);
        await Page.GetByLabel("帮扶内容").FillAsync("陪伴聊天、打扫卫生");
        await Page.GetByLabel("结对志愿者（姓名或电话）").FillAsync("刘志愿");
        await Page.GetByTestId("create-find").ClickAsync();
        await Page.GetByTestId("create-candidate").First.ClickAsync();
        await Expect(Page.GetByTestId("create-chosen")).ToContainTextAsync("刘志愿");
        await Page.GetByTestId("create-pairing").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已创建结对");
        var detail = Page.GetByTestId("pairing-detail");
        await Expect(detail).ToContainTextAsync("刘志愿");

        await Page.GetByLabel("做了什么").FillAsync("陪老人聊天，打扫了厨房");
        await Page.GetByTestId("record-visit").ClickAsync();
        await Expect(detail.GetByTestId("visits")).ToContainTextAsync("陪老人聊天，打扫了厨房");
        await Expect(detail.GetByTestId("visits")).ToContainTextAsync("已确认");

        await Page.GetByTestId("hand-on-open").ClickAsync();
        await Page.GetByLabel("接力志愿者（姓名或电话）").FillAsync("赵接力");
        await Page.GetByTestId("hand-on-find").ClickAsync();
        await Page.GetByTestId("hand-on-candidate").First.ClickAsync();
        await Page.GetByLabel("接力原因").FillAsync("刘志愿外出务工");
        await Page.GetByTestId("hand-on").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已接力");
        await Expect(detail.GetByTestId("handovers")).ToContainTextAsync("赵接力");
        await Expect(detail.GetByTestId("visits")).ToContainTextAsync("刘志愿");
        await ScreenshotAsync("pairings");

        var handover = await World.WithDbAsync(db => db.Set<PairingHandover>().AsNoTracking().SingleAsync());
        Assert.That((handover.FromVolunteerId, handover.ToVolunteerId), Is.EqualTo(((Guid?)first, (Guid?)next)));
        var visit = await World.WithDbAsync(db => db.Set<PairingVisit>().AsNoTracking().SingleAsync());
        Assert.That(visit.VolunteerId, Is.EqualTo(first), "the visit stays with whoever made it");
    }
}

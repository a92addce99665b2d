using Microsoft.EntityFrameworkCore;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff commend a volunteer from the volunteer's page; the points reach the love bank the passbook shows.</summary>
public sealed class CommendationJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task StaffAwardACommendationAndItsPointsShowInThePassbook()
    {
        var volunteer = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "周表彰");
        await SignInAsAdminAsync();
        await GoAsync($"volunteers/{volunteer}");
        var panel = Page.GetByTestId("commendation-panel");
        await panel.GetByTestId("award-commendation").ClickAsync(); // actions wait up to the context's 20 s
        await Expect(panel.GetByText("请填写表彰名称")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.That(await World.WithDbAsync(db => db.Commendations.CountAsync()), Is.Zero);

        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        await panel.GetByLabel("表彰名称").FillAsync("优秀志愿者");
        await panel.GetByLabel("年度").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await panel.GetByLabel("表彰事迹").FillAsync("常年为社区独居老人义务理发、代购药品");
        await panel.GetByLabel("奖励积分").FillAsync("50");
        await panel.GetByTestId("award-commendation").ClickAsync();

        var result = Page.GetByTestId("commendation-result");
        await Expect(result).ToContainTextAsync($"已授予 {year} 年度「优秀志愿者」", new() { Timeout = 20_000 });
        await Expect(result).ToContainTextAsync("爱心积分余额 50");
        // The volunteer's record shows it at once: the commendation, and the love-bank balance as the page's 积分.
        await Expect(Page.GetByTestId("volunteer-commendations")).ToContainTextAsync("「优秀志愿者」（积分 50）：常年为社区独居老人义务理发", new() { Timeout = 20_000 });
        await Expect(Page.GetByTestId("passbook")).ToContainTextAsync("积分 50");
        await Expect(Page.GetByTestId("volunteer-trainings")).ToContainTextAsync("没有有效的培训证书");
        await Expect(Page.GetByTestId("volunteer-ratings")).ToContainTextAsync("还没有评价");
        await ScreenshotAsync("volunteer-commendation");
        var commendation = await World.WithDbAsync(db => db.Commendations.SingleAsync());
        Assert.That((commendation.VolunteerId, commendation.Title, commendation.Year, commendation.Points), Is.EqualTo((volunteer, "优秀志愿者", year, 50)));

        await Page.GetByTestId("love-bank-passbook").ClickAsync();
        await Expect(Page.GetByTestId("passbook-totals")).ToContainTextAsync("爱心积分余额 50", new() { Timeout = 20_000 });
        await Expect(Page.GetByTestId("ledger")).ToContainTextAsync("表彰奖励");
        await Expect(Page.GetByTestId("printable-passbook")).ToContainTextAsync("优秀志愿者");
        await ScreenshotAsync("passbook-commendation");
    }
}

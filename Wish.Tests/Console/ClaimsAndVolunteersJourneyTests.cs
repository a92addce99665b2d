using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

public sealed class ClaimsAndVolunteersJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task AReviewerRevokesAnOverdueClaimWithAReasonAndTheWishIsPublishedAgain()
    {
        var onTime = await World.ClaimedAsync();
        var late = await World.ClaimedAsync();
        await World.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Claims" SET "DueAt" = now() - interval '2 days' WHERE "Id" = {late.ClaimId}"""));
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);

        await GoAsync("claims");
        var rows = Page.GetByTestId("claims-active").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync(late.Code);
        await Expect(rows.First).ToContainTextAsync("已逾期");
        await ScreenshotAsync("claims");

        await rows.First.GetByTestId("revoke").ClickAsync();
        await Page.GetByTestId("confirm-revoke").ClickAsync();
        await Expect(Page.GetByTestId("claim-action")).ToContainTextAsync("请填写原因");
        await Page.GetByLabel("原因（会告知志愿者）").FillAsync("志愿者三次联系不上");
        await Page.GetByTestId("confirm-revoke").ClickAsync();

        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(onTime.Code);
        var status = await World.WithDbAsync(db => db.Wishes.Where(w => w.Id == late.Id).Select(w => w.Status).SingleAsync());
        Assert.That(status, Is.EqualTo(WishStatus.Published));
    }

    [Test]
    public async Task AFollowUpRecordedFromTheConsoleConfirmsTheWishAndMakesTheHoursFinal()
    {
        var fulfilled = await World.FulfilledAsync(minutes: 120);
        await SignInAsAdminAsync();

        await GoAsync("claims");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "待回访（已实现）" }).ClickAsync();
        var row = Page.GetByTestId("claims-fulfilled").Locator("tbody tr").First;
        await Expect(row).ToContainTextAsync(fulfilled.Code);
        await row.GetByTestId("follow-up").ClickAsync();
        await Page.GetByLabel("上门回访").CheckAsync();
        await Page.GetByLabel("回访记录").FillAsync("老人收到电暖器，很满意");
        await Page.GetByTestId("confirm-follow-up").ClickAsync();
        await Expect(row).ToContainTextAsync("已回访确认");

        await GoAsync("volunteers");
        var volunteer = Page.GetByTestId("volunteers").Locator("tbody tr").First;
        await Expect(volunteer).ToContainTextAsync("李雷");
        await Expect(volunteer).ToContainTextAsync("2 小时");
        await ScreenshotAsync("volunteers");
        await volunteer.GetByRole(AriaRole.Link, new() { Name = "李雷" }).ClickAsync();
        await Expect(Page.GetByTestId("passbook")).ToContainTextAsync("已确认服务 2 小时");
        await Expect(Page.GetByTestId("passbook")).ToContainTextAsync("已确认");
        await ScreenshotAsync("volunteer-passbook");
        var status = await World.WithDbAsync(db => db.Wishes.Where(w => w.Id == fulfilled.Id).Select(w => w.Status).SingleAsync());
        Assert.That(status, Is.EqualTo(WishStatus.Confirmed));
    }

    [Test]
    public async Task ACoordinatorsVolunteerListHoldsTheirDistrictOnly()
    {
        await World.ClaimedAsync("gulou");
        var qixia = await World.ClaimedAsync("qixia");
        await World.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Volunteers" SET "Name" = '韩梅梅' WHERE "Id" = {qixia.VolunteerId}"""));
        await World.CreateStaffAsync("gulou-lead", StaffRole.DistrictCoordinator, "gulou");
        await SignInAsync("gulou-lead", StaffWorld.StaffPassword);

        await GoAsync("volunteers");
        var rows = Page.GetByTestId("volunteers").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("李雷");
        await Expect(Page.GetByTestId("volunteers")).Not.ToContainTextAsync("韩梅梅");

        await GoAsync($"volunteers/{qixia.VolunteerId}");
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("该记录不属于您负责的区");
        await Expect(Page).ToHaveURLAsync(new Regex($"/console/volunteers/{qixia.VolunteerId}$"));
    }
}

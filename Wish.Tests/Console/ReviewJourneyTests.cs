using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>The review queue, a wish's page and the rounds page as reviewers and coordinators use them.</summary>
public sealed class ReviewJourneyTests : ConsoleTestBase
{
    private ILocator Tab(string name) => Page.Locator(".mud-tab", new() { HasTextString = name });

    private ILocator Row(string code) => Page.GetByTestId("wishes").Locator("tr", new() { HasTextString = code });

    private ILocator InputControl(string name) => Page.Locator($".mud-input-control:has([name={name}])");

    private Task<int> ViewedLinesAsync() => World.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == StaffAudit.BeneficiaryViewed));

    private async Task SignInAsReviewerAsync()
    {
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);
    }

    [Test]
    public async Task AReviewerVerifiesAFlaggedWishWithAnOverrideReasonAndPublishesTheRound()
    {
        var flagged = await World.SubmittedAsync(submission: StaffWorld.Hotline(cost: 300m));
        await World.VerifiedAsync("qixia");
        await SignInAsReviewerAsync();

        await GoAsync("wishes");
        await Expect(Row(flagged.Code)).ToContainTextAsync("王**");
        await Expect(Row(flagged.Code)).ToContainTextAsync("超出费用提示线");
        await Expect(Tab("待审核")).ToContainTextAsync("待审核 1");
        await Expect(Tab("已审核")).ToContainTextAsync("已审核 1");
        await ScreenshotAsync("review-queue");

        await Row(flagged.Code).GetByTestId("open-wish").ClickAsync();
        await Expect(Page.GetByTestId("wish-fields")).ToContainTextAsync("超出费用提示线");
        await Expect(Page.GetByTestId("beneficiary-name")).ToContainTextAsync("王**");
        await ScreenshotAsync("wish-detail");

        await Page.GetByTestId("verify").ClickAsync();
        await Expect(InputControl("overrideReason")).ToContainTextAsync("审核通过需要填写特批理由");
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("待审核");

        await Page.Locator("[name=overrideReason]").FillAsync("老人冬季取暖确有需要，经社区核实");
        await Page.GetByTestId("verify").ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("已审核");
        await Expect(Page.GetByTestId("wish-fields")).ToContainTextAsync("老人冬季取暖确有需要");

        await GoAsync("rounds");
        var round = Page.GetByTestId("round-" + flagged.Round);
        await Expect(round.GetByTestId("count-verified")).ToContainTextAsync("2");
        await ScreenshotAsync("rounds");
        await round.GetByTestId("publish-now").ClickAsync();
        await Expect(round.GetByTestId("count-published")).ToContainTextAsync("2");
        await Expect(round.GetByTestId("count-verified")).ToContainTextAsync("0");

        await GoAsync($"wishes/{flagged.Id}");
        await Expect(Page.GetByTestId("status")).ToHaveTextAsync("已发布");
        var stored = await World.WithDbAsync(db => db.Wishes.SingleAsync(w => w.Id == flagged.Id));
        Assert.That(stored.Status, Is.EqualTo(WishStatus.Published));
        Assert.That(stored.OverrideReason, Is.EqualTo("老人冬季取暖确有需要，经社区核实"));
    }

    [Test]
    public async Task ADistrictCoordinatorNeverSeesAnotherDistrictsWish()
    {
        var own = await World.SubmittedAsync("gulou");
        var other = await World.SubmittedAsync("qixia");
        await World.CreateStaffAsync("gulou1", StaffRole.DistrictCoordinator, "gulou");
        await SignInAsync("gulou1", StaffWorld.StaffPassword);

        await GoAsync("wishes");
        await Expect(Row(own.Code)).ToBeVisibleAsync();
        await Expect(Tab("待审核")).ToContainTextAsync("待审核 1");
        await Expect(Tab("全部")).ToContainTextAsync("全部 1");
        await Expect(Page.GetByTestId("wishes")).Not.ToContainTextAsync(other.Code);
        await Expect(Page.GetByLabel("区", new() { Exact = true })).ToHaveCountAsync(0);

        await Page.Locator("[name=q]").FillAsync(other.Code);
        await Page.GetByTestId("search").ClickAsync();
        await Expect(Page.GetByTestId("wishes")).ToContainTextAsync("没有符合条件的心愿");

        await GoAsync($"wishes/{other.Id}");
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("该记录不属于您负责的区，无权操作。");
        await Expect(Page.GetByTestId("wish-fields")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task RevealingABeneficiaryShowsTheFullNameAndWritesOneAuditLine()
    {
        var wish = await World.SubmittedAsync();
        await SignInAsReviewerAsync();

        await GoAsync("wishes");
        await Row(wish.Code).GetByTestId("open-wish").ClickAsync();
        await Expect(Page.GetByTestId("beneficiary-name")).ToContainTextAsync("王**");
        Assert.That(await ViewedLinesAsync(), Is.Zero, "the list and the masked detail show no one in full");

        await Page.GetByTestId("reveal").ClickAsync();
        await Expect(Page.GetByTestId("beneficiary-name")).ToContainTextAsync("王秀英");
        await Expect(Page.GetByTestId("beneficiary")).ToContainTextAsync("某街道1号");
        await Expect(Page.GetByTestId("reveal-recorded")).ToContainTextAsync("记入操作日志");

        var lines = await World.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == StaffAudit.BeneficiaryViewed).ToListAsync());
        Assert.That(lines.Select(l => l.EntityId), Is.EqualTo(new[] { wish.BeneficiaryId.ToString() }));
    }

    [Test]
    public async Task BulkVerifyDoesTheCleanWishesAndReportsTheFlaggedOneAsNotDone()
    {
        var first = await World.SubmittedAsync();
        var second = await World.SubmittedAsync();
        var flagged = await World.SubmittedAsync(submission: StaffWorld.Hotline(cost: 300m));
        await SignInAsReviewerAsync();

        await GoAsync("wishes");
        foreach (var code in new[] { first.Code, second.Code, flagged.Code })
            await Row(code).Locator("input[type=checkbox]").CheckAsync(new() { Force = true });
        await Expect(Page.GetByTestId("bulk-count")).ToContainTextAsync("已选 3 个心愿");
        await Page.GetByTestId("bulk-verify").ClickAsync();

        await Expect(Page.GetByTestId("bulk-result")).ToContainTextAsync("已完成 2 个");
        await Expect(Page.GetByTestId("bulk-failed")).ToContainTextAsync(flagged.Code);
        await Expect(Page.GetByTestId("bulk-failed")).ToContainTextAsync("特批理由");
        await Expect(Tab("待审核")).ToContainTextAsync("待审核 1");
        var statuses = await World.WithDbAsync(db => db.Wishes.ToDictionaryAsync(w => w.Id, w => w.Status));
        Assert.That(new[] { statuses[first.Id], statuses[second.Id], statuses[flagged.Id] },
            Is.EqualTo(new[] { WishStatus.Verified, WishStatus.Verified, WishStatus.Submitted }));
    }

    [Test]
    public async Task APublicationScheduledOnTheRoundsPageCanBeCancelled()
    {
        var wish = await World.VerifiedAsync();
        await SignInAsReviewerAsync();
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        await GoAsync("rounds");
        var round = Page.GetByTestId("round-" + wish.Round);
        await round.Locator("[data-testid=schedule-date] input, input[data-testid=schedule-date]").First.FillAsync(tomorrow);
        await round.Locator("[data-testid=schedule-date] input, input[data-testid=schedule-date]").First.PressAsync("Tab");
        await round.GetByTestId("schedule").ClickAsync();
        await Expect(round.GetByTestId("publications")).ToContainTextAsync(tomorrow + " 09:00");
        await Expect(round.GetByTestId("publications")).ToContainTextAsync("待发布");

        await round.GetByTestId("cancel-publication").ClickAsync();
        await Expect(round.GetByTestId("publications")).ToContainTextAsync("已取消");
        var schedule = await World.WithDbAsync(db => db.ScheduledPublications.SingleAsync());
        Assert.That(schedule.Status, Is.EqualTo(WeChatWish.Api.Staff.Rounds.ScheduledPublicationStatus.Cancelled));
        Assert.That(await World.WithDbAsync(db => db.Wishes.Where(w => w.Id == wish.Id).Select(w => w.Status).SingleAsync()), Is.EqualTo(WishStatus.Verified));
    }
}

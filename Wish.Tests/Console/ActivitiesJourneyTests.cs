using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WeChatWish.Api.Activities;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff run an activity from the console: create with shifts, publish, show the venue's code, confirm attendance; rewards; the passbook.</summary>
public sealed class ActivitiesJourneyTests : ConsoleTestBase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // The first look after opening a page waits as long as actions do: on a busy two-core machine a page's first API answer
    // has taken longer than the assertions' 5 s.
    private static readonly LocatorAssertionsToHaveCountOptions Loaded = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToHaveTextOptions Says = new() { Timeout = 20_000 };

    private async Task PickAsync(string label, string option)
    {
        await Page.GetByLabel(label).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A published gulou activity whose one shift runs from <paramref name="startsIn"/> for two hours, with sign-ups of the given volunteers.</summary>
    private Task<Activity> SeedAsync(TimeSpan startsIn, params Guid[] volunteers) => World.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var starts = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) + startsIn;
        var activity = Activity.Create(new NewActivity("敬老院义务理发", "为老人理发、修剪指甲", ServiceKind.CommunityHelp, "gulou", "鼓楼区福寿敬老院", null,
            [new NewShift(starts, starts.AddHours(2), 10)], null), Actor.System("test"), starts.AddDays(-2));
        activity.Publish(starts.AddDays(-1));
        db.Activities.Add(activity);
        foreach (var v in volunteers) db.SignUps.Add(activity.Shifts[0].Take(v, starts.AddDays(-1)));
        await db.SaveChangesAsync();
        return activity;
    });

    [Test]
    public async Task StaffCreateAnActivityWithTwoShiftsPublishItAndSeeItListed()
    {
        await SignInAsAdminAsync();
        await GoAsync("activities/new");
        await Page.GetByTestId("save-activity").ClickAsync();
        await Expect(Page.GetByTestId("problem")).ToBeVisibleAsync(Shown);
        Assert.That(await World.WithDbAsync(db => db.Activities.CountAsync()), Is.Zero);

        var day = DateTimeOffset.UtcNow.AddDays(3).ToOffset(China).Date;
        await Page.GetByLabel("活动名称").FillAsync("社区环境清洁日");
        await Page.GetByLabel("活动内容").FillAsync("清理小区绿化带垃圾，宣传垃圾分类");
        await PickAsync("服务类别", "环保服务");
        await PickAsync("所在区", "鼓楼区");
        await Page.GetByLabel("活动地点").FillAsync("鼓楼区幸福小区");
        var rows = Page.GetByTestId("shift-row");
        await rows.Nth(0).GetByLabel("开始").FillAsync(day.ToString("yyyy-MM-dd") + "T09:00");
        await rows.Nth(0).GetByLabel("结束").FillAsync(day.ToString("yyyy-MM-dd") + "T11:00");
        await Page.GetByTestId("add-shift").ClickAsync();
        await rows.Nth(1).GetByLabel("开始").FillAsync(day.ToString("yyyy-MM-dd") + "T14:00");
        await rows.Nth(1).GetByLabel("结束").FillAsync(day.ToString("yyyy-MM-dd") + "T16:00");
        await rows.Nth(1).GetByLabel("名额").FillAsync("6");
        await Page.GetByTestId("save-activity").ClickAsync();

        await Expect(Page.GetByTestId("activity-status")).ToHaveTextAsync("草稿", Says);
        await Page.GetByTestId("publish").ClickAsync();
        await Expect(Page.GetByTestId("activity-status")).ToHaveTextAsync("已发布");
        await Expect(Page.GetByTestId("shifts").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("shifts")).ToContainTextAsync(day.ToString("yyyy-MM-dd") + " 14:00");
        await ScreenshotAsync("activity-detail");
        var activity = await World.WithDbAsync(db => db.Activities.Include(a => a.Shifts).SingleAsync());
        Assert.That(activity.Shifts.Select(s => (s.StartsAt.ToOffset(China).Hour, s.Capacity)).OrderBy(s => s.Hour), Is.EqualTo(new[] { (9, 10), (14, 6) }));

        await GoAsync("activities");
        await Expect(Page.GetByTestId("activities").Locator("tbody tr")).ToHaveCountAsync(1, Loaded);
        await Expect(Page.GetByTestId("activities")).ToContainTextAsync("社区环境清洁日");
        await Expect(Page.GetByTestId("activities")).ToContainTextAsync("0/16");
        await ScreenshotAsync("activities");
    }

    [Test]
    public async Task CancellingAnActivityAsksForTheReasonTheVolunteersWillRead()
    {
        var volunteer = await MiniProgramSeed.VolunteerAsync(Host.Services);
        var activity = await SeedAsync(TimeSpan.FromDays(2), volunteer);
        await SignInAsAdminAsync();

        await GoAsync($"activities/{activity.Id}");
        await Page.GetByTestId("cancel-activity").ClickAsync(); // actions wait up to the context's 20 s
        await Page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(Page.GetByTestId("cancel-panel")).ToContainTextAsync("请填写取消原因");
        await Page.GetByLabel("取消原因（会告知报名的志愿者）").FillAsync("台风预警，活动取消");
        await Page.GetByTestId("confirm-cancel").ClickAsync();

        await Expect(Page.GetByTestId("activity-status")).ToHaveTextAsync("已取消");
        var signUp = await World.WithDbAsync(db => db.SignUps.SingleAsync());
        Assert.That(signUp.Status, Is.EqualTo(SignUpStatus.Cancelled));
    }

    [Test]
    public async Task TheVenueScreenShowsAGenuineRotatingCodeForTheShift()
    {
        var activity = await SeedAsync(TimeSpan.FromMinutes(-60));
        await SignInAsAdminAsync();

        await GoAsync($"activities/shifts/{activity.Shifts[0].Id}/qr");

        var image = Page.GetByTestId("qr-image");
        await Expect(image).ToBeVisibleAsync(Shown);
        await Expect(Page.GetByTestId("qr-screen")).ToContainTextAsync("敬老院义务理发");
        var token = await image.GetAttributeAsync("data-token");
        var tokens = Host.Services.GetRequiredService<CheckInTokens>();
        Assert.That(tokens.Verify(token!, DateTimeOffset.UtcNow), Is.EqualTo(activity.Shifts[0].Id), "the code on screen checks in to this shift");
        Assert.That(await image.EvaluateAsync<int>("i => i.naturalWidth"), Is.GreaterThan(100), "a drawn QR image, not a broken one");
        await ScreenshotAsync("checkin-qr");
    }

    [Test]
    public async Task TheOrganiserConfirmsAttendanceWithACorrectionAndTheHoursReachThePassbook()
    {
        var (present, forgot, absent) = (await MiniProgramSeed.VolunteerAsync(Host.Services, name: "王志愿"),
            await MiniProgramSeed.VolunteerAsync(Host.Services, name: "李忘扫"), await MiniProgramSeed.VolunteerAsync(Host.Services, name: "赵缺席"));
        var activity = await SeedAsync(TimeSpan.FromHours(-3), present, forgot, absent);
        var shift = activity.Shifts[0];
        await World.WithDbAsync(async db =>
        {
            var signUp = await db.SignUps.SingleAsync(s => s.VolunteerId == present);
            signUp.Scan(shift, ActivityRules.Default, shift.StartsAt.AddMinutes(-10));
            signUp.Scan(shift, ActivityRules.Default, shift.StartsAt.AddMinutes(90));
            return await db.SaveChangesAsync();
        });
        await SignInAsAdminAsync();

        await GoAsync($"activities/shifts/{shift.Id}/attendance");
        var rows = Page.GetByTestId("roster-row");
        await Expect(rows).ToHaveCountAsync(3, Loaded);
        var forgotRow = rows.Filter(new() { HasText = "李忘扫" });
        await forgotRow.GetByLabel("确认时长").FillAsync("120");
        await Page.GetByTestId("confirm-attendance").ClickAsync();
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("写明原因");
        await forgotRow.GetByLabel("原因或备注").FillAsync("手机没电，组织者现场见证");
        await Page.GetByTestId("confirm-attendance").ClickAsync();

        await Expect(Page.GetByTestId("attendance-result")).ToContainTextAsync("出勤 2 人，缺席 1 人，更正 1 人");
        await Expect(rows.Filter(new() { HasText = "赵缺席" })).ToContainTextAsync("缺席");
        await Expect(rows.Filter(new() { HasText = "王志愿" })).ToContainTextAsync("已记入 90 分钟");
        await ScreenshotAsync("attendance");
        var minutes = await World.WithDbAsync(db => db.ServiceRecordEntries.Where(e => e.IsFinal).OrderBy(e => e.Minutes).Select(e => e.Minutes).ToListAsync());
        Assert.That(minutes, Is.EqualTo(new[] { 90, 120 }));

        await GoAsync($"volunteers/{forgot}/passbook");
        await Expect(Page.GetByTestId("passbook-totals")).ToContainTextAsync("累计服务 2 小时", new() { Timeout = 20_000 });
        await Expect(Page.GetByTestId("passbook-totals")).ToContainTextAsync("爱心积分余额 12");
        await Expect(Page.GetByTestId("ledger")).ToContainTextAsync("服务积分");
        await Expect(Page.GetByTestId("printable-passbook")).ToContainTextAsync("admin");
        await ScreenshotAsync("passbook-print");
    }

    [Test]
    public async Task AnAdminAddsARewardAndACounterHandsOutARedemptionByItsCode()
    {
        var volunteer = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "陈积分");
        await SignInAsAdminAsync();
        await GoAsync("rewards");
        await Page.GetByLabel("名称").FillAsync("爱心超市购物券");
        await Page.GetByLabel("合作单位").FillAsync("鼓楼慈善超市");
        await Page.GetByLabel("所需积分").FillAsync("20");
        await Page.GetByLabel("库存（空为不限）").FillAsync("3");
        await Page.GetByTestId("create-reward").ClickAsync();
        await Expect(Page.GetByTestId("rewards")).ToContainTextAsync("爱心超市购物券", new() { Timeout = 20_000 });
        await Expect(Page.GetByTestId("rewards")).ToContainTextAsync("3/3");

        var rewardId = await World.WithDbAsync(db => db.Rewards.Select(r => r.Id).SingleAsync());
        using (var admin = Host.CreateStaffClient(await World.AdminAsync()))
            (await admin.PostAsJsonAsync($"/api/admin/volunteers/{volunteer}/points", new { points = 30, reason = "活动奖励" })).EnsureSuccessStatusCode();
        string code;
        using (var mini = Host.CreateVolunteerClient(volunteer))
            code = (await (await mini.PostAsync($"/api/rewards/{rewardId}/redeem", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
                .GetProperty("code").GetString()!;

        await GoAsync("rewards");
        await Page.GetByLabel("兑换码").FillAsync(code.ToLowerInvariant());
        await Page.GetByTestId("search-redemptions").ClickAsync();
        var row = Page.GetByTestId("redemption-row");
        await Expect(row).ToHaveCountAsync(1, Loaded);
        await Expect(row).ToContainTextAsync("陈积分");
        await Expect(row).ToContainTextAsync("待领取");
        await ScreenshotAsync("rewards");
        await row.GetByTestId("collect").ClickAsync();
        await Expect(row).ToContainTextAsync("已领取");
        await Expect(Page.GetByTestId("rewards")).ToContainTextAsync("2/3");
        var status = await World.WithDbAsync(db => db.Redemptions.Select(r => r.Status).SingleAsync());
        Assert.That(status, Is.EqualTo(RedemptionStatus.Collected));
    }
}

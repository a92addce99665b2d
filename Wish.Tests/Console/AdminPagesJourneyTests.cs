using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

public sealed class AdminPagesJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task AnAdminCreatesACoordinatorWhoSeesNoAdminPagesAndIsThenDeactivated()
    {
        await SignInAsAdminAsync();
        await GoAsync("staff");
        await Page.GetByLabel("用户名").Last.FillAsync("qixia.lead");
        await Page.GetByLabel("初始密码").FillAsync("short");
        await Page.GetByTestId("create-staff").ClickAsync();
        await Expect(Page.GetByText("密码至少10个字符").First).ToBeVisibleAsync();

        await Page.GetByLabel("初始密码").FillAsync("Qixia-Lead-2026");
        await Page.GetByTestId("new-role").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "区协调员" }).ClickAsync();
        await Page.GetByLabel("所在区").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "栖霞区" }).ClickAsync();
        await Page.GetByTestId("create-staff").ClickAsync();
        var row = Page.GetByTestId("staff-accounts").Locator("tbody tr", new() { HasText = "qixia.lead" });
        await Expect(row).ToContainTextAsync("区协调员");
        await Expect(row).ToContainTextAsync("栖霞区");
        await ScreenshotAsync("staff-accounts");

        await Page.GetByTestId("sign-out").ClickAsync();
        await SignInAsync("qixia.lead", "Qixia-Lead-2026");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "审核队列" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "操作日志" })).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "工作人员" })).ToHaveCountAsync(0);
        await Page.GetByTestId("sign-out").ClickAsync();

        await SignInAsAdminAsync();
        await GoAsync("staff");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(row).ToContainTextAsync("已停用");
        var active = await World.WithDbAsync(db => db.StaffUsers.Where(u => u.UserName == "qixia.lead").Select(u => u.IsActive).SingleAsync());
        Assert.That(active, Is.False);
    }

    [Test]
    public async Task TheAuditLogFiltersByActionAndShowsWhoDidWhatInChinese()
    {
        var reviewer = await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);
        await Page.GetByTestId("sign-out").ClickAsync();
        await SignInAsAdminAsync();

        await GoAsync("audit");
        await Page.GetByLabel("操作（前缀，如 wish.）").FillAsync("staff.signed_in");
        await Page.GetByTestId("search").ClickAsync();
        var rows = Page.GetByTestId("audit").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("reviewer1");
        await Expect(rows.Nth(1)).ToContainTextAsync("登录");
        await Expect(rows.First).ToContainTextAsync("admin");
        await ScreenshotAsync("audit-log");
        Assert.That(reviewer.UserName, Is.EqualTo("reviewer1"));
    }

    [Test]
    public async Task ChangingOwnPasswordKeepsTheSessionAndTheNewPasswordSignsIn()
    {
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);
        await GoAsync("password");
        await Page.GetByLabel("当前密码").FillAsync("not-my-password-1");
        await Page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Reviewer-New-2026");
        await Page.GetByLabel("再输入一次新密码").FillAsync("Reviewer-New-2026");
        await Page.GetByTestId("change-password").ClickAsync();
        await Expect(Page.GetByText("当前密码不正确").First).ToBeVisibleAsync();

        await Page.GetByLabel("当前密码").FillAsync(StaffWorld.StaffPassword);
        await Page.GetByTestId("change-password").ClickAsync();
        await Expect(Page.GetByText("密码已修改")).ToBeVisibleAsync();
        await GoAsync("claims");
        await Expect(Page.GetByTestId("claims-active")).ToBeVisibleAsync();
        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("login"));

        await Page.GetByTestId("sign-out").ClickAsync();
        await SignInAsync("reviewer1", "Reviewer-New-2026");
    }

    [Test]
    public async Task ErasingAPersonSaysWhatIsKeptFirstAndThenWithdrawsTheirWaitingWish()
    {
        var wish = await World.SubmittedAsync();
        await SignInAsAdminAsync();
        await GoAsync("erasure");
        await Page.GetByLabel("心愿编号（如 W202612-0042）").FillAsync(wish.Code);
        await Page.GetByTestId("find").ClickAsync();
        await Expect(Page.GetByTestId("erasure-target")).ToContainTextAsync("王**");
        await Expect(Page.GetByTestId("erasure-explained")).ToContainTextAsync("统计数字不变");
        await Expect(Page.GetByTestId("erase")).ToBeDisabledAsync();
        await ScreenshotAsync("erasure");

        await Page.GetByTestId("confirm-check").ClickAsync();
        await Page.GetByTestId("erase").ClickAsync();
        await Expect(Page.GetByTestId("erasure-result")).ToContainTextAsync(wish.Code);
        var (erased, status) = await World.WithDbAsync(async db => (
            await db.Beneficiaries.Where(b => b.Id == wish.BeneficiaryId).Select(b => b.ErasedAt != null).SingleAsync(),
            await db.Wishes.Where(w => w.Id == wish.Id).Select(w => w.Status).SingleAsync()));
        Assert.That(erased, Is.True);
        Assert.That(status, Is.EqualTo(WishStatus.Withdrawn));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>The entitlement counter: each person is one line of typing (work number, optionally Tab and a count, Enter).</summary>
public sealed class EntitlementCounterJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task ARedemptionTakesOneLineOfKeyboardEntryAndTheRefusalSaysWhatIsLeft()
    {
        var programme = await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var p = EntitlementProgramme.Create("环卫工人免费洗衣", "日照爱心超市", "件", 2, 4, new DateOnly(2026, 1, 1), null, Actor.System("test"), now);
            db.AddRange(p, EntitlementPerson.Create(p, "张师傅", "HW001", null, "一班", now), EntitlementPerson.Create(p, "李阿姨", "HW002", null, "二班", now));
            await db.SaveChangesAsync();
            return p.Id;
        });
        // Counter staff need no admin rights: a district coordinator serves at the counter.
        await World.CreateStaffAsync("counter1", StaffRole.DistrictCoordinator, "qixia");
        await SignInAsync("counter1", StaffWorld.StaffPassword);

        await GoAsync("entitlements");
        await Page.GetByTestId("open-counter").ClickAsync();
        var workNumber = Page.GetByLabel("工号 / 卡片码");
        await Expect(workNumber).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("hw001\n");
        await Expect(Page.GetByTestId("accepted")).ToContainTextAsync("张师傅（HW001）1 件。本周还可 1 件，本月还可 3 件");
        await Expect(workNumber).ToHaveValueAsync("");
        await Expect(workNumber).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("HW002");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("2\n");
        await Expect(Page.GetByTestId("accepted")).ToContainTextAsync("李阿姨（HW002）2 件。本周还可 0 件，本月还可 2 件");
        await Expect(workNumber).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("HW002\n");
        await Expect(Page.GetByTestId("refused")).ToContainTextAsync("本周还可0件，本月还可2件");
        await Expect(Page.GetByTestId("accepted")).ToHaveCountAsync(0);
        await Expect(workNumber).ToBeFocusedAsync();
        await Expect(Page.GetByTestId("session-log").Locator("tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync("entitlement-counter");

        var items = await World.WithDbAsync(db => db.Set<EntitlementRedemption>().Where(r => r.ProgrammeId == programme).SumAsync(r => r.Items));
        Assert.That(items, Is.EqualTo(3));
    }

    [Test]
    public async Task AnAdminCreatesAProgrammeAndImportsItsRosterNamingTheBadRows()
    {
        await SignInAsAdminAsync();
        await GoAsync("entitlements");
        await Page.GetByText("新建权益项目").ClickAsync();
        await Page.GetByLabel("项目名称").FillAsync("环卫工人免费洗衣");
        await Page.GetByLabel("服务提供方").FillAsync("日照爱心超市");
        await Page.GetByTestId("create-programme").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已创建“环卫工人免费洗衣”");
        var row = Page.GetByTestId("entitlements").Locator("tbody tr").First;
        await Expect(row).ToContainTextAsync("每周 1 件，每月 4 件");

        await ChooseFileAsync(System.Text.Encoding.UTF8.GetBytes("姓名,工号,电话,班组\r\n张师傅,HW001,,一班\r\n李阿姨,HW001,,二班\r\n"));
        await Expect(Page.GetByTestId("row-errors")).ToContainTextAsync("第 3 行");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("0");

        await ChooseFileAsync(System.Text.Encoding.UTF8.GetBytes("姓名,工号,电话,班组\r\n张师傅,HW001,,一班\r\n李阿姨,HW002,,二班\r\n"));
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("名单已导入 2 人");
        await Expect(Page.GetByTestId("row-errors")).ToHaveCountAsync(0);
        await row.GetByTestId("report-open").ClickAsync();
        await Expect(Page.GetByTestId("report")).ToContainTextAsync("名单 2 人，已服务 0 人，共 0 件，未使用 8 件");
        await ScreenshotAsync("entitlements");
        var people = await World.WithDbAsync(db => db.Set<EntitlementPerson>().CountAsync());
        Assert.That(people, Is.EqualTo(2));
    }

    // MudFileUpload adds a fresh input after each choice; the last one is the one that listens.
    private Task ChooseFileAsync(byte[] content) =>
        Page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "名单.csv", MimeType = "text/csv", Buffer = content });
}

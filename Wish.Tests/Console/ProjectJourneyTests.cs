using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff run a project of the project library in the console: propose it for a team, approve, start, keep its roster, close it with an evaluation.</summary>
public sealed class ProjectJourneyTests : ConsoleTestBase
{
    private ILocator Row(string name) => Page.GetByTestId("projects").Locator("tr", new() { HasTextString = name });

    private async Task PickAsync(string label, string option)
    {
        await Page.GetByLabel(label).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    [Test]
    public async Task AnAdminProposesApprovesStartsAndClosesAProjectWithItsRosterAndActivities()
    {
        var team = await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var center = Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", Actor.System("test"), now);
            var station = Organisation.Create("幸福街道志愿服务站", OrganisationLevel.Station, center, "gulou", Actor.System("test"), now);
            var team = Organisation.Create("助老服务队", OrganisationLevel.Team, station, "gulou", Actor.System("test"), now);
            db.AddRange(center, station, team);
            await db.SaveChangesAsync();
            return team;
        });
        var wang = await World.SubmittedAsync(submission: StaffWorld.Hotline(name: "王秀英", phone: "13912345678"));
        var li = await World.SubmittedAsync(submission: StaffWorld.Hotline(name: "李桂兰"));
        await SignInAsAdminAsync();
        await GoAsync("projects");
        await Expect(Page.GetByTestId("projects")).ToContainTextAsync("这里还没有项目");

        await Page.GetByTestId("new-project").ClickAsync();
        await Page.GetByTestId("create-project").ClickAsync();
        await Expect(Page.GetByText("请填写项目名称")).ToBeVisibleAsync();
        await Page.GetByLabel("项目名称").FillAsync("助老理发");
        await PickAsync("承接队伍", "助老服务队（志愿服务队）");
        await Page.GetByLabel("频次说明（可选）").FillAsync("每月第一个周六上午");
        await Page.GetByLabel("服务需求").FillAsync("独居老人出门理发难");
        await Page.GetByLabel("服务地点").FillAsync("幸福社区服务中心");
        await Page.GetByLabel("服务内容").FillAsync("集中理发、修剪指甲，行动不便的上门服务");
        await Page.GetByTestId("create-project").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已提交项目“助老理发”");
        await Expect(Row("助老理发")).ToContainTextAsync("每月（每月第一个周六上午）");
        var detail = Page.GetByTestId("project-detail");
        await Expect(detail.GetByTestId("project-status")).ToHaveTextAsync("待审核");
        await Expect(detail.GetByTestId("project-activities")).ToContainTextAsync("项目批准后才能安排活动");

        await detail.GetByTestId("approve-project").ClickAsync();
        await Expect(detail.GetByTestId("project-status")).ToHaveTextAsync("已批准");
        var project = await World.WithDbAsync(db => db.Set<Project>().AsNoTracking().SingleAsync());
        Assert.That((project.OrganisationId, project.Frequency, project.Status), Is.EqualTo((team.Id, ProjectFrequency.Monthly, ProjectStatus.Approved)));
        await World.WithDbAsync(async db =>
        {
            var starts = DateTimeOffset.UtcNow.AddDays(3);
            db.Add(Activity.Create(new NewActivity("一月集中理发", "为老人理发", ServiceKind.CommunityHelp, "gulou", "幸福社区服务中心", null,
                [new NewShift(starts, starts.AddHours(3), 6)], null), Actor.System("test"), DateTimeOffset.UtcNow, project));
            await db.SaveChangesAsync();
            return 0;
        });
        await detail.GetByTestId("start-project").ClickAsync();
        await Expect(detail.GetByTestId("project-status")).ToHaveTextAsync("实施中");
        await Expect(detail.GetByTestId("project-activities")).ToContainTextAsync("一月集中理发");
        await detail.GetByTestId("new-project-activity").ClickAsync();
        await Expect(Page.GetByTestId("activity-project")).ToContainTextAsync("属于项目“助老理发”（助老服务队）");
        await Expect(Page.GetByLabel("活动地点")).ToHaveValueAsync("幸福社区服务中心");
        await GoAsync("projects");
        await Row("助老理发").GetByTestId("open-project").ClickAsync();
        await Expect(detail.GetByTestId("project-status")).ToHaveTextAsync("实施中");

        foreach (var code in new[] { wang.Code, li.Code })
        {
            await Page.GetByLabel("心愿编号（如 W202612-0001）").FillAsync(code);
            await detail.GetByTestId("add-beneficiary").ClickAsync();
            await Expect(Page.GetByTestId("notice")).ToContainTextAsync("已加入名单");
        }
        var roster = detail.GetByTestId("roster");
        await Expect(roster).ToContainTextAsync("王**");
        await Expect(roster).ToContainTextAsync("139****5678");
        await Expect(roster).Not.ToContainTextAsync("王秀英");
        await Expect(roster.Locator("tbody tr")).ToHaveCountAsync(2);
        await roster.Locator("tr", new() { HasTextString = "李**" }).GetByTestId("remove-beneficiary").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("李** 已移出名单");
        await Expect(roster.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(Row("助老理发")).ToContainTextAsync("实施中");
        // A full-page picture taken while scrolled draws the fixed app bar across the middle of the page.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync("projects");

        await detail.GetByTestId("close-project").ClickAsync();
        await Expect(Page.GetByText("结项前请填写项目评估")).ToBeVisibleAsync();
        await Page.GetByLabel("项目评估").FillAsync("一年服务老人120人次，老人满意");
        await detail.GetByTestId("rating").Locator(".mud-rating-item").Nth(3).ClickAsync();
        await detail.GetByTestId("close-project").ClickAsync();
        await Expect(detail.GetByTestId("project-status")).ToHaveTextAsync("已结项");
        await Expect(detail.GetByTestId("evaluation")).ToContainTextAsync("一年服务老人120人次");

        var closed = await World.WithDbAsync(db => db.Set<Project>().AsNoTracking().Include(p => p.Roster).SingleAsync());
        Assert.That((closed.Status, closed.Rating, closed.Roster.Count, closed.Roster.Count(r => r.RemovedAt is null)),
            Is.EqualTo((ProjectStatus.Closed, (int?)4, 2, 1)));
        await Page.GetByRole(AriaRole.Tab, new() { Name = "待审核" }).ClickAsync();
        await Expect(Page.GetByTestId("projects")).ToContainTextAsync("这里还没有项目");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "已结项" }).ClickAsync();
        await Expect(Row("助老理发")).ToBeVisibleAsync();
    }
}

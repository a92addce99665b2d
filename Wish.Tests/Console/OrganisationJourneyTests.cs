using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Tests.Infrastructure;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff build the organisation tree in the console, appoint a leader and approve an application made to a team under it.</summary>
public sealed class OrganisationJourneyTests : ConsoleTestBase
{
    private ILocator Row(string name) => Page.GetByTestId("organisations").Locator("tr", new() { HasTextString = name });

    private async Task PickAsync(string label, string option)
    {
        await Page.GetByLabel(label).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private async Task CreateAsync(string name, string level, string? parent)
    {
        await Page.GetByLabel("组织名称").FillAsync(name);
        await PickAsync("层级", level);
        if (parent is not null) await PickAsync("上级组织", parent);
        await Page.GetByTestId("create-organisation").ClickAsync();
        await Expect(Row(name)).ToBeVisibleAsync();
    }

    [Test]
    public async Task AnAdminBuildsAStationAndTeamAppointsALeaderAndApprovesAnApplication()
    {
        var leader = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "周站长");
        var applicant = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "吴小妹");
        await SignInAsAdminAsync();
        await GoAsync("organisations");
        await Expect(Page.GetByTestId("organisations")).ToContainTextAsync("还没有志愿组织");

        await Page.GetByTestId("new-organisation").ClickAsync();
        await Page.GetByTestId("create-organisation").ClickAsync();
        await Expect(Page.GetByText("请填写组织名称")).ToBeVisibleAsync();
        await CreateAsync("鼓楼区志愿者中心", "志愿者中心", null);
        await CreateAsync("幸福街道志愿服务站", "志愿服务站", "鼓楼区志愿者中心（志愿者中心）");
        await CreateAsync("助老服务队", "志愿服务队", "幸福街道志愿服务站（志愿服务站）");
        var team = await World.WithDbAsync(db => db.Set<Organisation>().SingleAsync(o => o.Name == "助老服务队"));
        Assert.That(team.Level, Is.EqualTo(OrganisationLevel.Team));
        await World.WithDbAsync(async db =>
        {
            db.Add(OrganisationMembership.Apply(team.Id, applicant, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return 0;
        });

        await Row("幸福街道志愿服务站").GetByTestId("open-organisation").ClickAsync();
        var detail = Page.GetByTestId("organisation-detail");
        await Expect(detail.GetByTestId("figure-organisations")).ToContainTextAsync("2");
        await Expect(detail.GetByTestId("figure-pending")).ToContainTextAsync("1");
        await Page.GetByLabel("找志愿者（姓名或手机号）").FillAsync("周站长");
        await Page.GetByTestId("find-volunteer").ClickAsync();
        await Page.GetByTestId("appoint").ClickAsync();
        await Expect(detail.GetByTestId("leaders")).ToContainTextAsync("周站长");
        await Expect(Row("幸福街道志愿服务站")).ToContainTextAsync("周站长");

        var members = detail.GetByTestId("members");
        await Expect(members).ToContainTextAsync("吴小妹");
        await Expect(members).ToContainTextAsync("助老服务队");
        await Expect(members).ToContainTextAsync("待审核");
        await ScreenshotAsync("organisations");
        await members.Locator("tr", new() { HasTextString = "吴小妹" }).GetByTestId("approve").ClickAsync();
        await Expect(Page.GetByTestId("notice")).ToContainTextAsync("吴小妹 加入“助老服务队”的申请已通过");
        await Expect(members.Locator("tr", new() { HasTextString = "吴小妹" })).ToContainTextAsync("已通过");
        await Expect(detail.GetByTestId("figure-members")).ToContainTextAsync("2");

        // The approved member leads nothing, but the station's new leader claims a wish for the station (多对一): it shows under the station.
        var wish = await MiniProgramSeed.PublishedWishAsync(Host.Services);
        using (var leaderClient = Host.CreateVolunteerClient(leader))
        {
            var station = await World.WithDbAsync(db => db.Set<Organisation>().Where(o => o.Name == "幸福街道志愿服务站").Select(o => o.Id).SingleAsync());
            var claimed = await leaderClient.PostAsJsonAsync($"/api/wishes/{wish.Id}/claim", new { organisationId = station });
            Assert.That((int)claimed.StatusCode, Is.EqualTo(201), await claimed.Content.ReadAsStringAsync());
        }
        await Row("幸福街道志愿服务站").GetByTestId("open-organisation").ClickAsync();
        var claims = detail.GetByTestId("team-claims");
        await Expect(claims).ToContainTextAsync(wish.Code);
        await Expect(claims).ToContainTextAsync("周站长");
        await Expect(claims).ToContainTextAsync("进行中");

        var stored = await World.WithDbAsync(db => db.Set<OrganisationMembership>().AsNoTracking().OrderBy(m => m.AppliedAt).ToListAsync());
        Assert.That(stored.Select(m => (m.VolunteerId, m.Status, m.IsLeader)),
            Is.EquivalentTo(new[] { (applicant, MembershipStatus.Approved, false), (leader, MembershipStatus.Approved, true) }));
    }

    [Test]
    public async Task ACoordinatorSeesOnlyTheirDistrictsOrganisations()
    {
        await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.AddRange(Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", Actor.System("test"), now),
                Organisation.Create("栖霞区志愿者中心", OrganisationLevel.Center, null, "qixia", Actor.System("test"), now));
            await db.SaveChangesAsync();
            return 0;
        });
        await World.CreateStaffAsync("qixia1", StaffRole.DistrictCoordinator, "qixia");
        await SignInAsync("qixia1", StaffWorld.StaffPassword);

        await GoAsync("organisations");
        await Expect(Row("栖霞区志愿者中心")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("organisations")).Not.ToContainTextAsync("鼓楼区志愿者中心");
        await Expect(Page.GetByTestId("organisations").Locator("tbody tr")).ToHaveCountAsync(1);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Activities;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Organisations;

/// <summary>
/// The organisation tree over HTTP (DESIGN.md §10): staff build it and appoint leaders, volunteers apply, a leader approves and
/// reads the members and figures of their subtree and of nothing else, and an activity reserved for a team takes its members only.
/// </summary>
public sealed class OrganisationTests : ActivityTestBase
{
    private sealed record Tree(Guid Center, Guid Station, Guid TeamA, Guid TeamB, Guid GroupA);

    private static async Task<Guid> CreateAsync(HttpClient staff, string name, string level, Guid? parentId, string district = "gulou") =>
        (await OkJsonAsync(await staff.PostAsJsonAsync("/api/admin/organisations", new { name, level, parentId, districtCode = district }), 201))
        .GetProperty("id").GetGuid();

    /// <summary>鼓楼区志愿者中心 → 幸福街道志愿服务站 → 助老服务队 (with 理发小组) and 助学服务队.</summary>
    private static async Task<Tree> TreeAsync(HttpClient admin)
    {
        var center = await CreateAsync(admin, "鼓楼区志愿者中心", "center", null);
        var station = await CreateAsync(admin, "幸福街道志愿服务站", "station", center);
        var teamA = await CreateAsync(admin, "助老服务队", "team", station);
        var teamB = await CreateAsync(admin, "助学服务队", "team", station);
        var groupA = await CreateAsync(admin, "理发小组", "group", teamA);
        return new Tree(center, station, teamA, teamB, groupA);
    }

    private static async Task AppointAsync(HttpClient admin, Guid organisation, Guid volunteer) =>
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{organisation}/leaders", new { volunteerId = volunteer }));

    private static async Task JoinAsync(HttpClient volunteer, Guid organisation) =>
        Assert.That((await OkJsonAsync(await volunteer.PostAsync($"/api/organisations/{organisation}/join", null), 201))
            .GetProperty("status").GetString(), Is.EqualTo("pending"));

    private static IEnumerable<Guid> MemberIds(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("volunteerId").GetGuid());

    [Test]
    public async Task StaffBuildTheTreeAndEachLevelSitsBelowItsParent()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);

        var teamUnderTeam = await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "另一个队", level = "team", parentId = tree.TeamA, districtCode = "gulou" });
        Assert.That((await OkJsonAsync(teamUnderTeam, 422)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationLevelOrder));
        var orphanStation = await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "无上级的站", level = "station", districtCode = "gulou" });
        Assert.That((await OkJsonAsync(orphanStation, 422)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationParentRequired));
        var unknownParent = await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "x", level = "team", parentId = Guid.NewGuid(), districtCode = "gulou" });
        Assert.That((await OkJsonAsync(unknownParent, 404)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationNotFound));
        var bad = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "", level = "club", districtCode = "atlantis" }), 400);
        Assert.That(bad.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "name", "level", "districtCode" }));
        // Found by the JSON fuzzer: a missing level or district must be a field error, not a server error.
        var missing = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "只有名称" }), 400);
        Assert.That(missing.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "level", "districtCode" }));

        // The list reads as the tree: each parent before its children.
        var list = await OkJsonAsync(await admin.GetAsync("/api/admin/organisations?districtCode=gulou"));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "鼓楼区志愿者中心", "幸福街道志愿服务站", "助老服务队", "理发小组", "助学服务队" }).Or
                .EqualTo(new[] { "鼓楼区志愿者中心", "幸福街道志愿服务站", "助学服务队", "助老服务队", "理发小组" }));
        var station = await OkJsonAsync(await admin.GetAsync($"/api/admin/organisations/{tree.Station}"));
        Assert.That((station.GetProperty("level").GetString(), station.GetProperty("children").GetInt32(), station.GetProperty("parentId").GetGuid()),
            Is.EqualTo(("station", 2, tree.Center)));
    }

    [Test]
    public async Task AVolunteerAppliesAndALeaderAboveTheirTeamApproves()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var leaderId = await VolunteerAsync(name: "站长老李");
        await AppointAsync(admin, tree.Station, leaderId);
        var leader = VolunteerClient(leaderId);
        var applicantId = await VolunteerAsync(name: "小张");
        var applicant = VolunteerClient(applicantId);

        await JoinAsync(applicant, tree.GroupA);
        var again = await applicant.PostAsync($"/api/organisations/{tree.GroupA}/join", null);
        Assert.That((await OkJsonAsync(again, 409)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationAlreadyMember));

        var pending = await OkJsonAsync(await leader.GetAsync($"/api/organisations/{tree.Station}/members?status=pending"));
        Assert.That(MemberIds(pending), Is.EqualTo(new[] { applicantId }));
        Assert.That(pending.GetProperty("items")[0].GetProperty("organisationName").GetString(), Is.EqualTo("理发小组"));

        var approved = await OkJsonAsync(await leader.PostAsync($"/api/organisations/{tree.GroupA}/members/{applicantId}/approve", null));
        Assert.That(approved.GetProperty("status").GetString(), Is.EqualTo("approved"));
        var twice = await leader.PostAsync($"/api/organisations/{tree.GroupA}/members/{applicantId}/approve", null);
        Assert.That((await OkJsonAsync(twice, 409)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationNotPending));

        var mine = await OkJsonAsync(await applicant.GetAsync("/api/me/organisations"));
        Assert.That(mine.EnumerateArray().Select(m => (m.GetProperty("name").GetString(), m.GetProperty("status").GetString(), m.GetProperty("isLeader").GetBoolean())),
            Is.EqualTo(new[] { ("理发小组", "approved", false) }));
        var leads = await OkJsonAsync(await leader.GetAsync("/api/me/organisations"));
        Assert.That(leads[0].GetProperty("isLeader").GetBoolean(), Is.True);

        var audit = await WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "organisation.member_approved").Select(a => a.Actor).ToListAsync());
        Assert.That(audit, Is.EqualTo(new[] { Actor.Volunteer(leaderId) }));
    }

    [Test]
    public async Task ALeaderOfOneTeamNeverSeesOrActsOnAnotherTeam()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var leaderAId = await VolunteerAsync(name: "队长甲");
        await AppointAsync(admin, tree.TeamA, leaderAId);
        var leaderA = VolunteerClient(leaderAId);
        var inA = await VolunteerAsync(name: "甲队员");
        var inB = await VolunteerAsync(name: "乙队员");
        await JoinAsync(VolunteerClient(inA), tree.TeamA);
        await JoinAsync(VolunteerClient(inB), tree.TeamB);
        var memberOnly = VolunteerClient(inA);

        var own = await OkJsonAsync(await leaderA.GetAsync($"/api/organisations/{tree.TeamA}/members"));
        Assert.That(MemberIds(own), Is.EquivalentTo(new[] { leaderAId, inA }));
        Assert.That(MemberIds(own), Does.Not.Contain(inB));

        // Exactly what each caller gets on each leader route of team B: only staff (of gulou) and leaders above B may act.
        var otherCoordinator = Host.CreateStaffClient(await World.CreateStaffAsync("qixia-coord", StaffRole.DistrictCoordinator, "qixia"));
        var ownCoordinator = Host.CreateStaffClient(await World.CreateStaffAsync("gulou-coord", StaffRole.DistrictCoordinator, "gulou"));
        var callers = new Dictionary<string, HttpClient>
        {
            ["leader of A"] = leaderA, ["member of A"] = memberOnly, ["qixia coordinator"] = otherCoordinator,
            ["gulou coordinator"] = ownCoordinator,
        };
        var answers = new List<string>();
        foreach (var (who, client) in callers)
        {
            answers.Add($"{who} members {(int)(await client.GetAsync($"/api/organisations/{tree.TeamB}/members")).StatusCode}");
            answers.Add($"{who} stats {(int)(await client.GetAsync($"/api/organisations/{tree.TeamB}/stats")).StatusCode}");
        }
        answers.Add($"leader of A approve {(int)(await leaderA.PostAsync($"/api/organisations/{tree.TeamB}/members/{inB}/approve", null)).StatusCode}");
        answers.Add($"member of A approve {(int)(await memberOnly.PostAsync($"/api/organisations/{tree.TeamA}/members/{inA}/approve", null)).StatusCode}");
        answers.Add($"qixia coordinator approve {(int)(await otherCoordinator.PostAsync($"/api/organisations/{tree.TeamB}/members/{inB}/approve", null)).StatusCode}");
        answers.Add($"gulou coordinator approve {(int)(await ownCoordinator.PostAsync($"/api/organisations/{tree.TeamB}/members/{inB}/approve", null)).StatusCode}");

        Assert.That(answers, Is.EqualTo(new[]
        {
            "leader of A members 403", "leader of A stats 403", "member of A members 403", "member of A stats 403",
            "qixia coordinator members 403", "qixia coordinator stats 403", "gulou coordinator members 200", "gulou coordinator stats 200",
            "leader of A approve 403", "member of A approve 403", "qixia coordinator approve 403", "gulou coordinator approve 200",
        }));
        var refused = await OkJsonAsync(await leaderA.GetAsync($"/api/organisations/{tree.TeamB}/members"), 403);
        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationNotLeader));
        otherCoordinator.Dispose();
        ownCoordinator.Dispose();
    }

    [Test]
    public async Task AStationsFiguresCountItsWholeSubtreeOnce()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var both = await VolunteerAsync(name: "两队都在");
        var one = await VolunteerAsync(name: "只在甲队");
        var waiting = await VolunteerAsync(name: "还在等");
        foreach (var (volunteer, node) in new[] { (both, tree.TeamA), (both, tree.TeamB), (one, tree.GroupA), (waiting, tree.TeamB) })
            await JoinAsync(VolunteerClient(volunteer), node);
        foreach (var (volunteer, node) in new[] { (both, tree.TeamA), (both, tree.TeamB), (one, tree.GroupA) })
            await OkJsonAsync(await admin.PostAsync($"/api/organisations/{node}/members/{volunteer}/approve", null));
        await WithDbAsync(async db =>
        {
            db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(both, Start, "幸福社区", "陪老人聊天", 90, "组织者"));
            await db.SaveChangesAsync();
            return 0;
        });

        var stats = await OkJsonAsync(await admin.GetAsync($"/api/organisations/{tree.Station}/stats"));
        Assert.That((stats.GetProperty("organisations").GetInt32(), stats.GetProperty("members").GetInt32(), stats.GetProperty("pending").GetInt32(),
            stats.GetProperty("totalMinutes").GetInt32()), Is.EqualTo((4, 2, 1, 90)));
        var team = await OkJsonAsync(await admin.GetAsync($"/api/organisations/{tree.TeamB}/stats"));
        Assert.That((team.GetProperty("organisations").GetInt32(), team.GetProperty("members").GetInt32(), team.GetProperty("pending").GetInt32()),
            Is.EqualTo((1, 1, 1)));

        var listed = await OkJsonAsync(await admin.GetAsync($"/api/admin/volunteers?organisationId={tree.TeamA}"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { both, one }));
    }

    [Test]
    public async Task AnActivityForATeamTakesItsMembersAndTheirGroupsOnly()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var unknown = await admin.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "队内活动", content = "x", serviceKind = "health_care", districtCode = "gulou", place = "p",
            requirements = new { organisationId = Guid.NewGuid() }, shifts = new[] { ShiftBody(Start.AddDays(1), 2, 5) },
        });
        Assert.That((await OkJsonAsync(unknown, 404)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationNotFound));

        var activity = await PublishedActivityAsync(admin, requirements: new { organisationId = tree.TeamA });
        var shift = ShiftId(activity);
        var inGroup = await VolunteerAsync(name: "组员");
        var applied = await VolunteerAsync(name: "才申请");
        var outsider = await VolunteerAsync(name: "外人");
        await JoinAsync(VolunteerClient(inGroup), tree.GroupA);
        await OkJsonAsync(await admin.PostAsync($"/api/organisations/{tree.GroupA}/members/{inGroup}/approve", null));
        await JoinAsync(VolunteerClient(applied), tree.TeamA);

        Assert.That((await OkJsonAsync(await VolunteerClient(inGroup).PostAsync($"/api/activities/shifts/{shift}/signup", null), 201))
            .GetProperty("status").GetString(), Is.EqualTo("confirmed"));
        foreach (var volunteer in new[] { applied, outsider })
        {
            var refused = await OkJsonAsync(await VolunteerClient(volunteer).PostAsync($"/api/activities/shifts/{shift}/signup", null), 422);
            Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityOrganisationRequired));
        }
    }

    [Test]
    public async Task AReviewerReadsTheTreeButCannotSetItUp()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        using var reviewer = Host.CreateStaffClient(await World.CreateStaffAsync("reviewer-org", StaffRole.Reviewer));
        var volunteer = await VolunteerAsync();

        await OkJsonAsync(await reviewer.GetAsync($"/api/admin/organisations/{tree.Center}"));
        var refused = await reviewer.PostAsJsonAsync($"/api/admin/organisations/{tree.TeamA}/leaders", new { volunteerId = volunteer });
        Assert.That((await OkJsonAsync(refused, 403)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationSetUpNotAllowed));
        var missing = await admin.PostAsJsonAsync($"/api/admin/organisations/{tree.TeamA}/leaders", new { volunteerId = Guid.NewGuid() });
        Assert.That((await OkJsonAsync(missing, 404)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.VolunteerNotFound));
    }
}

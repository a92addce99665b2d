using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Activities;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Projects;

/// <summary>
/// The project library over HTTP (DESIGN.md §10): staff run a project from proposal to its evaluation and keep its roster; a
/// team's leaders see their subtree's projects and propose for their own team only; a coordinator sees their district's.
/// </summary>
public sealed class ProjectApiTests : ActivityTestBase
{
    private sealed record Tree(Guid Center, Guid Station, Guid TeamA, Guid TeamB);

    private static async Task<Guid> OrganisationAsync(HttpClient staff, string name, string level, Guid? parentId, string district = "gulou") =>
        (await OkJsonAsync(await staff.PostAsJsonAsync("/api/admin/organisations", new { name, level, parentId, districtCode = district }), 201))
        .GetProperty("id").GetGuid();

    private static async Task<Tree> TreeAsync(HttpClient admin)
    {
        var center = await OrganisationAsync(admin, "鼓楼区志愿者中心", "center", null);
        var station = await OrganisationAsync(admin, "幸福街道志愿服务站", "station", center);
        return new Tree(center, station, await OrganisationAsync(admin, "助老服务队", "team", station), await OrganisationAsync(admin, "助学服务队", "team", station));
    }

    private static object Body(Guid organisationId, string name = "助老理发", string district = "gulou") => new
    {
        name, need = "独居老人出门理发难", organisationId, frequency = "monthly", frequencyNote = "每月第一个周六上午", place = "幸福社区服务中心",
        content = "集中理发、修剪指甲，行动不便的上门服务", districtCode = district,
    };

    private static async Task<Guid> ProjectAsync(HttpClient staff, Guid organisationId, string name = "助老理发", string district = "gulou") =>
        (await OkJsonAsync(await staff.PostAsJsonAsync("/api/admin/projects", Body(organisationId, name, district)), 201)).GetProperty("id").GetGuid();

    private static string? Code(JsonElement problem) => problem.TryGetProperty("code", out var code) ? code.GetString() : "(no code)";

    private static IEnumerable<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid());

    [Test]
    public async Task StaffTakeAProjectFromProposalToItsEvaluationOneStepAtATime()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var created = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/projects", Body(tree.TeamA)), 201);
        var id = created.GetProperty("id").GetGuid();
        Assert.That((created.GetProperty("status").GetString(), created.GetProperty("organisationName").GetString(), created.GetProperty("frequency").GetString()),
            Is.EqualTo(("proposed", "助老服务队", "monthly")));

        var answers = new List<string>();
        async Task Try(string move, object? body = null)
        {
            var response = body is null ? await admin.PostAsync($"/api/admin/projects/{id}/{move}", null)
                : await admin.PostAsJsonAsync($"/api/admin/projects/{id}/{move}", body);
            var json = await JsonAsync(response);
            answers.Add($"{move} {(int)response.StatusCode} {((int)response.StatusCode == 200 ? json.GetProperty("status").GetString() : Code(json))}");
        }
        var evaluation = new { evaluation = "服务老人120人次，满意度高", rating = 5 };
        await Try("start");
        await Try("close", evaluation);
        await Try("approve");
        await Try("approve");
        await Try("close", evaluation);
        await Try("start");
        await Try("start");
        await Try("approve");
        await Try("close", new { });
        await Try("close", new { evaluation = "只写了评估" });
        await Try("close", new { evaluation = "评分越界", rating = 6 });
        await Try("close", evaluation);
        await Try("close", evaluation);
        await Try("start");
        Assert.That(answers, Is.EqualTo(new[]
        {
            "start 409 project.illegal_transition", "close 409 project.illegal_transition", "approve 200 approved", "approve 409 project.illegal_transition",
            "close 409 project.illegal_transition", "start 200 running", "start 409 project.illegal_transition", "approve 409 project.illegal_transition",
            "close 422 project.evaluation_required", "close 422 project.evaluation_required", "close 400 (no code)", "close 200 closed",
            "close 409 project.illegal_transition", "start 409 project.illegal_transition",
        }));

        var closed = await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{id}"));
        Assert.That((closed.GetProperty("evaluation").GetString(), closed.GetProperty("rating").GetInt32(), closed.GetProperty("closedAt").ValueKind),
            Is.EqualTo(("服务老人120人次，满意度高", 5, JsonValueKind.String)));
        var audit = await WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.That(audit, Is.EquivalentTo(new[] { "project.proposed", "project.approved", "project.started", "project.closed" }));
    }

    [Test]
    public async Task BadProposalsAreFieldErrorsAndAnUnknownTeamIsNotFound()
    {
        using var admin = await AdminClientAsync();
        var bad = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/projects", new { name = "", frequency = "yearly", districtCode = "atlantis" }), 400);
        Assert.That(bad.GetProperty("errors").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "name", "need", "organisationId", "frequency", "place", "content", "districtCode" }));
        var tree = await TreeAsync(admin);
        var nul = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/projects", new
        {
            name = "助老\u0000理发", need = "需求", organisationId = tree.TeamA, frequency = "once", place = "地点\u0007", content = "内容\n第二行",
            districtCode = "gulou",
        }), 400);
        Assert.That(nul.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "name", "place" }));
        var unknown = await admin.PostAsJsonAsync("/api/admin/projects", Body(Guid.NewGuid()));
        Assert.That(Code(await OkJsonAsync(unknown, 404)), Is.EqualTo(DomainErrorCodes.OrganisationNotFound));
        Assert.That(Code(await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{Guid.NewGuid()}"), 404)), Is.EqualTo(DomainErrorCodes.ProjectNotFound));
        var badQuery = await OkJsonAsync(await admin.GetAsync("/api/admin/projects?status=done&pageSize=0"), 400);
        Assert.That(badQuery.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "status", "pageSize" }));
    }

    [Test]
    public async Task TheRosterShowsItsPeopleMaskedAndKeepsWhoAddedAndRemovedThem()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var id = await ProjectAsync(admin, tree.TeamA);
        var wang = await World.SubmittedAsync(submission: StaffWorld.Hotline(name: "王秀英", phone: "13912345678"));
        var li = await World.SubmittedAsync(submission: StaffWorld.Hotline(name: "欧阳桂兰"));

        var byCode = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { wishCode = wang.Code.ToLowerInvariant() }), 201);
        Assert.That((byCode.GetProperty("beneficiary").GetProperty("id").GetGuid(), byCode.GetProperty("beneficiary").GetProperty("name").GetString(),
            byCode.GetProperty("beneficiary").GetProperty("phone").GetString()), Is.EqualTo((wang.BeneficiaryId, "王**", "139****5678")));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { beneficiaryId = li.BeneficiaryId }), 201);
        var twice = await admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { beneficiaryId = wang.BeneficiaryId });
        Assert.That(Code(await OkJsonAsync(twice, 409)), Is.EqualTo(DomainErrorCodes.ProjectBeneficiaryAlreadyListed));
        var nobody = await admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { beneficiaryId = Guid.NewGuid() });
        Assert.That(Code(await OkJsonAsync(nobody, 404)), Is.EqualTo(DomainErrorCodes.BeneficiaryNotFound));
        var neither = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { wishCode = "not-a-code" }), 400);
        Assert.That(neither.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "wishCode" }));

        var removed = await OkJsonAsync(await admin.DeleteAsync($"/api/admin/projects/{id}/roster/{wang.BeneficiaryId}"));
        Assert.That(removed.GetProperty("removedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(Code(await OkJsonAsync(await admin.DeleteAsync($"/api/admin/projects/{id}/roster/{wang.BeneficiaryId}"), 404)),
            Is.EqualTo(DomainErrorCodes.ProjectBeneficiaryNotListed));

        var current = await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{id}/roster"));
        Assert.That(current.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("beneficiary").GetProperty("name").GetString()),
            Is.EqualTo(new[] { "欧阳**" }));
        var history = await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{id}/roster?includeRemoved=true"));
        var admin0 = await World.AdminAsync();
        Assert.That(history.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("beneficiary").GetProperty("name").GetString(),
                e.GetProperty("addedBy").GetString(), e.GetProperty("removedBy").ValueKind == JsonValueKind.Null ? null : e.GetProperty("removedBy").GetString())),
            Is.EqualTo(new[] { ("王**", Actor.Staff(admin0.Id).ToString(), Actor.Staff(admin0.Id).ToString()), ("欧阳**", Actor.Staff(admin0.Id).ToString(), null) }));
        var project = await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{id}"));
        Assert.That(project.GetProperty("beneficiaries").GetInt32(), Is.EqualTo(1));
        Assert.That(history.GetRawText(), Does.Not.Contain("13912345678"));
    }

    [Test]
    public async Task AnActivityJoinsAProjectOnlyWhileItIsApprovedOrRunning()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var id = await ProjectAsync(admin, tree.TeamA);
        object Activity(Guid? projectId, string title = "上门理发", string district = "gulou") => new
        {
            title, content = "为老人理发", serviceKind = "community_help", districtCode = district, place = "幸福社区", projectId,
            shifts = new[] { ShiftBody(Start.AddDays(1), 2, 5) },
        };

        var early = await admin.PostAsJsonAsync("/api/admin/activities", Activity(id));
        Assert.That(Code(await OkJsonAsync(early, 422)), Is.EqualTo(DomainErrorCodes.ProjectNotTakingActivities));
        var unknown = await admin.PostAsJsonAsync("/api/admin/activities", Activity(Guid.NewGuid()));
        Assert.That(Code(await OkJsonAsync(unknown, 404)), Is.EqualTo(DomainErrorCodes.ProjectNotFound));

        await OkJsonAsync(await admin.PostAsync($"/api/admin/projects/{id}/approve", null));
        var elsewhere = await admin.PostAsJsonAsync("/api/admin/activities", Activity(id, "别区理发", "qixia"));
        Assert.That(Code(await OkJsonAsync(elsewhere, 422)), Is.EqualTo(DomainErrorCodes.ProjectDistrictMismatch), "an activity sits in its project's district");
        var first = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/activities", Activity(id, "一月理发")), 201);
        Assert.That(first.GetProperty("projectId").GetGuid(), Is.EqualTo(id));
        await OkJsonAsync(await admin.PostAsync($"/api/admin/projects/{id}/start", null));
        await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/activities", Activity(id, "二月理发")), 201);
        await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/activities", Activity(null, "别的活动")), 201);
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/projects/{id}/close", new { evaluation = "完成", rating = 4 }));
        var late = await admin.PostAsJsonAsync("/api/admin/activities", Activity(id, "三月理发"));
        Assert.That(Code(await OkJsonAsync(late, 422)), Is.EqualTo(DomainErrorCodes.ProjectNotTakingActivities));

        var project = await OkJsonAsync(await admin.GetAsync($"/api/admin/projects/{id}"));
        Assert.That(project.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("title").GetString()), Is.EquivalentTo(new[] { "一月理发", "二月理发" }));
        var list = await OkJsonAsync(await admin.GetAsync("/api/admin/projects"));
        Assert.That(list.GetProperty("items")[0].GetProperty("activities").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task LeadersSeeTheirSubtreesProjectsAndProposeOnlyForTeamsTheyLead()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var forA = await ProjectAsync(admin, tree.TeamA, "助老理发");
        var forB = await ProjectAsync(admin, tree.TeamB, "四点半课堂");
        var stationLeaderId = await VolunteerAsync(name: "站长老李");
        var leaderAId = await VolunteerAsync(name: "队长甲");
        var memberId = await VolunteerAsync(name: "甲队员");
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{tree.Station}/leaders", new { volunteerId = stationLeaderId }));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{tree.TeamA}/leaders", new { volunteerId = leaderAId }));
        var member = VolunteerClient(memberId);
        await OkJsonAsync(await member.PostAsync($"/api/organisations/{tree.TeamA}/join", null), 201);
        await OkJsonAsync(await admin.PostAsync($"/api/organisations/{tree.TeamA}/members/{memberId}/approve", null));
        var station = VolunteerClient(stationLeaderId);
        var leaderA = VolunteerClient(leaderAId);

        Assert.That(Ids(await OkJsonAsync(await station.GetAsync($"/api/organisations/{tree.Station}/projects"))), Is.EquivalentTo(new[] { forA, forB }));
        Assert.That(Ids(await OkJsonAsync(await leaderA.GetAsync($"/api/organisations/{tree.TeamA}/projects"))), Is.EqualTo(new[] { forA }));
        var proposal = new { name = "周末陪聊", need = "老人孤单", frequency = "weekly", place = "幸福社区", content = "每周六下午陪老人聊天" };
        var proposed = await OkJsonAsync(await leaderA.PostAsJsonAsync($"/api/organisations/{tree.TeamA}/projects", proposal), 201);
        Assert.That((proposed.GetProperty("status").GetString(), proposed.GetProperty("districtCode").GetString(), proposed.GetProperty("proposedBy").GetString()),
            Is.EqualTo(("proposed", "gulou", Actor.Volunteer(leaderAId).ToString())));

        var answers = new List<string>();
        foreach (var (who, client) in new[] { ("leader of A", leaderA), ("member of A", member) })
        {
            var see = await client.GetAsync($"/api/organisations/{tree.TeamB}/projects");
            var propose = await client.PostAsJsonAsync($"/api/organisations/{tree.TeamB}/projects", proposal);
            answers.Add($"{who} sees B {(int)see.StatusCode} {Code(await JsonAsync(see))}, proposes for B {(int)propose.StatusCode} {Code(await JsonAsync(propose))}");
        }
        var memberOwn = await member.PostAsJsonAsync($"/api/organisations/{tree.TeamA}/projects", proposal);
        answers.Add($"member of A proposes for A {(int)memberOwn.StatusCode}");
        var stationProposes = await station.PostAsJsonAsync($"/api/organisations/{tree.TeamB}/projects", proposal);
        answers.Add($"station leader proposes for B {(int)stationProposes.StatusCode}");
        Assert.That(answers, Is.EqualTo(new[]
        {
            "leader of A sees B 403 organisation.not_leader, proposes for B 403 organisation.not_leader",
            "member of A sees B 403 organisation.not_leader, proposes for B 403 organisation.not_leader",
            "member of A proposes for A 403", "station leader proposes for B 201",
        }));
        var bad = await OkJsonAsync(await leaderA.PostAsJsonAsync($"/api/organisations/{tree.TeamA}/projects", new { name = "x", frequency = "often" }), 400);
        Assert.That(bad.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "need", "frequency", "place", "content" }));
        var count = await WithDbAsync(db => db.Set<Project>().CountAsync(p => p.OrganisationId == tree.TeamB));
        Assert.That(count, Is.EqualTo(2));
    }

    [Test]
    public async Task ATeamsLeadersReadItsProjectAndRosterMaskedAndOtherTeamsLeadersAreRefused()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var forA = await ProjectAsync(admin, tree.TeamA, "助老理发");
        var forB = await ProjectAsync(admin, tree.TeamB, "四点半课堂");
        var wang = await World.SubmittedAsync(submission: StaffWorld.Hotline(name: "王秀英", phone: "13912345678"));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/projects/{forA}/roster", new { beneficiaryId = wang.BeneficiaryId }), 201);
        var stationLeaderId = await VolunteerAsync(name: "站长老李");
        var leaderAId = await VolunteerAsync(name: "队长甲");
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{tree.Station}/leaders", new { volunteerId = stationLeaderId }));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{tree.TeamA}/leaders", new { volunteerId = leaderAId }));
        var leaderA = VolunteerClient(leaderAId);

        var project = await OkJsonAsync(await leaderA.GetAsync($"/api/organisations/{tree.TeamA}/projects/{forA}"));
        Assert.That((project.GetProperty("name").GetString(), project.GetProperty("beneficiaries").GetInt32()), Is.EqualTo(("助老理发", 1)));
        var roster = await OkJsonAsync(await leaderA.GetAsync($"/api/organisations/{tree.TeamA}/projects/{forA}/roster"));
        var line = roster.GetProperty("items").EnumerateArray().Single();
        Assert.That((line.GetProperty("beneficiaryId").GetGuid(), line.GetProperty("name").GetString(), line.GetProperty("districtCode").GetString()),
            Is.EqualTo((wang.BeneficiaryId, "王**", "gulou")));
        Assert.That(roster.GetRawText(), Does.Not.Contain("5678").And.Not.Contain("phone"), "a leader's roster has no way to reach anyone");
        var fromStation = await OkJsonAsync(await VolunteerClient(stationLeaderId).GetAsync($"/api/organisations/{tree.Station}/projects/{forA}/roster"));
        Assert.That(fromStation.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "a leader above the team reads it too");

        var answers = new List<string>();
        foreach (var url in new[] { $"/api/organisations/{tree.TeamA}/projects/{forB}", $"/api/organisations/{tree.TeamA}/projects/{forB}/roster",
                     $"/api/organisations/{tree.TeamB}/projects/{forB}", $"/api/organisations/{tree.TeamB}/projects/{forB}/roster" })
        {
            var response = await leaderA.GetAsync(url);
            answers.Add($"{(int)response.StatusCode} {Code(await JsonAsync(response))}");
        }
        Assert.That(answers, Is.EqualTo(new[]
        {
            "404 project.not_found", "404 project.not_found", "403 organisation.not_leader", "403 organisation.not_leader",
        }), "another team's project, through one's own node or through theirs");
    }

    [Test]
    public async Task ACoordinatorSeesAndRunsOnlyTheirDistrictsProjectsAndAReviewerOnlyReads()
    {
        using var admin = await AdminClientAsync();
        var gulouTeam = await OrganisationAsync(admin, "鼓楼区志愿者中心", "center", null);
        var qixiaTeam = await OrganisationAsync(admin, "栖霞区志愿者中心", "center", null, "qixia");
        var gulou = await ProjectAsync(admin, gulouTeam, "鼓楼助老");
        var qixia = await ProjectAsync(admin, qixiaTeam, "栖霞助学", "qixia");
        using var coordinator = Host.CreateStaffClient(await World.CreateStaffAsync("gulou-coord-p", StaffRole.DistrictCoordinator, "gulou"));
        using var reviewer = Host.CreateStaffClient(await World.CreateStaffAsync("reviewer-p", StaffRole.Reviewer));

        Assert.That(Ids(await OkJsonAsync(await coordinator.GetAsync("/api/admin/projects"))), Is.EqualTo(new[] { gulou }));
        Assert.That(Ids(await OkJsonAsync(await admin.GetAsync("/api/admin/projects?districtCode=qixia"))), Is.EqualTo(new[] { qixia }));
        Assert.That(Ids(await OkJsonAsync(await admin.GetAsync($"/api/admin/projects?organisationId={gulouTeam}&status=proposed"))), Is.EqualTo(new[] { gulou }));
        Assert.That(Code(await OkJsonAsync(await coordinator.GetAsync("/api/admin/projects?districtCode=qixia"), 403)), Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(Code(await OkJsonAsync(await coordinator.GetAsync($"/api/admin/projects/{qixia}"), 403)), Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(Code(await OkJsonAsync(await coordinator.PostAsync($"/api/admin/projects/{qixia}/approve", null), 403)), Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(Code(await OkJsonAsync(await coordinator.PostAsJsonAsync("/api/admin/projects", Body(qixiaTeam, "越区", "qixia")), 403)),
            Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That(Code(await OkJsonAsync(await coordinator.GetAsync($"/api/organisations/{qixiaTeam}/projects"), 403)), Is.EqualTo(DomainErrorCodes.StaffOutsideDistrict));
        Assert.That((await OkJsonAsync(await coordinator.PostAsync($"/api/admin/projects/{gulou}/approve", null))).GetProperty("status").GetString(),
            Is.EqualTo("approved"));

        Assert.That(Ids(await OkJsonAsync(await reviewer.GetAsync("/api/admin/projects"))), Is.EquivalentTo(new[] { gulou, qixia }));
        Assert.That(Code(await OkJsonAsync(await reviewer.PostAsync($"/api/admin/projects/{qixia}/approve", null), 403)), Is.EqualTo(DomainErrorCodes.ProjectManageNotAllowed));
    }
    [Test]
    public async Task StaffActingAtOnceGetOneSuccessAndTheRestAreConflicts()
    {
        using var admin = await AdminClientAsync();
        var tree = await TreeAsync(admin);
        var person = await World.SubmittedAsync();
        for (var round = 0; round < 3; round++)
        {
            var id = await ProjectAsync(admin, tree.TeamA, $"并发{round}");
            var approvals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsync($"/api/admin/projects/{id}/approve", null)));
            var adds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                admin.PostAsJsonAsync($"/api/admin/projects/{id}/roster", new { beneficiaryId = person.BeneficiaryId })));
            foreach (var (responses, success) in new[] { (approvals, 200), (adds, 201) })
            {
                Assert.That(responses.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { success, 409, 409, 409 }));
                foreach (var refused in responses.Where(r => (int)r.StatusCode == 409))
                    Assert.That(Code(await JsonAsync(refused)), Is.AnyOf(DomainErrorCodes.ProjectIllegalTransition, DomainErrorCodes.ConcurrencyConflict,
                        DomainErrorCodes.ProjectBeneficiaryAlreadyListed, DomainErrorCodes.ConcurrencyDuplicate));
            }
            var listed = await WithDbAsync(db => db.Set<ProjectBeneficiary>().CountAsync(r => r.ProjectId == id));
            Assert.That(listed, Is.EqualTo(1));
        }
    }
}

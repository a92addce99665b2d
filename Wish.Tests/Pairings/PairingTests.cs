using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Pairings;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Pairings;

/// <summary>结对帮扶 and 接力 over HTTP: visits in the passbook, the overdue reminder, hand-on, team visits, the contact's lifetime.</summary>
public sealed class PairingTests : MiniProgramTestBase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private StaffWorld World => new(Services);

    private async Task<HttpClient> AdminAsync() => Host.CreateStaffClient(await World.AdminAsync());

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime);

    private async Task<(Guid Pairing, SeededWish Wish)> PairAsync(HttpClient admin, object holder, int startedDaysAgo = 3, int everyDays = 7)
    {
        var wish = await World.SubmittedAsync();
        var body = JsonSerializer.SerializeToElement(holder).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["beneficiaryId"] = wish.BeneficiaryId;
        body["startsOn"] = Today.AddDays(-startedDaysAgo).ToString("yyyy-MM-dd");
        body["everyDays"] = everyDays;
        body["content"] = "陪伴聊天、代买生活用品";
        var created = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/pairings", body), 201);
        return (created.GetProperty("pairing").GetProperty("id").GetGuid(), wish);
    }

    private static Task<HttpResponseMessage> VisitAsync(HttpClient client, string path, int minutes, int daysAgo = 0, Guid? volunteerId = null) =>
        client.PostAsJsonAsync(path, new { at = DateTimeOffset.UtcNow.AddDays(-daysAgo), minutes, content = "陪老人聊天，打扫卫生", volunteerId });

    [Test]
    public async Task VisitsRecordedByStaffAreFinalPassbookLinesWithCumulativeMinutesAndMoveTheDueDate()
    {
        using var admin = await AdminAsync();
        var volunteer = await VolunteerAsync(name: "结对志愿者");
        var (pairing, _) = await PairAsync(admin, new { volunteerId = volunteer });

        await OkJsonAsync(await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 60, daysAgo: 2), 201);
        await OkJsonAsync(await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 45, daysAgo: 1), 201);

        var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
        var lines = book.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(lines.Select(l => l.GetProperty("cumulativeMinutes").GetInt32()), Is.EqualTo(new[] { 60, 105 }));
        Assert.That(lines.All(l => l.GetProperty("final").GetBoolean() && l.GetProperty("witness").GetString() == "admin"), Is.True, book.ToString());
        Assert.That(lines[0].GetProperty("content").GetString(), Does.StartWith("结对帮扶走访"));
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(10), "points by the rule: 105 minutes, one point per 10");
        var detail = await OkJsonAsync(await admin.GetAsync($"/api/admin/pairings/{pairing}"));
        Assert.That(detail.GetProperty("visits").GetArrayLength(), Is.EqualTo(2));
        Assert.That(detail.GetProperty("pairing").GetProperty("nextDueOn").GetString(), Is.EqualTo(Today.AddDays(6).ToString("yyyy-MM-dd")));
    }

    [Test]
    public async Task APairingJoinsOnlyAnApprovedOrRunningProjectAndPutsItsBeneficiaryOnTheRoster()
    {
        using var admin = await AdminAsync();
        var volunteer = await VolunteerAsync();
        var project = await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var team = Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", Actor.System("test"), now);
            db.Add(team);
            var proposed = Project.Propose(new NewProject("一对一助老", "独居老人无人照看", team.Id, ProjectFrequency.Weekly, null, "幸福社区",
                "每周上门看望", "gulou"), Actor.System("test"), now);
            db.Add(proposed);
            await db.SaveChangesAsync();
            return proposed.Id;
        });
        var wish = await World.SubmittedAsync();
        object Body() => new
        {
            beneficiaryId = wish.BeneficiaryId, volunteerId = volunteer, startsOn = Today.ToString("yyyy-MM-dd"), everyDays = 7, projectId = project,
        };

        var refused = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/pairings", Body()), 422);
        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ProjectNotTakingActivities));
        Assert.That((await admin.PostAsJsonAsync("/api/admin/pairings", new
        {
            beneficiaryId = wish.BeneficiaryId, volunteerId = volunteer, startsOn = Today.ToString("yyyy-MM-dd"), everyDays = 7, projectId = Guid.NewGuid(),
        })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await OkJsonAsync(await admin.PostAsync($"/api/admin/projects/{project}/approve", null));

        var created = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/pairings", Body()), 201);

        Assert.That(created.GetProperty("pairing").GetProperty("projectId").GetGuid(), Is.EqualTo(project));
        var roster = await World.WithDbAsync(db => db.Set<ProjectBeneficiary>().Where(r => r.ProjectId == project).Select(r => r.BeneficiaryId).ToListAsync());
        Assert.That(roster, Is.EqualTo(new[] { wish.BeneficiaryId }), "the pairing's beneficiary is on the project's roster, once");
        await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/pairings", Body()), 201);
        Assert.That(await World.WithDbAsync(db => db.Set<ProjectBeneficiary>().CountAsync(r => r.ProjectId == project)), Is.EqualTo(1));
    }

    [Test]
    public async Task AnOverdueVisitIsListedFirstAndRemindedExactlyOnceWithTwoHostsRunningThePass()
    {
        using var admin = await AdminAsync();
        var late = await VolunteerAsync();
        var onTime = await VolunteerAsync();
        var (overdue, _) = await PairAsync(admin, new { volunteerId = late }, startedDaysAgo: 20);
        await PairAsync(admin, new { volunteerId = onTime }, startedDaysAgo: 2);
        await using var second = Api.WithWebHostBuilder(_ => { });
        var sweepers = new[] { Services.GetRequiredService<PairingReminderSweeper>(), second.Services.GetRequiredService<PairingReminderSweeper>() };

        var reminded = await Task.WhenAll(sweepers.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(() => s.RunOnceAsync(CancellationToken.None)))));
        var again = await sweepers[1].RunOnceAsync(CancellationToken.None);

        Assert.That(reminded.Sum(), Is.EqualTo(1));
        Assert.That(again, Is.Zero);
        var rows = await World.WithDbAsync(db =>
            db.NotificationRecipients.CountAsync(r => db.NotificationJobs.Any(j => j.Id == r.JobId && j.TemplateKey == "pairing.reminder")));
        Assert.That(rows, Is.EqualTo(1));
        var list = await OkJsonAsync(await admin.GetAsync("/api/admin/pairings"));
        Assert.That(list.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(overdue));
        Assert.That(list.GetProperty("items")[0].GetProperty("overdue").GetBoolean(), Is.True);
        var only = await OkJsonAsync(await admin.GetAsync("/api/admin/pairings/overdue"));
        Assert.That(only.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { overdue }));
    }

    [Test]
    public async Task ErasingTheBeneficiaryEndsThePairingAndErasesItsNotesButKeepsTheHours()
    {
        using var admin = await AdminAsync();
        var first = await VolunteerAsync(name: "老志愿者");
        var next = await VolunteerAsync(name: "新志愿者");
        var (pairing, wish) = await PairAsync(admin, new { volunteerId = first });
        await OkJsonAsync(await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 60, daysAgo: 1), 201);
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/pairings/{pairing}/handover", new { volunteerId = next, reason = "老人搬去女儿家附近" }));
        await OkJsonAsync(await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 30), 201);

        var erased = await OkJsonAsync(await admin.PostAsync($"/api/admin/beneficiaries/{wish.BeneficiaryId}/erase", null));

        Assert.That(erased.GetProperty("endedPairings").GetInt32(), Is.EqualTo(1));
        var detail = await OkJsonAsync(await admin.GetAsync($"/api/admin/pairings/{pairing}"));
        var written = detail.GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("content").GetString())
            .Concat(detail.GetProperty("handovers").EnumerateArray().Select(h => h.GetProperty("reason").GetString()))
            .Append(detail.GetProperty("pairing").GetProperty("content").GetString()).ToList();
        Assert.That(written, Has.Count.EqualTo(4).And.All.EqualTo(ErasedText.Marker), detail.ToString());
        Assert.That(detail.GetProperty("pairing").GetProperty("status").GetString(), Is.EqualTo("ended"));
        Assert.That(detail.GetProperty("visits").EnumerateArray().Sum(v => v.GetProperty("minutes").GetInt32()), Is.EqualTo(90), "the visits stay");
        foreach (var (volunteer, minutes) in new[] { (first, 60), (next, 30) })
        {
            var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
            var line = book.GetProperty("entries").EnumerateArray().Single();
            Assert.That((line.GetProperty("content").GetString(), line.GetProperty("minutes").GetInt32()),
                Is.EqualTo(("结对帮扶走访：" + ErasedText.Marker, minutes)), "the hours stay, the note goes");
        }
        Assert.That((await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 30)).IsSuccessStatusCode, Is.False, "an ended pairing takes no visit");
    }

    [Test]
    public async Task HandingOnKeepsTheHistoryAndMovesAccessFromTheOldHolderToTheNewOne()
    {
        using var admin = await AdminAsync();
        var first = await VolunteerAsync(name: "老志愿者");
        var next = await VolunteerAsync(name: "新志愿者");
        var (pairing, _) = await PairAsync(admin, new { volunteerId = first });
        var own = await OkJsonAsync(await VisitAsync(VolunteerClient(first), $"/api/me/pairings/{pairing}/visits", 30), 201);
        Assert.That(own.GetProperty("final").GetBoolean(), Is.False, "a visitor alone leaves a provisional line");

        var handed = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/pairings/{pairing}/handover", new { volunteerId = next, reason = "老志愿者外出务工" }));

        var handover = handed.GetProperty("handovers").EnumerateArray().Single();
        Assert.That(handover.GetProperty("fromVolunteerId").GetGuid(), Is.EqualTo(first));
        Assert.That(handover.GetProperty("toVolunteerId").GetGuid(), Is.EqualTo(next));
        Assert.That(handed.GetProperty("visits").EnumerateArray().Single().GetProperty("volunteerId").GetGuid(), Is.EqualTo(first));
        var old = VolunteerClient(first);
        Assert.That((await old.GetAsync($"/api/me/pairings/{pairing}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await VisitAsync(old, $"/api/me/pairings/{pairing}/visits", 30)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await OkJsonAsync(await old.GetAsync("/api/me/pairings"))).GetProperty("items").GetArrayLength(), Is.Zero);
        var mine = await OkJsonAsync(await VolunteerClient(next).GetAsync($"/api/me/pairings/{pairing}"));
        Assert.That(mine.GetProperty("beneficiary").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(mine.GetProperty("visits").EnumerateArray().Single().GetProperty("mine").GetBoolean(), Is.False);
        await OkJsonAsync(await VisitAsync(VolunteerClient(next), $"/api/me/pairings/{pairing}/visits", 40), 201);
    }

    [Test]
    public async Task StaffConfirmingAVisitItsVolunteerRecordedAloneMakesItCountOnce()
    {
        using var admin = await AdminAsync();
        var volunteer = await VolunteerAsync();
        var (pairing, _) = await PairAsync(admin, new { volunteerId = volunteer });
        var visit = (await OkJsonAsync(await VisitAsync(VolunteerClient(volunteer), $"/api/me/pairings/{pairing}/visits", 90), 201)).GetProperty("id").GetGuid();
        Assert.That((await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"))).GetProperty("totalMinutes").GetInt32(), Is.Zero);

        await OkJsonAsync(await admin.PostAsync($"/api/admin/pairings/{pairing}/visits/{visit}/confirm", null));
        await OkJsonAsync(await admin.PostAsync($"/api/admin/pairings/{pairing}/visits/{visit}/confirm", null));

        var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(90));
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(9));
        Assert.That(book.GetProperty("entries")[0].GetProperty("witness").GetString(), Is.EqualTo("admin"));
    }

    [Test]
    public async Task ATeamPairingIsVisitedByItsMembersAndAVisitByANonMemberIsRefused()
    {
        using var admin = await AdminAsync();
        var (team, leader, member, outsider) = await TeamAsync();
        var (pairing, _) = await PairAsync(admin, new { organisationId = team });
        var path = $"/api/me/pairings/{pairing}/visits";

        Assert.That((await VisitAsync(VolunteerClient(outsider), path, 30)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var byStaff = await VisitAsync(admin, $"/api/admin/pairings/{pairing}/visits", 30, volunteerId: outsider);
        Assert.That((int)byStaff.StatusCode, Is.EqualTo(422));
        Assert.That((await JsonAsync(byStaff)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.PairingNotHolder));
        var forMember = await VisitAsync(VolunteerClient(member), path, 30, volunteerId: leader);
        Assert.That(forMember.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only a leader records for someone else");

        Assert.That((await OkJsonAsync(await VisitAsync(VolunteerClient(member), path, 30), 201)).GetProperty("final").GetBoolean(), Is.False);
        Assert.That((await OkJsonAsync(await VisitAsync(VolunteerClient(leader), path, 50, volunteerId: member), 201)).GetProperty("final").GetBoolean(), Is.True);
        var book = await OkJsonAsync(await VolunteerClient(member).GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(50), "only the line the leader vouched for counts");
        Assert.That(book.GetProperty("entries").EnumerateArray().Last().GetProperty("witness").GetString(), Is.EqualTo("队长老王"));
        var seen = await OkJsonAsync(await VolunteerClient(member).GetAsync("/api/me/pairings"));
        Assert.That(seen.GetProperty("items").EnumerateArray().Single().GetProperty("organisationId").GetGuid(), Is.EqualTo(team));
        var subtree = await OkJsonAsync(await VolunteerClient(leader).GetAsync($"/api/organisations/{team}/pairings"));
        Assert.That(subtree.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That((await VolunteerClient(member).GetAsync($"/api/organisations/{team}/pairings")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task TheHolderSeesTheContactWhileThePairingIsActiveAndNotAfterItEnds()
    {
        using var admin = await AdminAsync();
        var volunteer = await VolunteerAsync();
        var (pairing, _) = await PairAsync(admin, new { volunteerId = volunteer });
        var client = VolunteerClient(volunteer);
        var phone = (await OkJsonAsync(await admin.GetAsync($"/api/admin/pairings/{pairing}"))).GetProperty("beneficiary").GetProperty("phone").GetString();

        var active = await OkJsonAsync(await client.GetAsync($"/api/me/pairings/{pairing}"));
        Assert.That(active.GetProperty("beneficiary").GetProperty("phone").GetString(), Is.EqualTo(phone));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/pairings/{pairing}/end", new { reason = "受助人搬离" }));

        var ended = await client.GetAsync($"/api/me/pairings/{pairing}");
        var text = await ended.Content.ReadAsStringAsync();
        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("beneficiary").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(text, Does.Not.Contain(phone!));
        Assert.That((int)(await VisitAsync(client, $"/api/me/pairings/{pairing}/visits", 30)).StatusCode, Is.EqualTo(409));
    }

    /// <summary>A team under a station with its leader (队长老王) and an approved member, and a volunteer of no team.</summary>
    private async Task<(Guid Team, Guid Leader, Guid Member, Guid Outsider)> TeamAsync()
    {
        var leader = await VolunteerAsync(name: "队长老王");
        var member = await VolunteerAsync(name: "队员小李");
        var outsider = await VolunteerAsync(name: "路人小赵");
        var team = await World.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var system = Actor.System("test");
            var center = Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", system, now);
            var station = Organisation.Create("幸福街道志愿服务站", OrganisationLevel.Station, center, "gulou", system, now);
            var team = Organisation.Create("助老服务队", OrganisationLevel.Team, station, "gulou", system, now);
            db.AddRange(center, station, team);
            await db.SaveChangesAsync();
            var leads = OrganisationMembership.Apply(team.Id, leader, now);
            leads.MakeLeader(system, now);
            var joins = OrganisationMembership.Apply(team.Id, member, now);
            joins.Approve(system, now);
            db.AddRange(leads, joins);
            await db.SaveChangesAsync();
            return team.Id;
        });
        return (team, leader, member, outsider);
    }
}

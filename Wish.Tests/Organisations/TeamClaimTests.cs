using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Organisations;

/// <summary>
/// Team claims (多对一, DESIGN.md §10) over HTTP: a leader claims for the team under the one-claim-per-wish rule, assigns members,
/// and the beneficiary's contact reaches the leader and the assigned members only, only while the claim is active.
/// </summary>
public sealed class TeamClaimTests : MiniProgramTestBase
{
    private sealed record Team(Guid Station, Guid TeamA, Guid TeamB, Guid Leader, Guid Member, Guid Outsider);

    /// <summary>A station with two teams; a leader of team A, an approved member of A, and a volunteer of no team.</summary>
    private async Task<Team> TeamAsync() => await new StaffWorld(Services).WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var system = Actor.System("test");
        var center = Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", system, now);
        var station = Organisation.Create("幸福街道志愿服务站", OrganisationLevel.Station, center, "gulou", system, now);
        var teamA = Organisation.Create("助老服务队", OrganisationLevel.Team, station, "gulou", system, now);
        var teamB = Organisation.Create("助学服务队", OrganisationLevel.Team, station, "gulou", system, now);
        db.AddRange(center, station, teamA, teamB);
        await db.SaveChangesAsync();
        var leader = await VolunteerAsync(name: "队长老王");
        var member = await VolunteerAsync(name: "队员小李");
        var outsider = await VolunteerAsync(name: "路人小赵");
        var leads = OrganisationMembership.Apply(teamA.Id, leader, now);
        leads.MakeLeader(system, now);
        var joins = OrganisationMembership.Apply(teamA.Id, member, now);
        joins.Approve(system, now);
        db.AddRange(leads, joins);
        await db.SaveChangesAsync();
        return new Team(station.Id, teamA.Id, teamB.Id, leader, member, outsider);
    });

    private static Task<HttpResponseMessage> ClaimForAsync(HttpClient leader, Guid wish, Guid organisation) =>
        leader.PostAsJsonAsync($"/api/wishes/{wish}/claim", new { organisationId = organisation });

    private static bool HasContact(JsonElement claim) => claim.GetProperty("beneficiary").ValueKind == JsonValueKind.Object;

    [Test]
    public async Task ATeamClaimAndASingleClaimRacingForOneWishHaveExactlyOneWinner()
    {
        var team = await TeamAsync();
        var leader = VolunteerClient(team.Leader);
        var wishes = new List<PublishedWish>();
        for (var i = 0; i < 10; i++) wishes.Add(await PublishedWishAsync());

        var outcomes = new List<string>();
        foreach (var wish in wishes)
        {
            // A fresh rival each time: a volunteer's own limit of active claims is not what this race is about.
            var single = await VolunteerClientAsync();
            var race = await Task.WhenAll(ClaimForAsync(leader, wish.Id, team.TeamA), single.PostAsync($"/api/wishes/{wish.Id}/claim", null));
            outcomes.Add(string.Join(" ", race.Select(r => (int)r.StatusCode).Order()));
        }

        Assert.That(outcomes, Is.All.EqualTo("201 409"), string.Join(", ", outcomes));
        var active = await new StaffWorld(Services).WithDbAsync(db => db.Claims.Where(c => c.Status == ClaimStatus.Active)
            .GroupBy(c => c.WishId).Select(g => g.Count()).ToListAsync());
        Assert.That(active, Has.Count.EqualTo(10).And.All.EqualTo(1));
    }

    [Test]
    public async Task AssignedMembersSeeTheContactOnlyWhileTheClaimIsActiveAndEachGetsTheirOwnMinutes()
    {
        var team = await TeamAsync();
        var leader = VolunteerClient(team.Leader);
        var member = VolunteerClient(team.Member);
        var outsider = VolunteerClient(team.Outsider);
        var wish = await PublishedWishAsync();

        var claim = await OkJsonAsync(await ClaimForAsync(leader, wish.Id, team.TeamA), 201);
        var claimId = claim.GetProperty("id").GetGuid();
        Assert.That(HasContact(claim), Is.True, "the leader sees the contact");
        Assert.That(claim.GetProperty("organisationId").GetGuid(), Is.EqualTo(team.TeamA));

        Assert.That((await member.GetAsync($"/api/claims/{claimId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "not yet assigned");
        var assigned = await OkJsonAsync(await leader.PostAsJsonAsync($"/api/claims/{claimId}/members", new { volunteerIds = new[] { team.Member } }));
        Assert.That(assigned.GetProperty("team").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "队员小李" }));
        var seen = await OkJsonAsync(await member.GetAsync($"/api/claims/{claimId}"));
        Assert.That(seen.GetProperty("beneficiary").GetProperty("phone").GetString(), Is.EqualTo(wish.BeneficiaryPhone));
        var listed = await OkJsonAsync(await member.GetAsync("/api/me/claims"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { claimId }));
        Assert.That((await outsider.GetAsync($"/api/claims/{claimId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var notInTeam = await leader.PostAsJsonAsync($"/api/claims/{claimId}/members", new { volunteerIds = new[] { team.Outsider } });
        Assert.That((await OkJsonAsync(notInTeam, 422)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimMemberNotInTeam));
        Assert.That((await member.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new { note = "x", minutes = 5 })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden), "a member does not report for the team");

        await OkJsonAsync(await leader.DeleteAsync($"/api/claims/{claimId}/members/{team.Member}"));
        Assert.That((await member.GetAsync($"/api/claims/{claimId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "taken off the wish");
        await OkJsonAsync(await leader.PostAsJsonAsync($"/api/claims/{claimId}/members", new { volunteerIds = new[] { team.Member } }));

        await OkJsonAsync(await leader.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new
        {
            note = "电暖器已送到", minutes = 90, members = new[] { new { volunteerId = team.Member, minutes = 60 } },
        }));
        var after = await OkJsonAsync(await member.GetAsync($"/api/claims/{claimId}"));
        Assert.That(HasContact(after), Is.False, "an ended claim shows no contact to anyone");
        Assert.That(HasContact(await OkJsonAsync(await leader.GetAsync($"/api/claims/{claimId}"))), Is.False);

        var entries = await new StaffWorld(Services).WithDbAsync(db => db.ServiceRecordEntries.Where(e => e.ClaimId == claimId)
            .Select(e => new { e.VolunteerId, e.Minutes, e.IsFinal }).ToListAsync());
        Assert.That(entries.Select(e => (e.VolunteerId, e.Minutes, e.IsFinal)),
            Is.EquivalentTo(new[] { (team.Leader, 90, false), (team.Member, 60, false) }));
    }

    [Test]
    public async Task OnlyALeaderClaimsForATeamAndOnlyLeadersAboveItSeeItsClaims()
    {
        var team = await TeamAsync();
        var wish = await PublishedWishAsync();
        var refused = await ClaimForAsync(VolunteerClient(team.Member), wish.Id, team.TeamA);
        Assert.That((await OkJsonAsync(refused, 403)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.OrganisationNotLeader));
        var unknown = await ClaimForAsync(VolunteerClient(team.Leader), wish.Id, Guid.NewGuid());
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        // The refused team claims left the wish free: the leader's own Redis marker was never set.
        var claim = await OkJsonAsync(await ClaimForAsync(VolunteerClient(team.Leader), wish.Id, team.TeamA), 201);

        var stationLeader = await VolunteerAsync(name: "站长");
        var teamBLeader = await VolunteerAsync(name: "乙队长");
        await new StaffWorld(Services).WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (volunteer, node) in new[] { (stationLeader, team.Station), (teamBLeader, team.TeamB) })
            {
                var m = OrganisationMembership.Apply(node, volunteer, now);
                m.MakeLeader(Actor.System("test"), now);
                db.Add(m);
            }
            await db.SaveChangesAsync();
            return 0;
        });

        var fromStation = await OkJsonAsync(await VolunteerClient(stationLeader).GetAsync($"/api/organisations/{team.Station}/claims"));
        Assert.That(fromStation.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("organisationName").GetString())),
            Is.EqualTo(new[] { (claim.GetProperty("id").GetGuid(), "助老服务队") }));
        Assert.That(fromStation.GetRawText(), Does.Not.Contain(wish.BeneficiaryPhone).And.Not.Contain("电暖器"), "the list carries no wish content or contact");
        Assert.That((await VolunteerClient(teamBLeader).GetAsync($"/api/organisations/{team.TeamA}/claims")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var ownB = await OkJsonAsync(await VolunteerClient(teamBLeader).GetAsync($"/api/organisations/{team.TeamB}/claims"));
        Assert.That(ownB.GetProperty("total").GetInt32(), Is.Zero);

        var singleWish = await PublishedWishAsync();
        var single = await OkJsonAsync(await VolunteerClient(team.Leader).PostAsync($"/api/wishes/{singleWish.Id}/claim", null), 201);
        var onSingle = await VolunteerClient(team.Leader).PostAsJsonAsync($"/api/claims/{single.GetProperty("id").GetGuid()}/members",
            new { volunteerIds = new[] { team.Member } });
        Assert.That((await OkJsonAsync(onSingle, 422)).GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ClaimNotTeam));
    }
}

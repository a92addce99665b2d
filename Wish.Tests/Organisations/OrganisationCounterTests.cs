using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Activities;

namespace WeChatWish.Tests.Organisations;

/// <summary>
/// A node's figures come from the subtree rows that triggers keep (migration OrganisationCounters); after joins, approvals,
/// rejections, leaders appointed and stood down, passbook lines and claims, every node's figures equal a count over the
/// memberships, passbooks and claims themselves.
/// </summary>
public sealed class OrganisationCounterTests : ActivityTestBase
{
    private static async Task<Guid> CreateAsync(HttpClient staff, string name, string level, Guid? parentId) =>
        (await OkJsonAsync(await staff.PostAsJsonAsync("/api/admin/organisations", new { name, level, parentId, districtCode = "gulou" }), 201))
        .GetProperty("id").GetGuid();

    [Test]
    public async Task EveryNodesFiguresEqualACountOfItsSubtree()
    {
        using var admin = await AdminClientAsync();
        var center = await CreateAsync(admin, "鼓楼区志愿者中心", "center", null);
        var station = await CreateAsync(admin, "幸福街道志愿服务站", "station", center);
        var teamA = await CreateAsync(admin, "助老服务队", "team", station);
        var teamB = await CreateAsync(admin, "助学服务队", "team", station);
        var group = await CreateAsync(admin, "理发小组", "group", teamA);
        var nodes = new[] { center, station, teamA, teamB, group };

        var both = await VolunteerAsync(name: "两队都在");
        var one = await VolunteerAsync(name: "只在小组");
        var turnedDown = await VolunteerAsync(name: "没通过");
        var waiting = await VolunteerAsync(name: "还在等");
        var leader = await VolunteerAsync(name: "队长");
        foreach (var (volunteer, node) in new[] { (both, teamA), (both, teamB), (one, group), (turnedDown, teamB), (waiting, group) })
            await OkJsonAsync(await VolunteerClient(volunteer).PostAsync($"/api/organisations/{node}/join", null), 201);
        // A passbook line before the approval is counted from the moment the volunteer is a member.
        await RecordAsync(both, 90);
        foreach (var (volunteer, node) in new[] { (both, teamA), (both, teamB), (one, group) })
            await OkJsonAsync(await admin.PostAsync($"/api/organisations/{node}/members/{volunteer}/approve", null));
        await OkJsonAsync(await admin.PostAsync($"/api/organisations/{teamB}/members/{turnedDown}/reject", null));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{teamA}/leaders", new { volunteerId = leader }));
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/organisations/{station}/leaders", new { volunteerId = leader }));
        await AssertFiguresAsync(admin, nodes, "after the joins");

        // A line after the approval, a claim held, another claim fulfilled, a correction, a leader standing down.
        await RecordAsync(one, 30);
        var held = await PublishedWishAsync();
        await OkJsonAsync(await VolunteerClient(one).PostAsync($"/api/wishes/{held.Id}/claim", null), 201);
        var done = await PublishedWishAsync();
        var claim = await OkJsonAsync(await VolunteerClient(both).PostAsync($"/api/wishes/{done.Id}/claim", null), 201);
        await OkJsonAsync(await VolunteerClient(both).PostAsJsonAsync($"/api/claims/{claim.GetProperty("id").GetGuid()}/fulfilment",
            new { note = "送到了", minutes = 45 }));
        await WithDbAsync(async db =>
        {
            var pending = await db.ServiceRecordEntries.SingleAsync(e => e.VolunteerId == both && !e.IsFinal);
            pending.MakeFinal("回访员", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return await db.ServiceRecordEntries.Where(e => e.VolunteerId == one).ExecuteUpdateAsync(s => s.SetProperty(e => e.Minutes, 40));
        });
        Assert.That((await admin.DeleteAsync($"/api/admin/organisations/{station}/leaders/{leader}")).IsSuccessStatusCode, Is.True);
        var stationFigures = await AssertFiguresAsync(admin, nodes, "after the claims and lines");
        Assert.That((stationFigures.GetProperty("members").GetInt32(), stationFigures.GetProperty("totalMinutes").GetInt32(),
                stationFigures.GetProperty("activeClaims").GetInt32(), stationFigures.GetProperty("fulfilledClaims").GetInt32()),
            Is.EqualTo((3, 175, 1, 1)), "the station: both, one and the leader; 90 + 45 + 40 minutes; one claim held, one fulfilled");

        // The volunteer who was in two teams leaves one of them: still a member of the station once.
        await WithDbAsync(db => db.Set<OrganisationMembership>().Where(m => m.VolunteerId == both && m.OrganisationId == teamB).ExecuteDeleteAsync());
        await AssertFiguresAsync(admin, nodes, "after a membership was removed");
    }

    private Task RecordAsync(Guid volunteer, int minutes) => WithDbAsync(async db =>
    {
        db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(volunteer, Start, "幸福社区", "陪老人聊天", minutes, "组织者"));
        return await db.SaveChangesAsync();
    });

    /// <summary>Each node's figures from the API against the same figures counted from the base tables; returns the station's.</summary>
    private async Task<JsonElement> AssertFiguresAsync(HttpClient admin, Guid[] nodes, string when)
    {
        var answers = new List<JsonElement>();
        foreach (var node in nodes)
        {
            var figures = await OkJsonAsync(await admin.GetAsync($"/api/organisations/{node}/stats"));
            answers.Add(figures);
            var expected = await WithDbAsync(db => CountAsync(db, node));
            Assert.That((figures.GetProperty("members").GetInt32(), figures.GetProperty("pending").GetInt32(),
                    figures.GetProperty("leaders").GetInt32(), figures.GetProperty("totalMinutes").GetInt32(),
                    figures.GetProperty("activeClaims").GetInt32(), figures.GetProperty("fulfilledClaims").GetInt32()),
                Is.EqualTo(expected), $"{when}: node {Array.IndexOf(nodes, node)}");
        }
        return answers[1];
    }

    private static async Task<(int, int, int, int, int, int)> CountAsync(WishDbContext db, Guid node)
    {
        var path = await db.Set<Organisation>().Where(o => o.Id == node).Select(o => o.Path).SingleAsync();
        var memberships = from m in db.Set<OrganisationMembership>()
                          join o in db.Set<Organisation>() on m.OrganisationId equals o.Id
                          where o.Path.StartsWith(path)
                          select m;
        var members = await memberships.Where(m => m.Status == MembershipStatus.Approved).Select(m => m.VolunteerId).Distinct().ToListAsync();
        var minutes = await db.ServiceRecordEntries.Where(e => members.Contains(e.VolunteerId) && e.IsFinal).SumAsync(e => (int?)e.Minutes) ?? 0;
        return (members.Count,
            await memberships.CountAsync(m => m.Status == MembershipStatus.Pending),
            await memberships.Where(m => m.IsLeader).Select(m => m.VolunteerId).Distinct().CountAsync(),
            minutes,
            await db.Claims.CountAsync(c => c.Status == ClaimStatus.Active && members.Contains(c.VolunteerId)),
            await db.Claims.CountAsync(c => c.Status == ClaimStatus.Fulfilled && members.Contains(c.VolunteerId)));
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Activities;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Activities;

/// <summary>Launch-day races for places: the shift's row lock in PostgreSQL is the guarantee, across instances.</summary>
public sealed class SignUpStormTests : ActivityTestBase
{
    private const int Volunteers = 200;
    private const int Places = 10;

    [Test]
    public async Task TwoHundredAtOnceForTenPlacesGiveTenConfirmedAndAWaitingLineInOrder()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, Places)]));
        var volunteers = await SeedVolunteersAsync();

        var statuses = await StormAsync(shiftId, volunteers);

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(Volunteers), "everyone gets an answer: a place or a place in line");
        var rows = await WithDbAsync(db => db.SignUps.AsNoTracking().Where(s => s.ShiftId == shiftId).ToListAsync());
        var shift = await WithDbAsync(db => db.Shifts.AsNoTracking().SingleAsync(s => s.Id == shiftId));
        Assert.Multiple(() =>
        {
            Assert.That(rows.Count(r => r.Status == SignUpStatus.Confirmed), Is.EqualTo(Places));
            Assert.That(rows.Count(r => r.Status == SignUpStatus.Waitlisted), Is.EqualTo(Volunteers - Places));
            Assert.That(rows.Where(r => r.Status == SignUpStatus.Waitlisted).Select(r => r.WaitNumber).OrderBy(n => n),
                Is.EqualTo(Enumerable.Range(1, Volunteers - Places).Select(n => (long?)n)), "one line, numbered without gaps or repeats");
            Assert.That(rows.Select(r => r.VolunteerId).Distinct().Count(), Is.EqualTo(Volunteers));
            Assert.That((shift.Confirmed, shift.Waitlisted), Is.EqualTo((Places, Volunteers - Places)), "the counts agree with the rows");
        });
        // In order: every confirmed sign-up committed before every waiting one, and the line runs in the order of arrival at the lock.
        var lastConfirmed = rows.Where(r => r.Status == SignUpStatus.Confirmed).Max(r => r.SignedUpAt);
        var line = rows.Where(r => r.Status == SignUpStatus.Waitlisted).OrderBy(r => r.WaitNumber).Select(r => r.SignedUpAt).ToList();
        Assert.That(line.First(), Is.GreaterThanOrEqualTo(lastConfirmed));
        Assert.That(line, Is.Ordered);
    }

    [Test]
    public async Task ACancellationPromotesTheFirstInLineExactlyOnceWithTwoInstancesSweepingToo()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, Places)]));
        var volunteers = await SeedVolunteersAsync(Places + 5);
        await StormAsync(shiftId, volunteers);
        var (leaver, first) = await WithDbAsync(async db => (
            (await db.SignUps.FirstAsync(s => s.ShiftId == shiftId && s.Status == SignUpStatus.Confirmed)).VolunteerId,
            (await db.SignUps.Where(s => s.ShiftId == shiftId && s.Status == SignUpStatus.Waitlisted).OrderBy(s => s.WaitNumber).FirstAsync()).VolunteerId));
        await using var second = Host.WithWebHostBuilder(_ => { });
        var sweepers = new[] { Services.GetRequiredService<ShiftPlaceSweeper>(), second.Services.GetRequiredService<ShiftPlaceSweeper>() };

        var cancel = VolunteerClient(leaver).DeleteAsync($"/api/activities/shifts/{shiftId}/signup");
        var sweeps = sweepers.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(() => s.RunOnceAsync(CancellationToken.None)))).ToList();
        await Task.WhenAll(sweeps);
        Assert.That((await cancel).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var afterwards = await Task.WhenAll(sweepers.Select(s => s.RunOnceAsync(CancellationToken.None)));

        var rows = await WithDbAsync(db => db.SignUps.AsNoTracking().Where(s => s.ShiftId == shiftId).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(rows.Count(r => r.Status == SignUpStatus.Confirmed), Is.EqualTo(Places));
            Assert.That(rows.Single(r => r.VolunteerId == first).Status, Is.EqualTo(SignUpStatus.Confirmed), "the first in line, no one else");
            Assert.That(rows.Count(r => r.PromotedAt is not null), Is.EqualTo(1), "promoted exactly once");
            Assert.That(sweeps.Sum(s => s.Result) + afterwards.Sum(), Is.Zero, "the cancellation filled its own place; the sweeps found nothing");
        });
        var told = await WithDbAsync(db => db.NotificationJobs.CountAsync(j => j.TemplateKey == "activity.promoted"));
        Assert.That(told, Is.EqualTo(1));
    }

    [Test]
    public async Task TheSweepFillsAPlaceLeftFreeExactlyOnceWhenEveryInstanceRunsIt()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, 2)]));
        await StormAsync(shiftId, await SeedVolunteersAsync(5));
        // A place freed outside the API (a repair by hand): the count drops but nobody was promoted.
        await WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE "SignUps" SET "Status" = 'Cancelled' WHERE "Id" = (SELECT "Id" FROM "SignUps" WHERE "ShiftId" = {shiftId} AND "Status" = 'Confirmed' LIMIT 1);
            UPDATE "Shifts" SET "Confirmed" = "Confirmed" - 1 WHERE "Id" = {shiftId};
            """));
        await using var second = Host.WithWebHostBuilder(_ => { });
        var sweepers = new[] { Services.GetRequiredService<ShiftPlaceSweeper>(), second.Services.GetRequiredService<ShiftPlaceSweeper>() };

        var promoted = await Task.WhenAll(sweepers.SelectMany(s => Enumerable.Range(0, 4).Select(_ => Task.Run(() => s.RunOnceAsync(CancellationToken.None)))));

        Assert.That(promoted.Sum(), Is.EqualTo(1));
        var shift = await WithDbAsync(db => db.Shifts.AsNoTracking().SingleAsync(s => s.Id == shiftId));
        Assert.That((shift.Confirmed, shift.Waitlisted), Is.EqualTo((2, 2)));
    }

    private Task<IReadOnlyList<Guid>> SeedVolunteersAsync(int count = Volunteers) => WeChatWish.Tests.Volunteers.MiniProgramSeed.VolunteersAsync(Services, count);

    private async Task<HttpStatusCode[]> StormAsync(Guid shiftId, IReadOnlyList<Guid> volunteers)
    {
        var clients = volunteers.Select(VolunteerClient).ToList();
        using var gate = new ManualResetEventSlim();
        var calls = clients.Select(c => Task.Run(async () =>
        {
            gate.Wait();
            using var response = await c.PostAsync($"/api/activities/shifts/{shiftId}/signup", null);
            return response.StatusCode;
        })).ToList();
        gate.Set();
        return await Task.WhenAll(calls);
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Staff.Rounds;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>The background job on a host of its own, with its jobs switched on and a clock the test moves.</summary>
public sealed class RoundJobsTests : ApiTestBase
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> _host = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        _host = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("StaffJobs:Enabled", "true");
            b.UseSetting("StaffJobs:PollInterval", "00:00:05");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock));
        });
    }

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [Test]
    public async Task AScheduledPublicationIsPublishedByTheJobOnceItsTimeComes()
    {
        var world = new StaffWorld(_host.Services, _clock);
        var wish = await world.VerifiedAsync();
        using var reviewer = _host.CreateStaffClient(await world.CreateStaffAsync("reviewer", StaffRole.Reviewer));

        using var response = await reviewer.PostAsJsonAsync($"/api/admin/rounds/{wish.Round}/publish", new { at = _clock.GetUtcNow().AddHours(2) });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.That(await StatusAsync(world, wish.Id), Is.EqualTo(WishStatus.Verified), "not yet due");

        _clock.Advance(TimeSpan.FromHours(2));
        var status = await StatusAsync(world, wish.Id);
        for (var i = 0; i < 100 && status != WishStatus.Published; i++)
        {
            // The job wakes on the fake clock; nudge it until its tick has run (bounded, never timed).
            await Task.Delay(100);
            _clock.Advance(TimeSpan.FromSeconds(5));
            status = await StatusAsync(world, wish.Id);
        }

        Assert.That(status, Is.EqualTo(WishStatus.Published));
        var schedule = await world.WithDbAsync(db => db.ScheduledPublications.SingleAsync());
        Assert.That(schedule.Status, Is.EqualTo(ScheduledPublicationStatus.Done));
        Assert.That(await world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "round.published" && a.ActorId == "scheduled-publication")), Is.EqualTo(1));
    }

    private static Task<WishStatus> StatusAsync(StaffWorld world, Guid id) =>
        world.WithDbAsync(db => db.Wishes.Where(w => w.Id == id).Select(w => w.Status).SingleAsync());
}

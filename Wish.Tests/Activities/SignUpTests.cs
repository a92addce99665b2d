using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Activities;

/// <summary>Staff create, publish and cancel activities; volunteers browse, sign up, wait, give up — over HTTP.</summary>
public sealed class SignUpTests : ActivityTestBase
{
    [Test]
    public async Task StaffCreateADraftWithShiftsAndPublishIt()
    {
        using var admin = await AdminClientAsync();
        var created = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "义务维修家电", content = "修理电视、电风扇", serviceKind = "repair", districtCode = "gulou", place = "幸福社区广场",
            location = new { lat = 32.06, lng = 118.78, radiusMeters = 300 },
            shifts = new[] { ShiftBody(Start.AddDays(2), 3, 5), ShiftBody(Start.AddDays(2).AddHours(4), 3, 8) },
            requirements = new { minStarLevel = 1 },
        }), 201);

        Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("draft"));
        Assert.That(created.GetProperty("serviceKind").GetString(), Is.EqualTo("repair"));
        Assert.That(created.GetProperty("location").GetProperty("radiusMeters").GetInt32(), Is.EqualTo(300));
        var shift = created.GetProperty("shifts")[1];
        Assert.That((shift.GetProperty("capacity").GetInt32(), shift.GetProperty("confirmed").GetInt32(), shift.GetProperty("waitlisted").GetInt32()),
            Is.EqualTo((8, 0, 0)));

        var published = await OkJsonAsync(await admin.PostAsync($"/api/admin/activities/{created.GetProperty("id")}/publish", null));
        Assert.That(published.GetProperty("status").GetString(), Is.EqualTo("published"));
        var again = await admin.PostAsync($"/api/admin/activities/{created.GetProperty("id")}/publish", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task ABadActivityGetsFieldErrorsNotAServerError()
    {
        using var admin = await AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "", content = "x", serviceKind = "dancing", districtCode = "atlantis", place = "p",
            shifts = new[] { new { startsAt = Start.AddDays(1), endsAt = Start.AddDays(1).AddHours(-1), capacity = 0 } },
        });
        var problem = await OkJsonAsync(response, 400);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name),
            Is.SupersetOf(new[] { "title", "serviceKind", "districtCode", "shifts[0].endsAt", "shifts[0].capacity" }));
    }

    [Test]
    public async Task ACoordinatorCreatesOnlyInTheirDistrict()
    {
        using var qixia = Host.CreateStaffClient(await World.CreateStaffAsync("qixia-c", StaffRole.DistrictCoordinator, "qixia"));
        var response = await qixia.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "t", content = "c", serviceKind = "other", districtCode = "gulou", place = "p", shifts = new[] { ShiftBody(Start.AddDays(1), 1, 1) },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task VolunteersBrowsePublishedActivitiesSoonestFirstPageByPage()
    {
        using var admin = await AdminClientAsync();
        var later = await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(3), 2, 5)]);
        var sooner = await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, 5)]);
        var past = await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 1, 5)]);
        await admin.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "草稿", content = "c", serviceKind = "other", districtCode = "gulou", place = "p", shifts = new[] { ShiftBody(Start.AddDays(1), 1, 1) },
        });
        Clock.Advance(TimeSpan.FromHours(3));
        var volunteer = await VolunteerClientAsync();

        var first = await OkJsonAsync(await volunteer.GetAsync("/api/activities?limit=1"));
        var second = await OkJsonAsync(await volunteer.GetAsync($"/api/activities?limit=1&cursor={first.GetProperty("nextCursor").GetString()}"));

        Assert.That(first.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(sooner.GetProperty("id").GetGuid()));
        Assert.That(second.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(later.GetProperty("id").GetGuid()));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "the ended and the draft are not listed");
        var health = await OkJsonAsync(await volunteer.GetAsync("/api/activities?serviceKind=repair"));
        Assert.That(health.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(past.GetProperty("id").GetGuid(), Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task BeyondCapacityVolunteersWaitInLineAndAGivenUpPlaceGoesToTheFirst()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, 1)]));
        var volunteers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => VolunteerAsync()));

        var answers = new List<System.Text.Json.JsonElement>();
        foreach (var v in volunteers)
            answers.Add(await OkJsonAsync(await VolunteerClient(v).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201));
        var repeat = await OkJsonAsync(await VolunteerClient(volunteers[2]).PostAsync($"/api/activities/shifts/{shiftId}/signup", null));

        Assert.That(answers.Select(a => a.GetProperty("status").GetString()), Is.EqualTo(new[] { "confirmed", "waitlisted", "waitlisted" }));
        Assert.That(answers.Skip(1).Select(a => a.GetProperty("position").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(repeat.GetProperty("position").GetInt32(), Is.EqualTo(2), "signing up again answers the same place");

        Assert.That((await VolunteerClient(volunteers[0]).DeleteAsync($"/api/activities/shifts/{shiftId}/signup")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var mine = await OkJsonAsync(await VolunteerClient(volunteers[1]).GetAsync("/api/me/signups"));
        var third = await OkJsonAsync(await VolunteerClient(volunteers[2]).GetAsync("/api/me/signups"));
        Assert.That(mine.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("confirmed"));
        Assert.That(third.GetProperty("items")[0].GetProperty("position").GetInt32(), Is.EqualTo(1), "the line moved up");
        var promoted = await WithDbAsync(db => db.NotificationJobs.CountAsync(j => j.TemplateKey == "activity.promoted"));
        Assert.That(promoted, Is.EqualTo(1));
    }

    [Test]
    public async Task AConfirmedPlaceCannotBeGivenUpInsideTheCutoff()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(3), 2, 5)]));
        var volunteer = await VolunteerClientAsync();
        await OkJsonAsync(await volunteer.PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);

        Clock.Advance(TimeSpan.FromMinutes(61));
        var problem = await OkJsonAsync(await volunteer.DeleteAsync($"/api/activities/shifts/{shiftId}/signup"), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityCancelTooLate));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("2小时"));
    }

    [Test]
    public async Task OverlappingShiftsAndIncompleteProfilesAreRefusedWithAReason()
    {
        using var admin = await AdminClientAsync();
        var morning = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 3, 5)]));
        var overlapping = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1).AddHours(2), 3, 5)]));
        var volunteer = await VolunteerClientAsync();
        await OkJsonAsync(await volunteer.PostAsync($"/api/activities/shifts/{morning}/signup", null), 201);

        var overlap = await OkJsonAsync(await volunteer.PostAsync($"/api/activities/shifts/{overlapping}/signup", null), 422);
        var incomplete = await OkJsonAsync(await (await VolunteerClientAsync(complete: false)).PostAsync($"/api/activities/shifts/{morning}/signup", null), 422);
        var unknown = await volunteer.PostAsync($"/api/activities/shifts/{Guid.NewGuid()}/signup", null);

        Assert.That(overlap.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityShiftOverlap));
        Assert.That(incomplete.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.VolunteerProfileIncomplete));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task CancellingAnActivityEndsEverySignUpAndTellsThem()
    {
        using var admin = await AdminClientAsync();
        var activity = await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, 1)]);
        var shiftId = ShiftId(activity);
        foreach (var _ in Enumerable.Range(0, 2))
            await OkJsonAsync(await (await VolunteerClientAsync()).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);

        var noReason = await admin.PostAsJsonAsync($"/api/admin/activities/{activity.GetProperty("id")}/cancel", new { reason = "" });
        var cancelled = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/activities/{activity.GetProperty("id")}/cancel", new { reason = "暴雨红色预警" }));
        var late = await (await VolunteerClientAsync()).PostAsync($"/api/activities/shifts/{shiftId}/signup", null);

        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That(cancelled.GetProperty("shifts")[0].GetProperty("confirmed").GetInt32(), Is.Zero);
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var (active, told) = await WithDbAsync(async db => (
            await db.SignUps.CountAsync(s => s.ShiftId == shiftId && s.Status != SignUpStatus.Cancelled),
            await db.NotificationRecipients.CountAsync(r => db.NotificationJobs.Any(j => j.Id == r.JobId && j.TemplateKey == "activity.cancelled"))));
        Assert.That((active, told), Is.EqualTo((0, 2)));
    }
}

using System.Net.Http.Json;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>Training gives certificates that activity requirements check; commendations award points into the love bank.</summary>
public sealed class TrainingTests : ActivityTestBase
{
    [Test]
    public async Task AnActivityNeedingACourseTakesOnlyVolunteersWithAValidCertificate()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(1), 2, 5)], requirements: new { trainingCourse = "应急救护" }));
        var trained = await VolunteerAsync();
        var untrained = await VolunteerAsync();
        var session = await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/trainings", new
        {
            course = "应急救护", title = "红十字初级救护", startsAt = Start.AddHours(-3), place = "市红十字会", districtCode = "gulou", certificateValidMonths = 24,
        }), 201);
        var url = $"/api/admin/trainings/{session.GetProperty("id")}/attendance";

        var recorded = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { volunteerIds = new[] { trained } }));
        var again = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { volunteerIds = new[] { trained } }));
        var refused = await OkJsonAsync(await VolunteerClient(untrained).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 422);
        var accepted = await VolunteerClient(trained).PostAsync($"/api/activities/shifts/{shiftId}/signup", null);

        Assert.That((recorded.GetProperty("issued").GetInt32(), again.GetProperty("issued").GetInt32(), again.GetProperty("alreadyCertified").GetInt32()),
            Is.EqualTo((1, 0, 1)));
        Assert.That(refused.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityTrainingRequired));
        Assert.That(refused.GetProperty("title").GetString(), Does.Contain("应急救护"));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(201));
        var certificates = await OkJsonAsync(await VolunteerClient(trained).GetAsync("/api/me/certificates"));
        Assert.That(certificates.GetProperty("items")[0].GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(Start.AddHours(-3).AddMonths(24)));
    }

    [Test]
    public async Task ACommendationsPointsAreAwardedAndShowInThePrintedPassbook()
    {
        using var admin = await AdminClientAsync();
        var volunteer = await VolunteerAsync();

        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/volunteers/{volunteer}/commendations",
            new { title = "优秀志愿者", year = 2026, citation = "全年坚持为独居老人送餐", points = 50 }), 201);

        var book = await OkJsonAsync(await admin.GetAsync($"/api/admin/volunteers/{volunteer}/passbook"));
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(50));
        Assert.That(book.GetProperty("ledger")[0].GetProperty("kind").GetString(), Is.EqualTo("awarded"));
        Assert.That(book.GetProperty("commendations")[0].GetProperty("citation").GetString(), Is.EqualTo("全年坚持为独居老人送餐"));
        var mine = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/commendations"));
        Assert.That(mine.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>The rotating code: a fresh, genuine code of the shift, scanned by a volunteer with a place, near the venue when asked.</summary>
public sealed class CheckInTests : ActivityTestBase
{
    private static readonly object Venue = new { lat = 32.0603, lng = 118.7969, radiusMeters = 200 };
    private static readonly object AtVenue = new { lat = 32.0604, lng = 118.7970 };

    private async Task<(HttpClient Admin, Guid ShiftId, HttpClient Volunteer)> SignedUpAsync(object? location = null)
    {
        var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)], location));
        var volunteer = await VolunteerClientAsync();
        await OkJsonAsync(await volunteer.PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);
        return (admin, shiftId, volunteer);
    }

    private static async Task<string> CodeAsync(HttpClient admin, Guid shiftId) =>
        (await OkJsonAsync(await admin.GetAsync($"/api/admin/activities/shifts/{shiftId}/checkin-code"))).GetProperty("token").GetString()!;

    private static Task<HttpResponseMessage> ScanAsync(HttpClient volunteer, string token, object? location = null) =>
        volunteer.PostAsJsonAsync("/api/activities/checkins", new { token, location });

    [Test]
    public async Task AVolunteerChecksInAndOutWithFreshCodes()
    {
        var (admin, shiftId, volunteer) = await SignedUpAsync();
        Clock.Advance(TimeSpan.FromMinutes(40));

        var code = await OkJsonAsync(await admin.GetAsync($"/api/admin/activities/shifts/{shiftId}/checkin-code"));
        Assert.That(code.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(Clock.GetUtcNow().AddSeconds(60)).Within(TimeSpan.FromSeconds(1)));
        var checkedIn = await OkJsonAsync(await ScanAsync(volunteer, code.GetProperty("token").GetString()!));
        Clock.Advance(TimeSpan.FromMinutes(90));
        var checkedOut = await OkJsonAsync(await ScanAsync(volunteer, await CodeAsync(admin, shiftId)));

        Assert.That(checkedIn.GetProperty("shiftId").GetGuid(), Is.EqualTo(shiftId));
        Assert.That(checkedIn.GetProperty("checkedOutAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(checkedOut.GetProperty("checkedOutAt").GetDateTimeOffset(), Is.EqualTo(Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
        var roster = await OkJsonAsync(await admin.GetAsync($"/api/admin/activities/shifts/{shiftId}/roster"));
        Assert.That(roster.GetProperty("entries")[0].GetProperty("scannedMinutes").GetInt32(), Is.EqualTo(70), "from the start at 11:00 (not the 10:40 check-in) to the check-out at 12:10");
    }

    [Test]
    public async Task AnExpiredCodeFromAnEarlierPhotoIsRefused()
    {
        var (admin, shiftId, volunteer) = await SignedUpAsync();
        Clock.Advance(TimeSpan.FromMinutes(40));
        var photographed = await CodeAsync(admin, shiftId);

        Clock.Advance(TimeSpan.FromSeconds(61));
        var problem = await OkJsonAsync(await ScanAsync(volunteer, photographed), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.CheckInTokenExpired));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("二维码已过期"));
    }

    [Test]
    public async Task ACodeScannedByAVolunteerWithoutAPlaceIsRefused()
    {
        var (admin, shiftId, _) = await SignedUpAsync();
        Clock.Advance(TimeSpan.FromMinutes(40));
        var code = await CodeAsync(admin, shiftId);

        var problem = await OkJsonAsync(await ScanAsync(await VolunteerClientAsync(), code), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityNotSignedUp));
    }

    [Test]
    public async Task AnotherShiftsCodeOrATamperedOneIsRefused()
    {
        var (admin, _, volunteer) = await SignedUpAsync();
        var otherShift = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)]));
        Clock.Advance(TimeSpan.FromMinutes(40));
        var other = await CodeAsync(admin, otherShift);
        var bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(other);
        bytes[5] ^= 0x01; // Another shift id under the same signature.

        var wrongShift = await OkJsonAsync(await ScanAsync(volunteer, other), 422);
        var tampered = await OkJsonAsync(await ScanAsync(volunteer, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes)), 422);
        var garbage = await OkJsonAsync(await ScanAsync(volunteer, "not-a-code!"), 422);

        Assert.That(wrongShift.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityNotSignedUp));
        Assert.That(tampered.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.CheckInTokenInvalid));
        Assert.That(garbage.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.CheckInTokenInvalid));
    }

    [Test]
    public async Task OutsideTheRadiusOrWithoutALocationTheScanIsRefused()
    {
        var (admin, shiftId, volunteer) = await SignedUpAsync(Venue);
        Clock.Advance(TimeSpan.FromMinutes(40));
        var code = await CodeAsync(admin, shiftId);

        var far = await OkJsonAsync(await ScanAsync(volunteer, code, new { lat = 32.0703, lng = 118.7969 }), 422);
        var none = await OkJsonAsync(await ScanAsync(volunteer, code), 422);
        var near = await ScanAsync(volunteer, code, AtVenue);

        Assert.That(far.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.CheckInOutOfRange));
        Assert.That(far.GetProperty("title").GetString(), Does.Contain("1112米").And.Contain("200米"));
        Assert.That(none.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.CheckInLocationRequired));
        Assert.That((int)near.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task CheckInIsRefusedMoreThanThirtyMinutesBeforeTheStart()
    {
        var (admin, shiftId, volunteer) = await SignedUpAsync();
        Clock.Advance(TimeSpan.FromMinutes(29));

        var problem = await OkJsonAsync(await ScanAsync(volunteer, await CodeAsync(admin, shiftId)), 422);

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityCheckInNotOpen));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("30分钟"));
    }
}

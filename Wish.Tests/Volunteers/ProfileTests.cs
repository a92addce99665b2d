using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeChatWish.Tests.Volunteers;

public sealed class ProfileTests : MiniProgramTestBase
{
    private static object ValidProfile(string phone = "13912345678") => new
    {
        name = "张志愿",
        gender = "male",
        birthYear = 1985,
        politicalStatus = "party_member",
        phone,
        specialties = new[] { "维修", "辅导功课", " ", "维修" },
        serviceIntent = "周末可以上门",
        districtCode = "xuanwu",
        organisation = "玄武义工大队",
    };

    [Test]
    public async Task ANewVolunteersProfileIsIncomplete()
    {
        var volunteer = await VolunteerClientAsync(complete: false);

        var me = await OkJsonAsync(await volunteer.GetAsync("/api/me"));

        Assert.That(me.GetProperty("profileComplete").GetBoolean(), Is.False);
        Assert.That(me.GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task PuttingAValidProfileCompletesItAndItReadsBack()
    {
        var volunteer = await VolunteerClientAsync(complete: false);

        var saved = await OkJsonAsync(await volunteer.PutAsJsonAsync("/api/me", ValidProfile()));
        var read = await OkJsonAsync(await volunteer.GetAsync("/api/me"));

        foreach (var profile in new[] { saved, read })
            Assert.Multiple(() =>
            {
                Assert.That(profile.GetProperty("profileComplete").GetBoolean(), Is.True);
                Assert.That(profile.GetProperty("name").GetString(), Is.EqualTo("张志愿"));
                Assert.That(profile.GetProperty("gender").GetString(), Is.EqualTo("male"));
                Assert.That(profile.GetProperty("politicalStatus").GetString(), Is.EqualTo("party_member"));
                Assert.That(profile.GetProperty("districtCode").GetString(), Is.EqualTo("xuanwu"));
                Assert.That(profile.GetProperty("specialties").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "维修", "辅导功课" }));
            });
    }

    [Test]
    public async Task InvalidFieldsAreEachNamedInTheProblem()
    {
        var volunteer = await VolunteerClientAsync(complete: false);

        var problem = await OkJsonAsync(await volunteer.PutAsJsonAsync("/api/me", new
        {
            name = "",
            gender = "unknown",
            birthYear = 1800,
            politicalStatus = "anarchist",
            phone = "12345",
            specialties = Enumerable.Range(0, 11).Select(i => $"特长{i}").ToArray(),
            districtCode = "atlantis",
        }), 400);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(errors, Is.SupersetOf(new[] { "name", "gender", "birthYear", "politicalStatus", "phone", "specialties", "districtCode" }));
        Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
        var me = await OkJsonAsync(await volunteer.GetAsync("/api/me"));
        Assert.That(me.GetProperty("profileComplete").GetBoolean(), Is.False, "nothing was saved");
    }

    [Test]
    public async Task ABirthYearInTheFutureIsRefused()
    {
        var profile = JsonSerializer.SerializeToNode(ValidProfile())!;
        profile["birthYear"] = DateTime.UtcNow.Year + 1;
        var volunteer = await VolunteerClientAsync(complete: false);

        var problem = await OkJsonAsync(await volunteer.PutAsJsonAsync("/api/me", profile), 400);

        Assert.That(problem.GetProperty("errors").TryGetProperty("birthYear", out _), Is.True);
    }

    [Test]
    public async Task ATokenForAVolunteerWhoNoLongerExistsAsksToSignInAgain()
    {
        var response = await VolunteerClient(Guid.NewGuid()).GetAsync("/api/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await JsonAsync(response)).GetProperty("title").GetString(), Does.Contain("重新登录"));
    }

    [Test]
    public async Task TheProfileNeedsAVolunteerToken()
    {
        var response = await Client.GetAsync("/api/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}

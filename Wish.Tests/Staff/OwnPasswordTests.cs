using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>A staff member changing their own password: the old one and the tokens issued with it stop working.</summary>
public sealed class OwnPasswordTests : ApiTestBase
{
    [Test]
    public async Task TheNewPasswordSignsInAndTheAnswerCarriesTheOnlyTokenThatStillWorks()
    {
        var world = new StaffWorld(Api.Services);
        var user = await world.CreateStaffAsync("reviewer-pw", StaffRole.Reviewer);
        // Issued in this very second, as a token stolen a moment ago would be: it must not outlive the change.
        using var old = Api.CreateStaffClient(user);

        using var changed = await old.PostAsJsonAsync("/api/admin/auth/password",
            new { currentPassword = StaffWorld.StaffPassword, newPassword = "Fresh-Password-42" });
        var answer = await changed.Content.ReadFromJsonAsync<JsonElement>();
        using var fresh = Api.CreateBearerClient(answer.GetProperty("accessToken").GetString()!);
        using var withOld = await old.GetAsync("/api/admin/stats");
        using var withFresh = await fresh.GetAsync("/api/admin/stats");
        using var oldSignIn = await Client.PostAsJsonAsync("/api/admin/auth/login", new { username = "reviewer-pw", password = StaffWorld.StaffPassword });
        using var newSignIn = await Client.PostAsJsonAsync("/api/admin/auth/login", new { username = "reviewer-pw", password = "Fresh-Password-42" });

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.GetProperty("userName").GetString(), Is.EqualTo("reviewer-pw"));
        Assert.That(withOld.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a token from before the change: sign in again");
        Assert.That(withFresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(oldSignIn.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(newSignIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AWrongCurrentPasswordIsAFieldErrorAndCountsTowardsTheLockout()
    {
        var world = new StaffWorld(Api.Services);
        var user = await world.CreateStaffAsync("reviewer-guess", StaffRole.Reviewer);
        using var client = Api.CreateStaffClient(user);

        using var response = await client.PostAsJsonAsync("/api/admin/auth/password", new { currentPassword = "not-it-123", newPassword = "Fresh-Password-42" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Four more wrong sign-ins from the same address make five: the lockout counted the wrong current password.
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
            statuses.Add((int)(await Client.PostAsJsonAsync("/api/admin/auth/login", new { username = "reviewer-guess", password = $"wrong-{i}-xyz" })).StatusCode);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty("currentPassword")[0].GetString(), Is.EqualTo("当前密码不正确。"));
        Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 423 }));
    }

    [Test]
    public async Task SignInSaysWhoIsSignedIn()
    {
        var world = new StaffWorld(Api.Services);
        await world.CreateStaffAsync("gulou-lead", StaffRole.DistrictCoordinator, "gulou");
        using var response = await Client.PostAsJsonAsync("/api/admin/auth/login", new { username = "gulou-lead", password = StaffWorld.StaffPassword });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(answer.GetProperty("userName").GetString(), Is.EqualTo("gulou-lead"));
        Assert.That(answer.GetProperty("districtCode").GetString(), Is.EqualTo("gulou"));
        Assert.That(answer.GetProperty("role").GetString(), Is.EqualTo("district_coordinator"));
    }
}

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
        // Issued a few seconds ago: tokens carry their issue time to the second, so one from this very second would outlive the change.
        var earlier = new TokenIssuer(Api.Services.GetRequiredService<IOptions<JwtOptions>>(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-5)))
            .IssueStaff(user.Id, user.UserName, Roles.Reviewer, null);
        using var old = Api.CreateBearerClient(earlier.AccessToken);

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
        Assert.That(withOld.IsSuccessStatusCode, Is.False, "a token from before the change");
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
        var failures = await world.WithDbAsync(db => Task.FromResult(db.StaffUsers.Single(u => u.Id == user.Id).FailedLoginCount));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty("currentPassword")[0].GetString(), Is.EqualTo("当前密码不正确。"));
        Assert.That(failures, Is.EqualTo(1));
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

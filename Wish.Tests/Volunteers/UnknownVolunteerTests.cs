using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Volunteers;

/// <summary>A token whose volunteer no longer exists (a reset database, say) is asked to sign in again, on every volunteer route.</summary>
public sealed class UnknownVolunteerTests : MiniProgramTestBase
{
    [Test]
    public async Task EveryVolunteerRouteAnswers401ToATokenOfAVolunteerWhoNoLongerExists()
    {
        // A wish free to claim, so the claim gets past the Redis gate to the transaction that finds no volunteer.
        var wish = await PublishedWishAsync();
        var ghost = VolunteerClient(Guid.NewGuid());

        var answers = new List<string>();
        foreach (var route in Routes(IsVolunteerRoute))
        {
            var method = route.Split(' ')[0];
            using var request = new HttpRequestMessage(new HttpMethod(method), Regex.Replace(route.Split(' ')[1].Replace("{id}", wish.Id.ToString()), @"\{\w+:guid\}", Guid.NewGuid().ToString()))
            {
                Content = method == "GET" ? null : JsonContent.Create(new { }),
            };
            using var response = await ghost.SendAsync(request);
            var problem = await JsonAsync(response);
            answers.Add($"{route} = {(int)response.StatusCode} {problem.GetProperty("code").GetString()}, {problem.GetProperty("title").GetString()}");
        }

        Assert.That(answers, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(answers, Has.Some.StartsWith("POST /api/wishes/{id}/claim ="));
        Assert.That(answers, Is.All.EndsWith($"= 401 {DomainErrorCodes.VolunteerUnknown}, 登录已失效，请重新登录。"), string.Join("\n", answers));
    }

    [Test]
    public async Task AStaffTokenOnAVolunteerRouteIsForbiddenNotAskedToSignInAgain()
    {
        using var admin = Api.CreateStaffClient(await new StaffWorld(Services).AdminAsync());

        var response = await admin.GetAsync("/api/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}

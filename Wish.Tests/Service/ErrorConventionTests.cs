using System.Net.Http.Json;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Service;

/// <summary>One error, one answer: the same code and the same words whichever route, volunteer or staff, runs into it.</summary>
public sealed class ErrorConventionTests : MiniProgramTestBase
{
    private readonly Guid _missing = Guid.NewGuid();
    private HttpClient _volunteer = null!;
    private HttpClient _reviewer = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        _volunteer = await VolunteerClientAsync();
        _reviewer = Api.CreateStaffClient(await new StaffWorld(Services).StaffAsync(StaffRole.Reviewer));
    }

    [TearDown]
    public void DisposeReviewer() => _reviewer.Dispose();

    [Test]
    public async Task AWishThatDoesNotExistIsTheSameAnswerOnEveryRoute()
    {
        var answers = await AnswersAsync(404,
            _volunteer.GetAsync($"/api/wishes/{_missing}"),
            _volunteer.PostAsync($"/api/wishes/{_missing}/claim", null),
            _reviewer.GetAsync($"/api/admin/wishes/{_missing}"),
            _reviewer.PostAsJsonAsync($"/api/admin/wishes/{_missing}/reject", new { reason = "不属于资助范围" }),
            _reviewer.PostAsJsonAsync($"/api/admin/wishes/{_missing}/follow-ups", new { method = "phone", satisfaction = 5 }));

        Assert.That(answers, Is.All.EqualTo($"{DomainErrorCodes.WishNotFound} 找不到这个心愿。"));
    }

    [Test]
    public async Task AClaimThatDoesNotExistIsTheSameAnswerOnEveryRoute()
    {
        var answers = await AnswersAsync(404,
            _volunteer.GetAsync($"/api/claims/{_missing}"),
            _volunteer.PostAsJsonAsync($"/api/claims/{_missing}/release", new { reason = "x" }),
            _reviewer.PostAsJsonAsync($"/api/admin/claims/{_missing}/revoke", new { reason = "志愿者联系不上" }));

        Assert.That(answers, Is.All.EqualTo($"{DomainErrorCodes.ClaimNotFound} 找不到这条认领记录。"));
    }

    /// <summary>"code title" of each answer, each of which must have <paramref name="status"/>.</summary>
    private static async Task<List<string>> AnswersAsync(int status, params Task<HttpResponseMessage>[] calls)
    {
        var answers = new List<string>();
        foreach (var call in calls)
        {
            using var response = await call;
            var problem = await OkJsonAsync(response, status);
            answers.Add($"{problem.GetProperty("code").GetString()} {problem.GetProperty("title").GetString()}");
        }
        return answers;
    }
}

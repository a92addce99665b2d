using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

public sealed class SignInJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task AWrongPasswordShowsWhyAndTheRightOneOpensTheDashboard()
    {
        await World.FulfilledAsync("gulou");
        await World.FulfilledAsync("qixia");
        await World.ClaimedAsync("gulou");
        await World.VerifiedAsync("xuanwu");
        await World.SubmittedAsync("gulou");
        await GoAsync("");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login$"));
        await ScreenshotAsync("sign-in");

        await Page.GetByLabel("用户名").FillAsync("admin");
        await Page.GetByLabel("密码").FillAsync("not-the-password-1");
        await Page.GetByTestId("sign-in").ClickAsync();
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("用户名或密码错误");

        await SignInAsAdminAsync();
        await Expect(Page.GetByTestId("whoami")).ToContainTextAsync("admin（管理员）");
        await Expect(Page.GetByTestId("target")).ToContainTextAsync("/ 600 个");
        await Expect(Page.GetByTestId("budget")).ToContainTextAsync("50,000 元");
        await Expect(Page.GetByTestId("target")).ToContainTextAsync("2 / 600 个");
        await ScreenshotAsync("dashboard");
    }

    [Test]
    public async Task FiveWrongPasswordsLockTheAccountAndTheConsoleSaysUntilWhen()
    {
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await GoAsync("login");
        for (var i = 0; i < 5; i++)
        {
            await Page.GetByLabel("用户名").FillAsync("reviewer1");
            await Page.GetByLabel("密码").FillAsync("wrong-password-" + i);
            await Page.GetByTestId("sign-in").ClickAsync();
            await Expect(Page.GetByTestId("problem")).ToBeVisibleAsync();
        }
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"已暂时锁定，请于\d{2}:\d{2}后再试"));
    }

    [Test]
    public async Task AnExpiredSessionGoesToSignInAndThenBackToThePage()
    {
        await SignInAsAdminAsync();
        await GoAsync("claims");
        await Expect(Page.GetByTestId("claims-active")).ToBeVisibleAsync();

        // A token that ran out an hour ago, as the person's browser would hold after a long lunch.
        var admin = await World.AdminAsync();
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-9));
        var expired = new TokenIssuer(Host.Services.GetRequiredService<IOptions<JwtOptions>>(), past)
            .IssueStaff(admin);
        var stored = JsonSerializer.Serialize(new
        {
            Token = expired.AccessToken, ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), Id = admin.Id, UserName = "admin", Role = "admin",
            DistrictCode = (string?)null,
        });
        await Page.EvaluateAsync("s => localStorage.setItem('wechatwish.console.session', s)", stored);

        await Page.ReloadAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login\\?returnUrl=claims&expired=1$"));
        await Expect(Page.GetByTestId("expired")).ToBeVisibleAsync();
        await SignInAsAdminAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/claims$"));
        await Expect(Page.GetByTestId("claims-active")).ToBeVisibleAsync();
    }

    [Test]
    public async Task SigningOutLeavesNoWayBackWithoutSigningIn()
    {
        await SignInAsAdminAsync();
        await Page.GetByTestId("sign-out").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login$"));
        await GoAsync("password");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login\\?returnUrl=password$"));
    }
}

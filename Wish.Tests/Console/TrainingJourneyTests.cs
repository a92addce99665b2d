using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WeChatWish.Tests.Volunteers;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Staff run a training from the console: create a session of a DESIGN.md §9 course, record who attended, see the certificates.</summary>
public sealed class TrainingJourneyTests : ConsoleTestBase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // As in the activities journeys: a page's first API answer has taken longer than 5 s on a busy two-core machine.
    private static readonly LocatorAssertionsToHaveCountOptions Loaded = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToContainTextOptions Says = new() { Timeout = 20_000 };

    private async Task PickAsync(string label, string option)
    {
        await Page.GetByLabel(label).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
    }

    [Test]
    public async Task StaffCreateATrainingSessionRecordAVolunteersAttendanceAndSeeTheCertificate()
    {
        var volunteer = await MiniProgramSeed.VolunteerAsync(Host.Services, name: "孙培训");
        await SignInAsAdminAsync();
        await GoAsync("trainings");
        await Expect(Page.GetByTestId("trainings")).ToContainTextAsync("还没有培训场次", Says);
        await Page.GetByTestId("create-training").ClickAsync();
        await Expect(Page.GetByText("请填写培训课程")).ToBeVisibleAsync(Shown);
        Assert.That(await World.WithDbAsync(db => db.TrainingSessions.CountAsync()), Is.Zero);

        var day = DateTimeOffset.UtcNow.AddDays(-1).ToOffset(China).Date;
        await PickAsync("培训课程", "应急救护");
        await Page.GetByLabel("培训名称（可选）").FillAsync("红十字急救员初级培训");
        await Page.GetByLabel("培训时间").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T09:00");
        await Page.GetByLabel("培训地点").FillAsync("鼓楼区红十字会培训室");
        await PickAsync("所在区", "鼓楼区");
        await Page.GetByLabel("证书有效期（月，空为长期）").FillAsync("24");
        await Page.GetByTestId("create-training").ClickAsync();

        var rows = Page.GetByTestId("training-row");
        await Expect(rows).ToHaveCountAsync(1, Loaded);
        await Expect(rows).ToContainTextAsync("应急救护");
        await Expect(rows).ToContainTextAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 09:00");
        await Expect(rows).ToContainTextAsync("0 人");
        var session = await World.WithDbAsync(db => db.TrainingSessions.SingleAsync());
        Assert.That((session.Course, session.DistrictCode, session.CertificateValidMonths, session.StartsAt.ToOffset(China).Hour),
            Is.EqualTo(("应急救护", "gulou", (int?)24, 9)));

        await Expect(Page.GetByTestId("attendance-panel")).ToBeVisibleAsync(Shown);
        await Page.GetByLabel("查找志愿者（姓名或手机号）").FillAsync("孙培训");
        await Page.GetByTestId("search-volunteers").ClickAsync();
        var found = Page.GetByTestId("volunteer-result");
        await Expect(found).ToHaveCountAsync(1, Loaded);
        await found.GetByTestId("pick-volunteer").ClickAsync();
        await Expect(Page.GetByTestId("picked")).ToContainTextAsync("已选 1 人");
        await Page.GetByTestId("confirm-training-attendance").ClickAsync();

        await Expect(Page.GetByTestId("training-result")).ToContainTextAsync("新发证书 1 张", Says);
        await Expect(Page.GetByTestId("certificates")).ToContainTextAsync("孙培训");
        await Expect(Page.GetByTestId("certificates")).ToContainTextAsync("应急救护 培训证书");
        await Expect(rows).ToContainTextAsync("1 人");
        await ScreenshotAsync("trainings");
        var certificate = await World.WithDbAsync(db => db.TrainingCertificates.SingleAsync());
        Assert.That((certificate.VolunteerId, certificate.Course, certificate.SessionId), Is.EqualTo((volunteer, "应急救护", session.Id)));
        Assert.That(certificate.ExpiresAt, Is.Not.Null, "a 24-month certificate expires");

        await GoAsync($"volunteers/{volunteer}/passbook");
        await Expect(Page.GetByTestId("printable-passbook")).ToContainTextAsync("应急救护", Says);
    }
}

using System.Text;
using WeChatWish.Domain;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Console;

public sealed class ExportsJourneyTests : ConsoleTestBase
{
    [Test]
    public async Task AReviewersExportIsTheFilteredListWithNamesMasked()
    {
        var submitted = await World.SubmittedAsync("gulou");
        var verified = await World.VerifiedAsync("gulou");
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);
        await GoAsync("exports");
        await Page.GetByLabel("状态").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "待审核" }).ClickAsync();
        await ScreenshotAsync("exports");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("export-wishes").ClickAsync());
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path, Encoding.UTF8);

        Assert.That(download.SuggestedFilename, Does.EndWith(".csv"));
        Assert.That(csv, Does.Contain(submitted.Code));
        Assert.That(csv, Does.Not.Contain(verified.Code), "the status filter is followed");
        Assert.That(csv, Does.Contain("王**").And.Not.Contain("王秀英"), "a reviewer's export masks names");
    }

    [Test]
    public async Task TheExcelButtonDownloadsAWorkbookOfTheSameFilteredList()
    {
        var submitted = await World.SubmittedAsync("gulou");
        var verified = await World.VerifiedAsync("gulou");
        await World.CreateStaffAsync("reviewer1", StaffRole.Reviewer);
        await SignInAsync("reviewer1", StaffWorld.StaffPassword);
        await GoAsync("exports");
        await Page.GetByLabel("状态").ClickAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "待审核" }).ClickAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("export-wishes-xlsx").ClickAsync());
        await using var file = File.OpenRead(await download.PathAsync());
        var codes = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r["编号"]?.ToString()).ToList();

        Assert.That(download.SuggestedFilename, Does.EndWith(".xlsx"));
        Assert.That(codes, Does.Contain(submitted.Code).And.Not.Contain(verified.Code));
    }
}

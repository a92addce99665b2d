using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Imports;
using Microsoft.Playwright;
using WeChatWish.Domain;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>Wishes that come in by telephone, on a visit or in a spreadsheet.</summary>
public sealed class IntakeJourneyTests : ConsoleTestBase
{
    private const string Header = "姓名,电话,地址,类别,类型,所在区,心愿内容,预估费用";

    private static readonly string[] GoodRows =
    [
        "王秀英,13812345678,鼓楼区中山路1号,孤寡老人,物品,鼓楼区,想要一个电暖器,120",
        "张小明,13812345679,,poor_student,goods,gulou,想要一个新书包,85.50",
        "李桂兰,13812345680,玄武区某街道2号,低保户,服务,xuanwu,希望有人帮忙修理漏水的屋顶,200",
    ];

    private ILocator Field(string label) => Page.Locator(".mud-input-control").Filter(new() { Has = Page.GetByLabel(label) });

    private async Task PickAsync(string label, string option)
    {
        await Page.GetByLabel(label).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
    }

    private Task<int> WishCountAsync() => World.WithDbAsync(db => db.Wishes.CountAsync());

    [Test]
    public async Task AHotlineEntryWithABadPhoneSaysSoBesideThePhoneAndCorrectedCreatesTheWish()
    {
        await SignInAsAdminAsync();
        await GoAsync("entry");
        await Page.GetByLabel("受助人姓名").FillAsync("赵大爷");
        await Page.GetByLabel("手机号码").FillAsync("1234");
        await PickAsync("受助人类别", "孤寡老人");
        await PickAsync("所在区", "鼓楼区");
        await Page.GetByLabel("心愿内容").FillAsync("想要一个助行器，方便下楼");
        await Page.GetByLabel("预估费用").FillAsync("150");
        await Page.GetByTestId("submit-entry").ClickAsync();

        await Expect(Field("手机号码")).ToContainTextAsync("手机号码应为11位数字");
        await Expect(Field("受助人姓名")).Not.ToContainTextAsync("请");
        Assert.That(await WishCountAsync(), Is.Zero);
        await ScreenshotAsync("entry");

        await Page.GetByLabel("手机号码").FillAsync("13812345678");
        await Page.GetByTestId("submit-entry").ClickAsync();

        await Expect(Page.GetByTestId("entered")).ToContainTextAsync("已录入心愿");
        var wish = await World.WithDbAsync(db => db.Wishes.SingleAsync());
        Assert.That((wish.Channel, wish.DistrictCode, wish.EstimatedCost), Is.EqualTo((WishChannel.Hotline, "gulou", 150m)));
        await Expect(Page.GetByTestId("entered-link")).ToHaveTextAsync(wish.Code);
        await Expect(Page.GetByTestId("entered-link")).ToHaveAttributeAsync("href", new Regex($"wishes/{wish.Id}$"));
    }

    [Test]
    public async Task AFileWithABadThirdRowShowsItsRowNumberAndImportsNothingThenTheCorrectedFileImports()
    {
        await SignInAsAdminAsync();
        await GoAsync("import");
        var bad = Csv(GoodRows[0], GoodRows[1], "赵德明,1234,某地,孤寡老人,物品,鼓楼区,想要一个助行器,150");
        await ChooseFileAsync("扶贫办名单.csv", bad);
        await Page.GetByTestId("preview-import").ClickAsync();

        // The third data row is the spreadsheet's row 4: row 1 holds the column names.
        var errors = Page.GetByTestId("row-errors");
        await Expect(errors).ToContainTextAsync("第 4 行");
        await Expect(errors).ToContainTextAsync("手机号码应为11位数字");
        await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);

        await Page.GetByTestId("commit-import").ClickAsync();
        await Expect(Page.GetByTestId("problem")).ToContainTextAsync("所有行均未导入");
        await Expect(Page.GetByTestId("row-errors")).ToContainTextAsync("第 4 行");
        Assert.That(await WishCountAsync(), Is.Zero, "an import with a bad row imports nothing");
        await Expect(Page.GetByTestId("import-history").Locator("tbody tr").First).ToContainTextAsync("未导入");

        await ChooseFileAsync("扶贫办名单（改正）.csv", Csv(GoodRows));
        await Page.GetByTestId("preview-import").ClickAsync();
        await Expect(Page.GetByTestId("preview-summary")).ToContainTextAsync("共 3 行可以导入");
        await Expect(Page.GetByTestId("preview-rows").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(Page.GetByTestId("preview-rows")).ToContainTextAsync("王**");
        Assert.That(await WishCountAsync(), Is.Zero, "a preview stores nothing");

        await Page.GetByTestId("commit-import").ClickAsync();
        await Expect(Page.GetByTestId("imported")).ToContainTextAsync("已导入 3 个心愿");
        Assert.That(await WishCountAsync(), Is.EqualTo(3));
        var latest = Page.GetByTestId("import-history").Locator("tbody tr").First;
        await Expect(latest).ToContainTextAsync("扶贫办名单（改正）.csv");
        await Expect(latest).ToContainTextAsync("已导入");
    }

    [Test]
    public async Task ABackgroundImportShowsItsProgressAndRowErrorsAndAQueuedOneCanBeCancelled()
    {
        await SignInAsAdminAsync();
        await GoAsync("import");
        await ChooseFileAsync("扶贫办大名单.csv", Csv(GoodRows[0], GoodRows[1], "赵德明,1234,某地,孤寡老人,物品,鼓楼区,想要一个助行器,150"));
        await Page.GetByTestId("start-job").ClickAsync();
        await Expect(Page.GetByTestId("job-status")).ToHaveTextAsync("排队中");
        await Expect(Page.GetByTestId("cancel-job")).ToBeVisibleAsync();

        // The test host runs no job by itself: this is the runner's pass another instance would make. The page polls for it.
        Assert.That(await Host.Services.GetRequiredService<ImportJobRunner>().RunOnceAsync(), Is.True);
        await Expect(Page.GetByTestId("job-status")).ToHaveTextAsync("未导入");
        await Expect(Page.GetByTestId("job-progress")).ToContainTextAsync("已检查 3 行（共 3 行），有效 2 行，有误 1 行");
        await Expect(Page.GetByTestId("job-row-errors")).ToContainTextAsync("第 4 行");
        await Expect(Page.GetByTestId("job-row-errors")).ToContainTextAsync("手机号码应为11位数字");
        await Expect(Page.GetByTestId("cancel-job")).Not.ToBeVisibleAsync();
        await Expect(Page.GetByTestId("import-history").Locator("tbody tr").First).ToContainTextAsync("扶贫办大名单.csv");
        Assert.That(await WishCountAsync(), Is.Zero);
        await ScreenshotAsync("import");

        await ChooseFileAsync("扶贫办名单（改正）.csv", Csv(GoodRows));
        await Page.GetByTestId("start-job").ClickAsync();
        await Expect(Page.GetByTestId("job-status")).ToHaveTextAsync("排队中");
        await Page.GetByTestId("cancel-job").ClickAsync();
        await Expect(Page.GetByTestId("job-status")).ToHaveTextAsync("已取消");
        await Expect(Page.GetByTestId("job-message")).ToContainTextAsync("所有行均未导入");
        Assert.That(await Host.Services.GetRequiredService<ImportJobRunner>().RunOnceAsync(), Is.False, "a cancelled job is not run");
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    private static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")];

    // MudFileUpload adds a fresh input after each choice; the last one is the one that listens.
    private Task ChooseFileAsync(string name, byte[] content) =>
        Page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
}

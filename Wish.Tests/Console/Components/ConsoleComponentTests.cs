using Bunit;
using MudBlazor.Services;
using WeChatWish.Console.Api;
using WeChatWish.Console.Shared;
using Breakdown = WeChatWish.Console.Api.Breakdown;

namespace WeChatWish.Tests.Console.Components;

/// <summary>The logic that lives in the console's components and helpers, rendered with bUnit, no browser.</summary>
public sealed class ConsoleComponentTests
{
    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static ApiProblem Problem(string title, Dictionary<string, string[]> errors) => new(400, title, null, "validation.invalid", errors);

    [Test]
    public void AProblemAlertLeavesOutTheFieldErrorsShownBesideTheirInputs()
    {
        using var context = Context();
        var problem = Problem("提交的内容有误，请检查后重试。", new()
        {
            ["beneficiary.phone"] = ["请填写正确的手机号。"],
            ["content"] = ["心愿内容至少2个字。"],
        });

        var alert = context.Render<ProblemAlert>(p => p.Add(a => a.Problem, problem).Add(a => a.ShownFields, ["beneficiary.phone"]));

        Assert.That(alert.Markup, Does.Contain("提交的内容有误").And.Contain("心愿内容至少2个字。"));
        Assert.That(alert.Markup, Does.Not.Contain("请填写正确的手机号"));
        Assert.That(problem.For("Beneficiary.Phone"), Is.EqualTo("请填写正确的手机号。"), "field paths match whatever their case");
    }

    [Test]
    public void NoProblemRendersNothing()
    {
        using var context = Context();
        var alert = context.Render<ProblemAlert>(p => p.Add(a => a.Problem, (ApiProblem?)null));
        Assert.That(alert.Markup.Trim(), Is.Empty);
    }

    [Test]
    public void BreakdownsShowEachRowsShareFulfilledAndSayWhenThereIsNone()
    {
        using var context = Context();
        var rows = new List<Breakdown> { new("gulou", "鼓楼区", 4, 1), new("qixia", null, 0, 0) };

        var table = context.Render<Breakdowns>(p => p.Add(b => b.Rows, rows).Add(b => b.Name, b => b.Name ?? "栖霞区"));
        var empty = context.Render<Breakdowns>(p => p.Add(b => b.Rows, new List<Breakdown>()).Add(b => b.Name, b => b.Key));

        Assert.That(table.FindAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent), Is.EqualTo(new[] { "鼓楼区", "栖霞区" }));
        Assert.That(empty.Markup, Does.Contain("暂无数据"));
    }

    [Test]
    public void FiltersBuildTheQueryTheApiReadsAndTheExportFollowsThem()
    {
        Assert.That("api/admin/audit" + new QueryString().Add("page", 2).Add("action", " wish. ").Add("entityId", null).Add("flagged", true),
            Is.EqualTo("api/admin/audit?page=2&action=wish.&flagged=true"));
        Assert.That(WishExport.Url(2026, null, "submitted", "gulou"), Is.EqualTo("api/admin/exports/wishes.csv?year=2026&status=submitted&districtCode=gulou"));
        Assert.That(WishExport.Url(2026, "202612", null, null), Is.EqualTo("api/admin/exports/wishes.csv?round=202612"), "a round wins over the year");
        Assert.That(WishExport.Url(2026, null, null, "gulou", "xlsx"), Is.EqualTo("api/admin/exports/wishes.xlsx?year=2026&districtCode=gulou"));
        Assert.That(UploadType.Of("名单.XLSX"), Is.EqualTo(WishExport.XlsxType));
        Assert.That(UploadType.Of("名单.csv"), Is.EqualTo("text/csv"));
    }

    [Test]
    public void TimesAreShownInChinaTimeAndMoneyInYuan()
    {
        var lateUtc = new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero);
        Assert.That(ChinaTime.Format(lateUtc), Is.EqualTo("2027-01-01 01:30"));
        Assert.That(ChinaTime.Format(null), Is.EqualTo("—"));
        Assert.That(ChinaTime.Yuan(50000m), Is.EqualTo("50,000 元"));
        Assert.That(ChinaTime.Yuan(99.5m), Is.EqualTo("99.5 元"));
        Assert.That(ChinaTime.RoundName("202603"), Is.EqualTo("2026年3月"));
    }

    [TestCase("wishes/42?tab=submitted", "wishes/42?tab=submitted")]
    [TestCase("//evil.example/console", "")]
    [TestCase("https://evil.example", "")]
    [TestCase("/api/admin/staff", "")]
    [TestCase("\\\\evil.example", "")]
    [TestCase(null, "")]
    public void AfterSignInOnlyAConsolePageIsFollowed(string? returnUrl, string expected) =>
        Assert.That(SignInPage.SafeReturn(returnUrl), Is.EqualTo(expected));
}

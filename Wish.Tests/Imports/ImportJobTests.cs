using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using WeChatWish.Api.Imports;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Imports;

/// <summary>
/// Background imports: all-or-nothing as the synchronous import, progress that only grows, cancel, and a job whose instance died
/// taken over by another host. The tests run the jobs themselves (<see cref="ImportJobRunner.RunOnceAsync"/>), so nothing depends on timing.
/// </summary>
public sealed class ImportJobTests : ApiTestBase
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly object?[] Header = ["姓名", "电话", "地址", "类别", "类型", "所在区", "心愿内容", "预估费用"];
    private StaffWorld _world = null!;
    private HttpClient _reviewer = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        _world = new StaffWorld(Api.Services);
        _reviewer = Api.CreateStaffClient(await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer));
    }

    [TearDown]
    public void DisposeReviewer() => _reviewer.Dispose();

    /// <summary>A valid row for sheet row <paramref name="line"/> (a different person each: the phone carries the row number).</summary>
    private static object?[] GoodRow(int line) =>
        ["王秀英", 13800000000L + line, "鼓楼区中山路1号", "孤寡老人", "物品", "鼓楼区", "想要一个电暖器过冬", 120];

    /// <summary>A workbook of <paramref name="dataRows"/> valid rows (sheet rows 2…), with the rows named in <paramref name="bad"/> given a bad phone.</summary>
    private static byte[] Workbook(int dataRows, params int[] bad)
    {
        var rows = new List<object?[]> { Header };
        for (var line = 2; line < dataRows + 2; line++)
        {
            var row = GoodRow(line);
            if (bad.Contains(line)) row[1] = "1234";
            rows.Add(row);
        }
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.Select((v, i) => (Key: $"c{i}", Value: v)).ToDictionary(c => c.Key, c => c.Value)).ToList(),
            printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private async Task<Guid> SubmitAsync(byte[] bytes, HttpClient? client = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        using var response = await (client ?? _reviewer).PostAsync("/api/admin/imports/jobs", new MultipartFormDataContent { { file, "file", "扶贫办名单.xlsx" } });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("queued"));
        var id = body.GetProperty("id").GetGuid();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/admin/imports/jobs/{id}"));
        return id;
    }

    private Task<JsonElement> JobAsync(Guid id) => _reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/imports/jobs/{id}");

    private ImportJobRunner Runner => Api.Services.GetRequiredService<ImportJobRunner>();

    private Task<int> WishCountAsync() => _world.WithDbAsync(db => db.Wishes.CountAsync());

    [Test]
    public async Task AFiftyRowJobImportsEveryRowAndEndsSucceeded()
    {
        var id = await SubmitAsync(Workbook(50));

        Assert.That(await Runner.RunOnceAsync(), Is.True);
        var job = await JobAsync(id);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
        Assert.That(job.GetProperty("imported").GetInt32(), Is.EqualTo(50));
        Assert.That((job.GetProperty("rowsChecked").GetInt32(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("errorRows").GetInt32()),
            Is.EqualTo((50, 50, 0)));
        Assert.That(job.GetProperty("firstCode").GetString(), Does.EndWith("-0001"));
        Assert.That(job.GetProperty("lastCode").GetString(), Does.EndWith("-0050"));
        var wishes = await _world.WithDbAsync(db => db.Wishes.Include(w => w.History)
            .Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { w, b.Phone, b.Address }).ToListAsync());
        Assert.That(wishes, Has.Count.EqualTo(50));
        Assert.That(wishes.Select(x => x.w.Status), Is.All.EqualTo(WishStatus.Submitted));
        Assert.That(wishes.Select(x => x.w.Channel), Is.All.EqualTo(WishChannel.Import));
        Assert.That(wishes.Select(x => x.w.History.Count), Is.All.EqualTo(1), "each wish has its Submitted step");
        Assert.That(wishes.Select(x => x.Phone), Is.Unique.And.Contains("13800000002"));
        Assert.That(await _world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "wish.submitted")), Is.EqualTo(50),
            "the audit line every status change gets");
        var history = await _reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes/imports");
        Assert.That(history.GetProperty("items")[0].GetProperty("imported").GetInt32(), Is.EqualTo(50), "in the import history like any import");
        Assert.That(await _world.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == id).Select(j => j.File).SingleAsync()), Is.Null,
            "the file is dropped once the job ends");
    }

    [Test]
    public async Task OneBadRowAtTheEndImportsNothingAndNamesItsSheetRow()
    {
        var id = await SubmitAsync(Workbook(1500, 1501));

        await Runner.RunOnceAsync();
        var job = await JobAsync(id);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"), job.ToString());
        Assert.That(job.GetProperty("message").GetString(), Does.Contain("1行有误").And.Contain("均未导入"));
        Assert.That((job.GetProperty("rowsChecked").GetInt32(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("errorRows").GetInt32()),
            Is.EqualTo((1500, 1499, 1)));
        var errors = job.GetProperty("rowErrors").EnumerateArray().ToList();
        Assert.That(errors.Select(e => e.GetProperty("row").GetInt32()), Is.EqualTo(new[] { 1501 }), "the sheet's row: the header is row 1");
        Assert.That(errors[0].GetProperty("message").GetString(), Does.Contain("手机号码"));
        Assert.That(await WishCountAsync(), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.Beneficiaries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task ASecondRowForTheSamePersonIsABadRowAsInTheSynchronousImport()
    {
        var id = await SubmitAsync(Workbook(3));
        await Runner.RunOnceAsync();
        // The same three people again: each already has a wish waiting for review.
        var again = await SubmitAsync(Workbook(3));

        await Runner.RunOnceAsync();
        var job = await JobAsync(again);

        Assert.That((await JobAsync(id)).GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("message").GetString()), Has.All.Contains("正在审核中"));
        Assert.That(await WishCountAsync(), Is.EqualTo(3));
    }

    [Test]
    public async Task CancellingMidwayImportsNothing()
    {
        var id = await SubmitAsync(Workbook(2500));
        HttpStatusCode? cancel = null;

        await Runner.RunOnceAsync(afterBatch: async progress =>
        {
            if (cancel is not null) return;
            using var response = await _reviewer.PostAsync($"/api/admin/imports/jobs/{id}/cancel", null);
            cancel = response.StatusCode;
        });
        var job = await JobAsync(id);

        Assert.That(cancel, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("cancelled"), job.ToString());
        Assert.That(job.GetProperty("rowsChecked").GetInt32(), Is.LessThan(2500), "the runner stopped at the next batch");
        Assert.That(await WishCountAsync(), Is.Zero);
        using var again = await _reviewer.PostAsync($"/api/admin/imports/jobs/{id}/cancel", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await Runner.RunOnceAsync(), Is.False, "a cancelled job is not taken again");
    }

    [Test]
    public async Task ProgressCountsOnlyGrowWhileAJobIsChecked()
    {
        var id = await SubmitAsync(Workbook(3500, 900, 2100, 3300));
        var seen = new List<(int Checked, int Valid, int Errors)>();

        await Runner.RunOnceAsync(afterBatch: async _ =>
        {
            var job = await JobAsync(id);
            seen.Add((job.GetProperty("rowsChecked").GetInt32(), job.GetProperty("rowsValid").GetInt32(), job.GetProperty("errorRows").GetInt32()));
        });
        var final = await JobAsync(id);

        Assert.That(seen, Has.Count.EqualTo(4), "one progress write per batch of 1,000 rows");
        Assert.That(seen.Select(s => s.Checked), Is.Ordered.Ascending.And.Unique);
        Assert.That(seen.Select(s => s.Valid), Is.Ordered.Ascending);
        Assert.That(seen.Select(s => s.Errors), Is.EqualTo(new[] { 1, 1, 2, 3 }), "an error shows in the progress of the batch that found it");
        Assert.That(final.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()), Is.EqualTo(new[] { 900, 2100, 3300 }));
        Assert.That(final.GetProperty("status").GetString(), Is.EqualTo("failed"));
    }

    [Test]
    public async Task AJobWhoseInstanceDiedIsTakenOverBySecondHostOnceItsLeaseRunsOut()
    {
        var id = await SubmitAsync(Workbook(50));
        // The shared host takes the job and "dies": its lease stays on the row.
        await _world.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE "ImportJobs" SET "Status" = 'Running', "LeaseOwner" = 'dead-host', "LeaseUntil" = now() + interval '1 minute', "Attempts" = 1
            WHERE "Id" = {id}
            """));
        await using var second = new WishApiFactory((await TestRun.RedisAsync()).ConnectionString);
        var runner = second.Services.GetRequiredService<ImportJobRunner>();

        Assert.That(await runner.RunOnceAsync(), Is.False, "a job whose lease holds is left to its instance");
        await _world.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "ImportJobs" SET "LeaseUntil" = now() - interval '1 second' WHERE "Id" = {id}"""));
        Assert.That(await runner.RunOnceAsync(), Is.True);
        var job = await JobAsync(id);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
        Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
        Assert.That(await WishCountAsync(), Is.EqualTo(50));
    }

    [Test]
    public async Task AnInstanceThatStopsMidwayHandsTheJobBackAtOnceForTheNextToRunWhole()
    {
        var id = await SubmitAsync(Workbook(2500));
        using var stopping = new CancellationTokenSource();

        Assert.That(async () => await Runner.RunOnceAsync(stopping.Token, afterBatch: _ => stopping.CancelAsync()),
            Throws.InstanceOf<OperationCanceledException>());
        var handedBack = await _world.WithDbAsync(db => db.ImportJobs.Where(j => j.Id == id)
            .Select(j => new { j.Status, j.Attempts, j.LeaseUntil }).SingleAsync());
        Assert.That((handedBack.Status, handedBack.Attempts), Is.EqualTo((ImportJobStatus.Running, 0)), "the stopped take is not counted");
        Assert.That(handedBack.LeaseUntil, Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
        Assert.That(await WishCountAsync(), Is.Zero);

        Assert.That(await Runner.RunOnceAsync(), Is.True, "taken again without waiting out the lease");
        var job = await JobAsync(id);
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
        Assert.That(await WishCountAsync(), Is.EqualTo(2500));
    }

    [Test]
    public async Task AJobThatKeepsDyingIsMarkedFailedWithNothingImported()
    {
        var id = await SubmitAsync(Workbook(50));
        await _world.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE "ImportJobs" SET "Status" = 'Running', "LeaseOwner" = 'dead-host', "LeaseUntil" = now() - interval '1 second', "Attempts" = 3
            WHERE "Id" = {id}
            """));
        await using var second = new WishApiFactory((await TestRun.RedisAsync()).ConnectionString);

        Assert.That(await second.Services.GetRequiredService<ImportJobRunner>().RunOnceAsync(), Is.True);
        var job = await JobAsync(id);

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"), job.ToString());
        Assert.That(job.GetProperty("message").GetString(), Does.Contain("中断"));
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    [Test]
    public async Task ACoordinatorsJobRefusesAnotherDistrictsRowsAndOnlyTheirDistrictSeesIt()
    {
        using var qixia = Api.CreateStaffClient(await _world.CreateStaffAsync("qixia-coordinator", StaffRole.DistrictCoordinator, "qixia"));
        using var gulou = Api.CreateStaffClient(await _world.CreateStaffAsync("gulou-coordinator", StaffRole.DistrictCoordinator, "gulou"));
        var id = await SubmitAsync(Workbook(5), qixia);

        await Runner.RunOnceAsync();
        var job = await qixia.GetFromJsonAsync<JsonElement>($"/api/admin/imports/jobs/{id}");
        using var other = await gulou.GetAsync($"/api/admin/imports/jobs/{id}");
        var list = await gulou.GetFromJsonAsync<JsonElement>("/api/admin/imports/jobs");

        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("errorRows").GetInt32(), Is.EqualTo(5));
        Assert.That(job.GetProperty("rowErrors")[0].GetProperty("message").GetString(), Does.Contain("不属于您负责的区"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(list.GetProperty("total").GetInt32(), Is.Zero);
        Assert.That(await WishCountAsync(), Is.Zero);
    }
}

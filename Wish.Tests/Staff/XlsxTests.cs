using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using WeChatWish.Api.Entitlements;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Api.Staff.Exports;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// .xlsx beside CSV: imports read a workbook's first sheet through the same row checks (row numbers are the sheet's), the template
/// comes as a workbook too, and each .xlsx export holds exactly the CSV export's rows. Workbooks are built here with MiniExcel.
/// </summary>
public sealed class XlsxTests : ApiTestBase
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

    /// <summary>A workbook whose first sheet holds these rows as typed values (numbers stay numbers, dates dates); no header of MiniExcel's own.</summary>
    private static byte[] Workbook(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.Select((v, i) => (Key: $"c{i}", Value: v)).ToDictionary(c => c.Key, c => c.Value)).ToList(),
            printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static HttpContent File(byte[] bytes, string name, string contentType = XlsxType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static List<string[]> Sheet(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    private Task<int> WishCountAsync() => _world.WithDbAsync(db => db.Wishes.CountAsync());

    [Test]
    public async Task AWorkbookOfValidRowsImportsEveryRowWithNumberCellsReadAsTyped()
    {
        var bytes = Workbook(Header,
            ["王秀英", 13812345678L, "鼓楼区中山路1号", "孤寡老人", "物品", "鼓楼区", "想要一个电暖器", 120],
            ["张小明", 13812345679L, null, "poor_student", "goods", "gulou", "想要一个书包", 85.5]);

        using var response = await _reviewer.PostAsync("/api/admin/wishes/import", File(bytes, "扶贫办名单.xlsx"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        Assert.That(body.GetProperty("encoding").GetString(), Is.EqualTo("XLSX"));
        var wishes = await _world.WithDbAsync(db => db.Wishes.OrderBy(w => w.Code)
            .Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { w.Channel, w.Category, w.EstimatedCost, b.Name, b.Phone, b.Address })
            .ToListAsync());
        Assert.That(wishes.Select(w => w.Channel), Is.All.EqualTo(WishChannel.Import));
        Assert.That(wishes.Select(w => w.Phone), Is.EqualTo(new[] { "13812345678", "13812345679" }), "a phone typed as a number, not 1.38E+10");
        Assert.That(wishes.Select(w => w.EstimatedCost), Is.EqualTo(new[] { 120m, 85.5m }));
        Assert.That(wishes[0], Has.Property("Name").EqualTo("王秀英").And.Property("Address").EqualTo("鼓楼区中山路1号"));
        Assert.That(wishes[1].Category, Is.EqualTo(WishCategory.PoorStudent));
    }

    [Test]
    public void CellsComeThroughAsTheTextAPersonSeesWithTheSheetsRowNumbers()
    {
        var bytes = Workbook(["name", "phone", "date", "cost"], [null, null, null, null], ["王秀英", 13800000000L, new DateTime(2026, 12, 3), 120.5]);

        var (records, encoding) = UploadedSheet.Read(new Upload("名单.xlsx", XlsxType, bytes), 10);

        Assert.That(encoding, Is.EqualTo("XLSX"));
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1, 3 }), "the blank row 2 is left out and row 3 keeps its number");
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "王秀英", "13800000000", "2026-12-03", "120.5" }));
    }

    [Test]
    public async Task OneBadRowInTheMiddleImportsNothingAndNamesItsSheetRow()
    {
        var bytes = Workbook(Header,
            ["王秀英", 13812345678L, "某地", "孤寡老人", "物品", "鼓楼区", "想要一个电暖器", 120],
            ["赵德明", 1234, "某地", "孤寡老人", "物品", "鼓楼区", "想要一个助行器", 150],
            ["李桂兰", 13812345680L, "某地", "低保户", "服务", "xuanwu", "希望有人帮忙修理漏水的屋顶", 200]);

        using var response = await _reviewer.PostAsync("/api/admin/wishes/import", File(bytes, "名单.xlsx"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("title").GetString(), Does.Contain("1行有误").And.Contain("均未导入"));
        var errors = body.GetProperty("rowErrors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.That(errors.Select(e => e.Row).Distinct(), Is.EqualTo(new[] { 3 }));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("手机号码"));
        Assert.That(await WishCountAsync(), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.Beneficiaries.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task AFileThatIsNotAReadableWorkbookGetsAPlainProblemNotAServerError()
    {
        using var named = await _reviewer.PostAsync("/api/admin/wishes/import", File(Encoding.UTF8.GetBytes("这不是Excel文件"), "名单.xlsx"));
        var truncatedBody = new ByteArrayContent(Workbook(Header)[..200]);
        truncatedBody.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        using var truncated = await _reviewer.PostAsync("/api/admin/wishes/import", truncatedBody);

        foreach (var response in new[] { named, truncated })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("title").GetString(), Does.Contain("Excel").And.Contain("另存为"));
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ImportFileInvalid));
        }
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    [Test]
    public async Task AnOldXlsWorkbookIsRefusedWithAHintToSaveAsXlsxOrCsv()
    {
        using var response = await _reviewer.PostAsync("/api/admin/wishes/import",
            File([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "名单.xls", "application/vnd.ms-excel"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain(".xls").And.Contain(".xlsx"));
    }

    [Test]
    public async Task ARosterImportsFromAWorkbookWithEnglishHeaders()
    {
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());
        using var created = await admin.PostAsJsonAsync("/api/admin/entitlements",
            new { name = "环卫工人免费洗衣", provider = "日照爱心超市", unit = "件", perWeek = 1, perMonth = 4, validFrom = "2026-01-01" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bytes = Workbook(["name", "workNumber", "phone", "team"], ["张师傅", "HW001", 13800000001L, "一班"], ["李阿姨", 1002, null, "二班"]);

        using var response = await admin.PostAsync($"/api/admin/entitlements/{id}/roster", File(bytes, "环卫处名单.xlsx"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        var people = await _world.WithDbAsync(db => db.EntitlementPeople().Where(p => p.ProgrammeId == id).OrderBy(p => p.Name)
            .Select(p => new { p.Name, p.WorkNumber, p.Phone }).ToListAsync());
        Assert.That(people.Select(p => (p.Name, p.WorkNumber, p.Phone)),
            Is.EquivalentTo(new[] { ("张师傅", "HW001", (string?)"13800000001"), ("李阿姨", "1002", null) }));
    }

    [Test]
    public async Task TheWorkbookTemplateHasTheHeaderAndAnExampleRowThatImportsAsItStands()
    {
        using var response = await _reviewer.GetAsync("/api/admin/wishes/import/template.xlsx");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(XlsxType));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var rows = Sheet(bytes);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.EqualTo(ImportColumns.Labels));
        Assert.That(rows[1], Is.EqualTo(ImportColumns.ExampleRow.Split(',')));
        using var imported = await _reviewer.PostAsync("/api/admin/wishes/import", File(bytes, "心愿导入模板.xlsx"));
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await imported.Content.ReadAsStringAsync());
        Assert.That(await WishCountAsync(), Is.EqualTo(1));
    }

    private async Task<List<string[]>> CsvRowsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return CsvText.Parse(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3)).Select(r => r.Fields).ToList();
    }

    private async Task<byte[]> XlsxAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(XlsxType));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar, Does.EndWith(".xlsx"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Test]
    public async Task EachWorkbookExportHoldsTheCsvExportsRows()
    {
        var wish = await _world.FulfilledAsync(minutes: 600);
        await _world.SubmittedAsync("xuanwu");
        await _world.FulfilledAsync(minutes: 120);
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());

        foreach (var path in new[] { $"/api/admin/exports/wishes?round={wish.Round}", "/api/admin/exports/wishes?round=" + wish.Round + "&districtCode=xuanwu",
                     "/api/admin/exports/volunteer-hours?" })
        {
            var csv = await CsvRowsAsync(admin, path.Replace("?", ".csv?"));
            var xlsx = Sheet(await XlsxAsync(admin, path.Replace("?", ".xlsx?")));

            Assert.That(csv, Has.Count.GreaterThan(1), path);
            Assert.That(xlsx, Is.EqualTo(csv), path);
        }
        var audited = await _world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "export.wishes" && a.EntityId == "wishes.xlsx"));
        Assert.That(audited, Is.EqualTo(2), "each workbook export is in the audit log like the CSV ones");
    }

    [Test]
    public async Task AFormulaLookingValueIsNeutralisedInTheWorkbookAsInTheCsv()
    {
        const string formula = "=HYPERLINK(\"http://example.com\",\"点我领奖\")";
        var wish = await _world.SubmittedAsync(submission: StaffWorld.Hotline(content: formula));
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());

        var bytes = await XlsxAsync(admin, $"/api/admin/exports/wishes.xlsx?round={wish.Round}");
        var csv = await CsvRowsAsync(admin, $"/api/admin/exports/wishes.csv?round={wish.Round}");

        var content = Array.IndexOf(ExportsApi.WishColumns, "心愿内容");
        Assert.That(Sheet(bytes)[1][content], Is.EqualTo("'" + formula));
        Assert.That(csv[1][content], Is.EqualTo("'" + formula));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).ToList();
        Assert.That(sheets, Is.Not.Empty);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open());
            Assert.That(await reader.ReadToEndAsync(), Does.Not.Contain("<x:f").And.Not.Contain("<f>").And.Not.Contain("<f "), "no cell is a formula");
        }
    }
}

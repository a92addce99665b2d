using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>CSV imports are all-or-nothing and name every bad row; files come as Excel writes them (UTF-8 with BOM, or GBK).</summary>
public sealed class CsvImportTests : ApiTestBase
{
    private const string Header = "姓名,电话,地址,类别,类型,所在区,心愿内容,预估费用";
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

    private static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static readonly string[] GoodRows =
    [
        "王秀英,13812345678,\"鼓楼区中山路1号,3单元\",孤寡老人,物品,鼓楼区,想要一个电暖器,120",
        "张小明,13812345679,,poor_student,goods,gulou,\"想要一个书包，和一套\"\"新华字典\"\"\",85.50",
        "李桂兰,13812345680,玄武区某街道2号,低保户,服务,xuanwu,希望有人帮忙修理漏水的屋顶,200",
    ];

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, bool multipart = false, bool dryRun = false)
    {
        HttpContent content;
        if (multipart)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content = new MultipartFormDataContent { { file, "file", "扶贫办名单.csv" } };
        }
        else
        {
            content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }
        return await _reviewer.PostAsync("/api/admin/wishes/import" + (dryRun ? "?dryRun=true" : ""), content);
    }

    private Task<int> WishCountAsync() => _world.WithDbAsync(db => db.Wishes.CountAsync());

    [Test]
    public async Task Utf8WithBomImportsEveryRowWithQuotedCommasAndChineseNames()
    {
        using var response = await UploadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(GoodRows))], multipart: true);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("imported").GetInt32(), Is.EqualTo(3));
        var wishes = await _world.WithDbAsync(db => db.Wishes.OrderBy(w => w.Code)
            .Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { w.Channel, w.Category, w.Kind, w.DistrictCode, w.Content, w.EstimatedCost, b.Name, b.Address })
            .ToListAsync());
        Assert.That(wishes.Select(w => w.Channel), Is.All.EqualTo(WishChannel.Import));
        Assert.That(wishes[0].Address, Is.EqualTo("鼓楼区中山路1号,3单元"));
        Assert.That(wishes[0].Category, Is.EqualTo(WishCategory.ElderlyAlone));
        Assert.That(wishes[1].Content, Is.EqualTo("想要一个书包，和一套\"新华字典\""));
        Assert.That(wishes[1].EstimatedCost, Is.EqualTo(85.50m));
        Assert.That(wishes[2], Has.Property("Kind").EqualTo(WishKind.Service).And.Property("DistrictCode").EqualTo("xuanwu").And.Property("Name").EqualTo("李桂兰"));
    }

    [Test]
    public async Task GbkFileFromChineseExcelImportsWithTheCharactersIntact()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var response = await UploadAsync(Encoding.GetEncoding("GBK").GetBytes(Csv(GoodRows)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("encoding").GetString(), Is.EqualTo("GB18030"));
        Assert.That(await _world.WithDbAsync(db => db.Beneficiaries.OrderBy(b => b.Phone).Select(b => b.Name).ToListAsync()),
            Is.EqualTo(new[] { "王秀英", "张小明", "李桂兰" }));
    }

    [Test]
    public async Task BytesThatAreNeitherUtf8NorGbkAreRefusedWithoutImporting()
    {
        var bytes = Encoding.UTF8.GetBytes(Csv(GoodRows));
        bytes[Header.Length + 4] = 0xFF; // 0xFF starts no character in UTF-8 or in GB18030

        using var response = await UploadAsync(bytes);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("title").GetString(), Does.Contain("编码"));
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    [Test]
    public async Task AnExcelWorkbookIsRefusedWithAHintToSaveAsCsv()
    {
        using var response = await UploadAsync([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain("另存为"));
    }

    [Test]
    public async Task MissingColumnsAreNamed()
    {
        using var response = await UploadAsync(Encoding.UTF8.GetBytes("姓名,地址,类别,类型,所在区,心愿内容\n王秀英,某地,dibao,goods,gulou,想要一个电暖器\n"));
        var title = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(title, Does.Contain("电话").And.Contain("预估费用"));
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    [Test]
    public async Task BadRowsInTheMiddleStopTheWholeImportAndEachIsReportedByRowNumber()
    {
        var rows = new[]
        {
            GoodRows[0],
            "赵德明,1234,某地,孤寡老人,物品,鼓楼区,想要一个助行器,150",          // row 3: phone
            GoodRows[1],
            "钱大爷,13812345690,某地,外星人,物品,火星区,想要一个助行器,abc",     // row 5: category, district, cost
            "王秀英,13812345678,某地,孤寡老人,物品,鼓楼区,还想要一床棉被,60",     // row 6: already has a wish waiting (row 2)
            GoodRows[2],
        };

        using var response = await UploadAsync(Encoding.UTF8.GetBytes(Csv(rows)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("title").GetString(), Does.Contain("3行有误").And.Contain("均未导入"));
        var errors = body.GetProperty("rowErrors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.That(errors.Select(e => e.Row).Distinct(), Is.EqualTo(new[] { 3, 5, 6 }));
        Assert.That(errors.Where(e => e.Row == 3).Select(e => e.Message), Has.Some.Contains("手机号码"));
        Assert.That(errors.Where(e => e.Row == 5).Select(e => e.Message), Has.Some.Contains("类别").And.Some.Contains("所在区").And.Some.Contains("abc"));
        Assert.That(errors.Where(e => e.Row == 6).Select(e => e.Message), Has.Some.Contains("正在审核中"));

        Assert.That(await WishCountAsync(), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.Beneficiaries.CountAsync()), Is.Zero, "beneficiaries made by good rows roll back too");

        using var retry = await UploadAsync(Encoding.UTF8.GetBytes(Csv(GoodRows)));
        var codes = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.That(codes[0], Does.EndWith("-0001"), "the failed import used up no wish codes");
    }

    [Test]
    public async Task ADryRunShowsTheRowsMaskedAndStoresNothing()
    {
        using var response = await UploadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv(GoodRows))], multipart: true, dryRun: true);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("valid").GetInt32(), Is.EqualTo(3));
        var first = body.GetProperty("rows")[0];
        Assert.That(first.GetProperty("row").GetInt32(), Is.EqualTo(2));
        Assert.That(first.GetProperty("name").GetString(), Is.EqualTo("王**"));
        Assert.That(first.GetProperty("category").GetString(), Is.EqualTo("elderly_alone"));
        Assert.That(first.GetProperty("districtCode").GetString(), Is.EqualTo("gulou"));
        Assert.That(body.GetProperty("rows")[1].GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(85.50m));
        Assert.That(await WishCountAsync(), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.Beneficiaries.CountAsync()), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.ImportRecords.CountAsync()), Is.Zero, "a preview is not an import");

        using var real = await UploadAsync(Encoding.UTF8.GetBytes(Csv(GoodRows)));
        var codes = (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.That(codes[0], Does.EndWith("-0001"), "the preview used up no wish codes");
    }

    [Test]
    public async Task ADryRunOfABadFileAnswersTheSameRowErrorsAsTheImport()
    {
        var bytes = Encoding.UTF8.GetBytes(Csv(GoodRows[0], GoodRows[1], "赵德明,1234,某地,孤寡老人,物品,鼓楼区,想要一个助行器,150"));

        using var preview = await UploadAsync(bytes, dryRun: true);
        using var import = await UploadAsync(bytes);
        var previewBody = await preview.Content.ReadFromJsonAsync<JsonElement>();
        var importBody = await import.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), previewBody.ToString());
        Assert.That(previewBody.GetProperty("rowErrors").ToString(), Is.EqualTo(importBody.GetProperty("rowErrors").ToString()));
        Assert.That(previewBody.GetProperty("rowErrors")[0].GetProperty("row").GetInt32(), Is.EqualTo(4));
        Assert.That(await WishCountAsync(), Is.Zero);
    }

    [Test]
    public async Task EveryRealImportTakenOrRefusedIsInTheHistoryNewestFirst()
    {
        using (await UploadAsync(Encoding.UTF8.GetBytes(Csv(GoodRows)), multipart: true)) { }
        // Both rows are bad: the first person's wish from the import before is still waiting for review.
        using (await UploadAsync(Encoding.UTF8.GetBytes(Csv(GoodRows[0], "赵德明,1234,某地,孤寡老人,物品,鼓楼区,想要一个助行器,150")), multipart: true)) { }
        using (await UploadAsync([0x50, 0x4B, 0x03, 0x04], multipart: true)) { }

        var page = await _reviewer.GetFromJsonAsync<JsonElement>("/api/admin/wishes/imports?page=1&pageSize=10");
        var items = page.GetProperty("items").EnumerateArray()
            .Select(i => (Rows: i.GetProperty("rows").GetInt32(), Imported: i.GetProperty("imported").GetInt32(), Errors: i.GetProperty("errors").GetInt32(),
                File: i.GetProperty("fileName").GetString(), By: i.GetProperty("staffUserName").GetString())).ToList();

        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(items, Is.EqualTo(new[] { (0, 0, 1, "扶贫办名单.csv", "reviewer"), (2, 0, 2, "扶贫办名单.csv", "reviewer"), (3, 3, 0, "扶贫办名单.csv", "reviewer") }));
    }

    [Test]
    public async Task ACoordinatorSeesOnlyTheImportsOfTheirDistrict()
    {
        using (await UploadAsync(Encoding.UTF8.GetBytes(Csv(GoodRows)))) { }
        using var coordinator = Api.CreateStaffClient(await _world.CreateStaffAsync("gulou-coordinator", StaffRole.DistrictCoordinator, "gulou"));
        using (await coordinator.PostAsync("/api/admin/wishes/import", new StringContent(Csv(GoodRows[0].Replace("13812345678", "13800000001")),
            Encoding.UTF8, "text/csv"))) { }

        var page = await coordinator.GetFromJsonAsync<JsonElement>("/api/admin/wishes/imports");

        Assert.That(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("staffUserName").GetString()), Is.EqualTo(new[] { "gulou-coordinator" }));
    }

    [Test]
    public async Task TheTemplateIsUtf8WithBomAndImportsAsItStands()
    {
        var bytes = await _reviewer.GetByteArrayAsync("/api/admin/wishes/import/template.csv");

        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Encoding.UTF8.GetString(bytes[3..]), Does.StartWith("姓名,电话,"));
        using var import = await UploadAsync(bytes);
        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), await import.Content.ReadAsStringAsync());
        Assert.That(await WishCountAsync(), Is.EqualTo(1));
    }
}

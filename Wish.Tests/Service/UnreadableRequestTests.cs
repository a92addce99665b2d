using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.WeChat;

namespace WeChatWish.Tests.Service;

/// <summary>
/// Requests the framework cannot bind get a ProblemDetails naming the field (or where the JSON broke) and what was expected,
/// in Chinese, never a bare 400; and the service notes them at Information.
/// </summary>
public sealed class UnreadableRequestTests : ApiTestBase
{
    private readonly CapturedLogs _logs = new();
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public async Task AdminAsync()
    {
        _host = Api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(_logs)));
        _admin = _host.CreateStaffClient(await new StaffWorld(_host.Services).AdminAsync());
    }

    [TearDown]
    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        _admin.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<(string Field, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.RequestUnreadable));
            var error = problem.GetProperty("errors").EnumerateObject().Single();
            return (error.Name, error.Value[0].GetString()!);
        }
    }

    [Test]
    public async Task ABadEnumValueNamesTheFieldAndTheValuesAllowed()
    {
        var (field, message) = await ErrorAsync(await PostRawAsync("/api/admin/staff",
            """{"userName":"li.si","password":"Long-Enough-Pass-1","role":"superuser"}"""));

        Assert.That(field, Is.EqualTo("role"));
        Assert.That(message, Does.Contain("以下之一").And.Contain("admin").And.Contain("district_coordinator"));
    }

    [Test]
    public async Task AFractionOrTextWhereAnIntegerBelongsSaysInteger()
    {
        var wish = Guid.NewGuid();
        var fraction = await ErrorAsync(await PostRawAsync($"/api/admin/wishes/{wish}/follow-ups", """{"method":"phone","satisfaction":4.5}"""));
        var text = await ErrorAsync(await PostRawAsync($"/api/admin/wishes/{wish}/follow-ups", """{"method":"phone","satisfaction":"five"}"""));
        var wrongType = await ErrorAsync(await PostRawAsync("/api/admin/staff", """{"userName":42,"password":"Long-Enough-Pass-1","role":"reviewer"}"""));

        Assert.That(fraction, Is.EqualTo(("satisfaction", "应为整数。")));
        Assert.That(text, Is.EqualTo(("satisfaction", "应为整数。")));
        Assert.That(wrongType, Is.EqualTo(("userName", "应为文本。")));
    }

    [Test]
    public async Task TruncatedJsonSaysWhereItBroke()
    {
        var (field, message) = await ErrorAsync(await PostRawAsync("/api/admin/staff", """{"userName":"li.si","password":"""));

        Assert.That(field, Is.Not.Empty);
        Assert.That(message, Does.Contain("不是有效的 JSON").And.Contain("字节"));
    }

    [Test]
    public async Task AnEmptyBodyOrNoJsonAtAllIsSaidPlainly()
    {
        var empty = await ErrorAsync(await PostRawAsync("/api/admin/staff", ""));
        var notJson = await ErrorAsync(await PostRawAsync("/api/admin/staff", "userName=li.si"));

        Assert.That(empty.Field, Is.EqualTo("$"));
        Assert.That(empty.Message, Does.Contain("请求正文为空"));
        Assert.That(notJson.Message, Does.Contain("不是有效的 JSON"));
    }

    [Test]
    public async Task QueryValuesOfTheWrongTypeNameTheParameter()
    {
        var page = await ErrorAsync(await _admin.GetAsync("/api/admin/wishes?page=abc"));
        var year = await ErrorAsync(await _admin.GetAsync("/api/admin/exports/wishes.csv?year=abc"));

        Assert.That(page, Is.EqualTo(("page", "应为整数，收到“abc”。")));
        Assert.That(year, Is.EqualTo(("year", "应为整数，收到“abc”。")));
        Assert.That(_logs.Lines.Count(l => l.StartsWith("Information") && l.Contains("Unreadable request") && l.Contains("page")), Is.EqualTo(1));
        Assert.That(_logs.Lines.Where(l => l.Contains("Unreadable request")), Has.None.Contains("abc"), "the value sent is not logged");
    }

    [TestCase("/api/admin/exports/wishes.csv?year=-1")]
    [TestCase("/api/admin/exports/volunteer-hours.csv?year=-1")]
    [TestCase("/api/admin/exports/volunteer-hours.csv?year=10000")]
    public async Task AYearOutOfRangeIsAPlainFieldError(string path)
    {
        using var response = await _admin.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty("year")[0].GetString(), Does.StartWith("年份应在2000到9999之间"));
    }

    [Test]
    public async Task TemplateDataInWeChatsOwnShapeIsAcceptedAndAnyOtherShapeIsExplained()
    {
        using var weChatShape = await PostRawAsync("/api/admin/notifications",
            """{"templateId":"tmpl-1","channel":"official_account","data":{"thing1":{"value":"您的心愿已被认领"}},"recipients":{"openIds":["o-1"]}}""");
        var (field, message) = await ErrorAsync(await PostRawAsync("/api/admin/notifications",
            """{"templateId":"tmpl-1","channel":"official_account","data":{"thing1":5},"recipients":{"openIds":["o-1"]}}"""));

        Assert.That(weChatShape.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await weChatShape.Content.ReadAsStringAsync());
        Assert.That(field, Does.StartWith("data"));
        Assert.That(message, Does.Contain("{\"value\""));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Notifications;

/// <summary>A host pointed at the fake WeChat API, background dispatcher off, a fake clock; tests run passes by hand.</summary>
public abstract class NotificationTestBase : ApiTestBase
{
    protected FakeWeChatApi WeChat { get; private set; } = null!;
    protected FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    protected WebApplicationFactory<Program> Host { get; private set; } = null!;
    protected HttpClient Admin { get; private set; } = null!;

    protected NotificationDispatcher Dispatcher => Host.Services.GetRequiredService<NotificationDispatcher>();

    public static Dictionary<string, string?> Settings(Uri weChat) => new()
    {
        ["WeChat:ApiBaseUrl"] = weChat.ToString(),
        ["WeChat:Http:RequestTimeout"] = "00:00:01",
        ["Notifications:DispatcherEnabled"] = "false",
        ["Notifications:RatePerSecond"] = "10000",
        ["Notifications:MaxAttempts"] = "3",
        ["Notifications:RetryBaseDelay"] = "00:00:05",
    };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        WeChat = await FakeWeChatApi.StartAsync(WishApiFactory.OfficialAccountApp, WishApiFactory.MiniProgramApp);
        Host = NewHost(b => b.ConfigureTestServices(s => s.AddSingleton(sp => DispatcherOn(sp, Clock))));
    }

    protected WebApplicationFactory<Program> NewHost(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null, bool dispatcher = false) =>
        TestRun.ApiAsync().GetAwaiter().GetResult().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Settings(WeChat.BaseUrl)) b.UseSetting(key, value);
            if (dispatcher) b.UseSetting("Notifications:DispatcherEnabled", "true");
            configure?.Invoke(b);
        });

    /// <summary>The dispatcher alone runs on the fake clock (a minute ahead), so retries and leases can be skipped over without
    /// moving the API's clock, which signs staff tokens.</summary>
    protected static NotificationDispatcher DispatcherOn(IServiceProvider sp, TimeProvider clock) => new(
        sp.GetRequiredService<NotificationStore>(), sp.GetRequiredService<NotificationSender>(),
        sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>(), clock, sp.GetRequiredService<NotificationMetrics>(),
        sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<NotificationDispatcher>>());

    [SetUp]
    public async Task ResetWeChatAsync()
    {
        WeChat.Reset();
        var ahead = DateTimeOffset.UtcNow.AddMinutes(1);
        if (ahead > Clock.GetUtcNow()) Clock.SetUtcNow(ahead);
        Admin = Host.CreateStaffClient(await new StaffWorld(Host.Services).AdminAsync());
    }

    [TearDown]
    public void DisposeAdmin() => Admin?.Dispose();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Host.DisposeAsync();
        await WeChat.DisposeAsync();
    }

    protected async Task<Guid> PushAsync(object body)
    {
        using var response = await Admin.PostAsJsonAsync("/api/admin/notifications", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    protected Task<Guid> PushToAsync(params string[] openIds) =>
        PushAsync(new { templateKey = "wish.verified", data = new { code = "W1", status = "测试" }, recipients = new { openIds } });

    protected async Task<JsonElement> ProgressAsync(Guid id) =>
        await Admin.GetFromJsonAsync<JsonElement>($"/api/admin/notifications/{id}");

    /// <summary>Runs passes until nothing is pending, moving the clock on when what is left is waiting for a retry or a lease.</summary>
    protected async Task DrainAsync(NotificationDispatcher? dispatcher = null, int maxPasses = 100)
    {
        for (var pass = 0; pass < maxPasses; pass++)
        {
            if (await (dispatcher ?? Dispatcher).RunOnceAsync() > 0) continue;
            if (await PendingAsync() == 0) return;
            Clock.Advance(TimeSpan.FromMinutes(3));
        }
        Assert.Fail("recipients still pending after " + maxPasses + " passes");
    }

    protected Task<int> PendingAsync() =>
        WithDbAsync(db => db.NotificationRecipients.CountAsync(r => r.Status == RecipientStatus.Pending));

    protected async Task<T> WithDbAsync<T>(Func<WishDbContext, Task<T>> action)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WishDbContext>());
    }

    protected Dictionary<string, int> CallsPerOpenId(string endpoint = FakeWeChatApi.TemplateSend) =>
        WeChat.CallsTo(endpoint).GroupBy(c => c.Json().GetProperty("touser").GetString()!).ToDictionary(g => g.Key, g => g.Count());

    protected static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
}

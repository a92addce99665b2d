using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Data;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Activities;

/// <summary>
/// Activity and love-bank tests on a host of their own whose clock the test moves, with a small connection pool: a storm holds
/// as many connections as the pool gives, and the PostgreSQL server is shared with other test runs.
/// </summary>
public abstract class ActivityTestBase : MiniProgramTestBase
{
    /// <summary>5 December 2026, 10:00 China time.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private WebApplicationFactory<Program>? _host;

    // In UTC, as the system clock answers: the host writes its times to PostgreSQL as they come.
    protected FakeTimeProvider Clock { get; } = new(Start.ToUniversalTime());

    protected override WebApplicationFactory<Program> Host => _host!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _host = (await TestRun.ApiAsync()).WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Postgres", TestEnvironment.PostgresConnectionString + ";Maximum Pool Size=20;Connection Idle Lifetime=10");
            b.UseSetting("Jwt:VolunteerTokenLifetime", "365.00:00:00");
            b.UseSetting("Jwt:StaffTokenLifetime", "365.00:00:00");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
    }

    [SetUp]
    public void ResetClock() => Clock.AdjustTime(Start.ToUniversalTime());

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    protected StaffWorld World => new(Services, Clock);

    protected async Task<HttpClient> AdminClientAsync() => Host.CreateStaffClient(await World.AdminAsync());

    protected Task<T> WithDbAsync<T>(Func<WishDbContext, Task<T>> action) => World.WithDbAsync(action);

    protected static object ShiftBody(DateTimeOffset startsAt, double hours, int capacity) =>
        new { startsAt, endsAt = startsAt.AddHours(hours), capacity };

    /// <summary>A published activity in 鼓楼区 with the given shifts (default: one of 10 places tomorrow 09:00–11:00).</summary>
    protected async Task<JsonElement> PublishedActivityAsync(HttpClient staff, object[]? shifts = null, object? location = null, object? requirements = null,
        string district = "gulou")
    {
        var created = await OkJsonAsync(await staff.PostAsJsonAsync("/api/admin/activities", new
        {
            title = "社区助老义诊", content = "为独居老人量血压、讲解用药", serviceKind = "health_care", districtCode = district, place = "鼓楼区幸福社区服务中心",
            location, requirements, shifts = shifts ?? [ShiftBody(Start.AddDays(1).AddHours(-1), 2, 10)],
        }), 201);
        return await OkJsonAsync(await staff.PostAsync($"/api/admin/activities/{created.GetProperty("id").GetGuid()}/publish", null));
    }

    protected static Guid ShiftId(JsonElement activity, int index = 0) => activity.GetProperty("shifts")[index].GetProperty("id").GetGuid();
}

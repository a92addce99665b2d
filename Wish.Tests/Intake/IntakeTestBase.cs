using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Intake;

/// <summary>
/// The real host with the intake conversation behind /wechat, a fake clock (starting 10:00 on 5 December 2026, China time, inside
/// December's collection window) and a hotline number. Redis and PostgreSQL are the tests' own, emptied before each test.
/// </summary>
public abstract class IntakeTestBase(RedisTopology topology = RedisTopology.Single) : ApiTestBase
{
    public const string Hotline = "96150";
    public static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly SwitchableClock _clock = new();
    private WebApplicationFactory<Program>? _host;

    protected FakeTimeProvider Clock => _clock.Current;
    protected RecordingDeliveryRecorder Deliveries { get; } = new();
    protected HttpClient WeChat { get; private set; } = null!;
    protected IServiceProvider Services => _host!.Services;

    /// <summary>The Redis the host talks to: the run's single one, or the cluster.</summary>
    protected ITestRedis Redis { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartIntakeHostAsync()
    {
        var api = await TestRun.ApiAsync();
        var redis = Redis = await TestRun.RedisAsync(topology);
        _host = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("Intake:HotlinePhone", Hotline);
            // StackExchange.Redis's own 5 s command timeout, not the tests' 1 s: a hundred conversations at once on two cores
            // queue Redis commands for longer than a second, as a busy production instance would.
            b.UseSetting("ConnectionStrings:Redis", $"{redis.Endpoints},abortConnect=false,connectTimeout=1000");
            // A hundred conversations at once must queue for connections rather than take every one the shared server allows.
            b.UseSetting("ConnectionStrings:Postgres", TestEnvironment.PostgresConnectionString + ";Maximum Pool Size=20");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<ITemplateDeliveryRecorder>(Deliveries);
            });
        });
    }

    [SetUp]
    public async Task NewClockAndClientAsync()
    {
        // The base class empties the single Redis; a cluster is emptied here.
        if (topology == RedisTopology.Cluster) await TestRedis.FlushAsync(Redis);
        _clock.Current = new FakeTimeProvider(Start);
        Deliveries.Calls.Clear();
        WeChat = _host!.CreateClient();
    }

    [TearDown]
    public void DisposeWeChatClient() => WeChat?.Dispose();

    [OneTimeTearDown]
    public async Task StopIntakeHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    protected WeChatUser User(string openId, Transcript? transcript = null) => new(WeChat, openId, transcript, _clock);

    /// <summary>Runs <paramref name="action"/> against the database in a scope of its own.</summary>
    protected async Task<T> DbAsync<T>(Func<WishDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WishDbContext>());
    }

    protected Task<List<Wish>> WishesOfAsync(string openId) => DbAsync(db =>
        db.Wishes.Where(w => db.Beneficiaries.Any(b => b.Id == w.BeneficiaryId && b.OpenId == openId)).OrderBy(w => w.SubmittedAt).ToListAsync());

    /// <summary>What staff and volunteers would do to a wish, through the domain's own methods.</summary>
    protected Task StaffAsync(string code, Action<Wish, WishDbContext> change) => DbAsync(async db =>
    {
        var wish = await db.Wishes.SingleAsync(w => w.Code == code);
        change(wish, db);
        return await db.SaveChangesAsync();
    });

    protected static readonly Actor Reviewer = Actor.Staff(Guid.Parse("00000000-0000-0000-0000-0000000000aa"));

    /// <summary>Answers every step of the guided flow and confirms; returns the last reply.</summary>
    protected static async Task<string> LeaveWishAsync(WeChatUser user, string name = "王秀英", string phone = "13812345678",
        string content = "想要一个电暖器过冬", string cost = "150")
    {
        await user.SayAsync("心愿");
        await user.SayAsync("4");
        await user.SayAsync("1");
        await user.SayAsync(name);
        await user.SayAsync(phone);
        await user.SayAsync(content);
        await user.SayAsync(cost);
        return await user.SayAsync("确认");
    }
}

/// <summary>Stands in for the notification pipeline's delivery recorder.</summary>
public sealed class RecordingDeliveryRecorder : ITemplateDeliveryRecorder
{
    public ConcurrentQueue<(string OpenId, long MsgId, string Status, DateTimeOffset At)> Calls { get; } = new();

    public Task RecordAsync(string openId, long templateMsgId, string status, DateTimeOffset at, CancellationToken ct)
    {
        Calls.Enqueue((openId, templateMsgId, status, at));
        return Task.CompletedTask;
    }
}

/// <summary>A host-wide clock each test can replace with a fresh fake (a FakeTimeProvider cannot go back in time).</summary>
public sealed class SwitchableClock : TimeProvider
{
    public FakeTimeProvider Current { get; set; } = new();
    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => Current.LocalTimeZone;
    public override long TimestampFrequency => Current.TimestampFrequency;
    public override long GetTimestamp() => Current.GetTimestamp();
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Current.CreateTimer(callback, state, dueTime, period);
}

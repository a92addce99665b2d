using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Notifications;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Claims;

/// <summary>Mini-program tests on a host of their own whose clock the test moves and whose notifications are recorded.</summary>
public abstract class FakeClockHostTestBase : MiniProgramTestBase
{
    /// <summary>5 December 2026, 10:00 China time: round 202612, whose claims fall due at the end of the month.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));

    private WebApplicationFactory<Program>? _host;

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected RecordingNotifier Notifier { get; } = new();

    protected override WebApplicationFactory<Program> Host => _host!;

    /// <summary>Extra settings for this fixture's host.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        _host = api.WithWebHostBuilder(b =>
        {
            // A volunteer's client made at the start still signs in once the test has moved the clock weeks on to a due date.
            b.UseSetting("Jwt:VolunteerTokenLifetime", "365.00:00:00");
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddScoped<ILifecycleNotifier>(_ => Notifier);
            });
        });
    }

    [SetUp]
    public void ResetClock()
    {
        Clock.AdjustTime(Start);
        Notifier.Clear();
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

using Microsoft.Playwright;

namespace WeChatWish.Tests.Console;

/// <summary>One Chromium and one console host for every browser journey of the run.</summary>
[SetUpFixture]
public sealed class ConsoleRun
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static ConsoleHost? _host;

    /// <summary>Debian's chromium (deploy/test.sh installs it); Playwright cannot download a browser of its own here.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is not null) return _browser;
            if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: deploy/test.sh installs it (apt-get install chromium).");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        finally { Gate.Release(); }
    }

    public static async Task<ConsoleHost> HostAsync()
    {
        PublishedConsole.EnsurePublished();
        var redis = await TestRun.RedisAsync();
        await Gate.WaitAsync();
        try { return _host ??= new ConsoleHost(redis.ConnectionString); }
        finally { Gate.Release(); }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}

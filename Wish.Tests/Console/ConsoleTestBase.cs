using Microsoft.Playwright;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Console;

/// <summary>
/// Base for browser journeys: a clean database, a fresh browser context in China's time zone, and a failure for any error the
/// page writes to the browser console or throws.
/// </summary>
public abstract class ConsoleTestBase
{
    private readonly List<string> _browserErrors = [];
    private IBrowserContext _context = null!;

    protected ConsoleHost Host { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;
    protected StaffWorld World { get; private set; } = null!;

    [SetUp]
    public async Task OpenBrowserAsync()
    {
        await TestRun.ResetAsync();
        Host = await HostAsync();
        World = new StaffWorld(Host.Services);
        _context = await (await ConsoleRun.BrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        _context.SetDefaultTimeout(20_000);
        // Expect(...) keeps its own 5 s default, which a loaded CI machine overran once while a Blazor page fetched its list.
        Assertions.SetDefaultExpectTimeout(20_000);
        Page = await _context.NewPageAsync();
        _browserErrors.Clear();
        Page.Console += (_, message) => { if (message.Type == "error" && !IsAnsweredApiError(message)) _browserErrors.Add(message.Text); };
        Page.PageError += (_, error) => _browserErrors.Add(error);
    }

    /// <summary>The host the browser talks to: the run's shared one, unless a fixture needs one with settings of its own.</summary>
    protected virtual Task<ConsoleHost> HostAsync() => ConsoleRun.HostAsync();

    [TearDown]
    public async Task CloseBrowserAsync()
    {
        await _context.CloseAsync();
        Assert.That(_browserErrors, Is.Empty, "the page wrote errors to the browser console");
    }

    // Chromium logs every 4xx answer; an API refusal that the page shows (a 422, a lockout) is the journey, not an error.
    // A missing console file, a 5xx or a script error still fails the test.
    private static bool IsAnsweredApiError(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)
        && message.Location.Contains("/api/", StringComparison.Ordinal);

    protected async Task GoAsync(string path) => await Page.GotoAsync("/console/" + path);

    /// <summary>Signs in on the sign-in page the browser is on (or opens it) and waits for the console to show who is signed in.</summary>
    protected async Task SignInAsync(string userName, string password)
    {
        if (!Page.Url.Contains("/console/login", StringComparison.Ordinal)) await GoAsync("login");
        await Page.GetByLabel("用户名").FillAsync(userName);
        await Page.GetByLabel("密码").FillAsync(password);
        await Page.GetByTestId("sign-in").ClickAsync();
        await Page.GetByTestId("whoami").WaitForAsync();
    }

    protected Task SignInAsAdminAsync() => SignInAsync("admin", Infrastructure.TestWeChat.AdminPassword);

    /// <summary>Writes docs/console/<paramref name="name"/>.png, the picture of the page the README shows.</summary>
    protected async Task ScreenshotAsync(string name)
    {
        var dir = Path.Combine(Repository.Root, "docs", "console");
        Directory.CreateDirectory(dir);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}

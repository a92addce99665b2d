using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WeChatWish.WeChat;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatOptionsValidationTests
{
    private static readonly Uri ApiBaseUrl = new("https://api.weixin.qq.com/");

    private static IReadOnlyList<string> Failures(Action<Dictionary<string, string?>> change)
    {
        var settings = WeChatTestSettings.For(ApiBaseUrl);
        change(settings);
        var options = new WeChatOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(WeChatOptions.SectionName).Bind(options);
        return new WeChatOptionsValidator().Validate(Options.DefaultName, options).Failures?.ToList() ?? [];
    }

    [Test]
    public void TestSettingsWithWeChatsPublishedSampleKeyPass()
    {
        Assert.That(Failures(_ => { }), Is.Empty);
    }

    [Test]
    public void KeyOfFortyTwoCharactersIsRejectedNamingTheSetting()
    {
        var failures = Failures(s => s["WeChat:OfficialAccount:EncodingAESKey"] = WeChatTestSettings.EncodingAesKey[..42]);

        Assert.That(failures, Is.EqualTo(new[] { "WeChat:OfficialAccount:EncodingAESKey must be 43 characters (it is 42)" }));
    }

    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF-")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=")]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCD EF")]
    public void KeyWithCharactersOutsideBase64IsRejected(string key)
    {
        var failures = Failures(s => s["WeChat:OfficialAccount:EncodingAESKey"] = key);

        Assert.That(failures.Single(), Does.StartWith("WeChat:OfficialAccount:EncodingAESKey must use only the Base64 alphabet"));
    }

    [Test]
    public void RandomlyGeneratedKeyOfThirtyTwoBytesIsAccepted()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=');

        Assert.That(Failures(s => s["WeChat:OfficialAccount:EncodingAESKey"] = key), Is.Empty);
    }

    [Test]
    public void PreviousKeyIsCheckedOnlyWhenPresent()
    {
        Assert.That(Failures(s => s["WeChat:OfficialAccount:PreviousEncodingAESKey"] = ""), Is.Empty);

        var failures = Failures(s => s["WeChat:OfficialAccount:PreviousEncodingAESKey"] = "short");

        Assert.That(failures, Is.EqualTo(new[] { "WeChat:OfficialAccount:PreviousEncodingAESKey must be 43 characters (it is 5)" }));
    }

    [TestCase("not a url")]
    [TestCase("/cgi-bin")]
    [TestCase("ftp://api.weixin.qq.com")]
    public void BaseUrlThatIsNotAbsoluteHttpIsRejectedNamingTheSetting(string url)
    {
        var failures = Failures(s => s["WeChat:ApiBaseUrl"] = url);

        Assert.That(failures, Is.EqualTo(new[] { "WeChat:ApiBaseUrl must be an absolute http or https URL" }));
    }

    [TestCase("WeChat:OfficialAccount:Token")]
    [TestCase("WeChat:OfficialAccount:AppId")]
    [TestCase("WeChat:OfficialAccount:AppSecret")]
    [TestCase("WeChat:MiniProgram:AppId")]
    [TestCase("WeChat:MiniProgram:AppSecret")]
    public void MissingRequiredSettingIsRejectedNamingIt(string setting)
    {
        var failures = Failures(s => s.Remove(setting));

        Assert.That(failures, Is.EqualTo(new[] { $"{setting} is required" }));
    }

    [Test]
    public void EveryProblemIsReportedAtOnce()
    {
        var failures = Failures(s =>
        {
            s.Remove("WeChat:OfficialAccount:Token");
            s["WeChat:OfficialAccount:EncodingAESKey"] = "x";
            s["WeChat:Http:MaxAttempts"] = "0";
        });

        Assert.That(failures, Has.Count.EqualTo(3));
    }

    [Test]
    public void HostWithAnInvalidSectionRefusesToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = WeChatTestSettings.For(ApiBaseUrl);
        settings["WeChat:OfficialAccount:EncodingAESKey"] = WeChatTestSettings.EncodingAesKey[..42];
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWeChatApi();
        using var host = builder.Build();

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain("WeChat:OfficialAccount:EncodingAESKey must be 43 characters"));
    }

    [Test]
    public void ValidSectionResolvesTheClientsWithTheConfiguredBaseAddress()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(WeChatTestSettings.For(new Uri("http://127.0.0.1:5999/wechat-proxy"))).Build();
        using var services = new ServiceCollection().AddLogging().AddWeChatApi(configuration).BuildServiceProvider();

        var factory = services.GetRequiredService<IHttpClientFactory>();

        Assert.That(factory.CreateClient(nameof(OfficialAccountClient)).BaseAddress, Is.EqualTo(new Uri("http://127.0.0.1:5999/wechat-proxy/")));
        Assert.That(services.GetRequiredService<IOptions<WeChatOptions>>().Value.Tokens.RefreshMargin, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }
}

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Intake;
using WeChatWish.Api.WeChat;
using WeChatWish.Tests.Callback;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.WeChat.Messages;
using WeChatWish.Api.Data;

namespace WeChatWish.Tests.Intake;

/// <summary>
/// The real conversation behind a confirmation that takes longer than the callback waits (real clock): WeChat gets "success" in
/// time, and its three retries all get the one reply the submission produced.
/// </summary>
public sealed class SlowFirstAnswerTests : ApiTestBase
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SubmissionDelay = TimeSpan.FromSeconds(2.5);
    private WebApplicationFactory<Program>? _host;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        _host = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("WeChatCallback:ReplyTimeout", ReplyTimeout.ToString());
            b.ConfigureTestServices(s =>
            {
                s.AddScoped<IntakeHandler>();
                s.AddScoped<IWeChatMessageHandler>(sp => new SlowConfirmation(sp.GetRequiredService<IntakeHandler>()));
            });
        });
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Test]
    public async Task ThreeRetriesAfterASlowFirstAnswerGetOneReplyAndOneSubmission()
    {
        using var client = _host!.CreateClient();
        var user = new WeChatUser(client, "o_slow_confirm");
        await user.SayAsync("心愿 想要一个电暖器 150元");
        foreach (var answer in new[] { "4", "1", "王秀英" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("确认"));
        var confirm = WeChatPush.TextXml("o_slow_confirm", "确认");

        var first = await WeChatUser.PostOnceAsync(client, confirm);
        var retries = new List<string>();
        for (var i = 0; i < 3; i++) retries.Add(await WeChatUser.PostOnceAsync(client, confirm));

        Assert.That(first, Is.Empty, "the first copy was answered with success before WeChat gave up");
        Assert.That(retries.Distinct().Single(), Does.Contain("心愿已提交，编号 W"));
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That(db.Wishes.Count(), Is.EqualTo(1));
    }

    /// <summary>Holds up the confirmation, as a slow database would.</summary>
    private sealed class SlowConfirmation(IntakeHandler inner) : IWeChatMessageHandler
    {
        public async Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken)
        {
            if (message is WeChatTextMessage { Content: "确认" }) await Task.Delay(SubmissionDelay, cancellationToken);
            return await inner.HandleAsync(message, cancellationToken);
        }
    }
}

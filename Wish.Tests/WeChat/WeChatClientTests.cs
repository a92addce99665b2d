using WeChatWish.Tests.Fakes;
using WeChatWish.WeChat;
using static WeChatWish.Tests.WeChat.WeChatTestSettings;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatClientTests : WeChatTestBase
{
    [Test]
    public async Task TemplateMessageGoesOutInTheDocumentedShapeAndReturnsTheMsgId()
    {
        var host = await StartHostAsync();
        var message = new TemplateMessage("o_beneficiary", "TEMPLATE_FULFILLED",
            new Dictionary<string, string> { ["thing1"] = "您的心愿已实现", ["time2"] = "2026年12月20日" })
        {
            Url = "https://example.org/wishes/42",
            MiniProgram = new TemplateMiniProgram(MiniProgramAppId, "pages/wish/index?id=42"),
        };

        var result = await host.OfficialAccount.SendTemplateMessageAsync(message);

        Assert.That(result.Value, Is.GreaterThan(0));
        var call = Api.CallsTo(FakeWeChatApi.TemplateSend).Single();
        var body = call.Json();
        Assert.That(body.GetProperty("touser").GetString(), Is.EqualTo("o_beneficiary"));
        Assert.That(body.GetProperty("template_id").GetString(), Is.EqualTo("TEMPLATE_FULFILLED"));
        Assert.That(body.GetProperty("url").GetString(), Is.EqualTo("https://example.org/wishes/42"));
        Assert.That(body.GetProperty("miniprogram").GetProperty("appid").GetString(), Is.EqualTo(MiniProgramAppId));
        Assert.That(body.GetProperty("miniprogram").GetProperty("pagepath").GetString(), Is.EqualTo("pages/wish/index?id=42"));
        Assert.That(body.GetProperty("data").GetProperty("thing1").GetProperty("value").GetString(), Is.EqualTo("您的心愿已实现"));
        Assert.That(call.Body, Does.Contain("您的心愿已实现"), "Chinese goes out as UTF-8, not \\u escapes");
        Assert.That(call.QueryValue("access_token"), Is.EqualTo(Api.IssuedTokens.Single()));
    }

    [Test]
    public async Task TemplateMessageWithoutLinksOmitsUrlAndMiniProgram()
    {
        var host = await StartHostAsync();

        await host.OfficialAccount.SendTemplateMessageAsync(
            new TemplateMessage("o_beneficiary", "T", new Dictionary<string, string> { ["thing1"] = "x" }));

        var body = Api.CallsTo(FakeWeChatApi.TemplateSend).Single().Json();
        Assert.That(body.TryGetProperty("url", out _), Is.False);
        Assert.That(body.TryGetProperty("miniprogram", out _), Is.False);
    }

    [Test]
    public async Task RecipientWhoUnfollowedGetsNotFollowingWhileOthersAreServed()
    {
        var host = await StartHostAsync();
        Api.FailFor(FakeWeChatApi.TemplateSend, "o_gone", 43004);
        var data = new Dictionary<string, string> { ["thing1"] = "x" };

        var gone = await host.OfficialAccount.SendTemplateMessageAsync(new TemplateMessage("o_gone", "T", data));
        var still = await host.OfficialAccount.SendTemplateMessageAsync(new TemplateMessage("o_still", "T", data));

        Assert.That(gone.Error?.Kind, Is.EqualTo(WeChatErrorKind.NotFollowing));
        Assert.That(still.IsSuccess, Is.True);
    }

    [Test]
    public async Task SubscribeMessageGoesOutWithPageDataAndTheConfiguredState()
    {
        var host = await StartHostAsync(new Dictionary<string, string?> { ["WeChat:MiniProgram:State"] = "trial" });
        var message = new SubscribeMessage("o_volunteer", "TEMPLATE_REMINDER",
            new Dictionary<string, string> { ["thing1"] = "认领即将到期" }) { Page = "pages/claims/index?id=7" };

        var result = await host.MiniProgram.SendSubscribeMessageAsync(message);

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        var call = Api.CallsTo(FakeWeChatApi.SubscribeSend).Single();
        var body = call.Json();
        Assert.That(body.GetProperty("touser").GetString(), Is.EqualTo("o_volunteer"));
        Assert.That(body.GetProperty("template_id").GetString(), Is.EqualTo("TEMPLATE_REMINDER"));
        Assert.That(body.GetProperty("page").GetString(), Is.EqualTo("pages/claims/index?id=7"));
        Assert.That(body.GetProperty("miniprogram_state").GetString(), Is.EqualTo("trial"));
        Assert.That(body.GetProperty("data").GetProperty("thing1").GetProperty("value").GetString(), Is.EqualTo("认领即将到期"));
        var token = Api.CallsTo(FakeWeChatApi.Token).Single();
        Assert.That(token.QueryValue("appid"), Is.EqualTo(MiniProgramAppId), "subscribe messages use the mini-program's token");
    }

    [Test]
    public async Task SubscribeMessageToAUserWhoDidNotSubscribeIsNotSubscribed()
    {
        var host = await StartHostAsync();
        Api.FailFor(FakeWeChatApi.SubscribeSend, "o_declined", 43101);

        var result = await host.MiniProgram.SendSubscribeMessageAsync(
            new SubscribeMessage("o_declined", "T", new Dictionary<string, string> { ["thing1"] = "x" }) { State = MiniProgramState.Developer });

        Assert.That(result.Error?.Kind, Is.EqualTo(WeChatErrorKind.NotSubscribed));
        Assert.That(Api.CallsTo(FakeWeChatApi.SubscribeSend).Single().Json().GetProperty("miniprogram_state").GetString(), Is.EqualTo("developer"));
    }

    [Test]
    public async Task LoginCodeIsExchangedForOpenIdAndSessionKeyThatNeverPrints()
    {
        var host = await StartHostAsync();

        var session = await host.MiniProgram.CodeToSessionAsync("081abc");

        Assert.That(session.Value?.OpenId, Is.EqualTo("o_081abc"));
        Assert.That(session.Value?.UnionId, Is.EqualTo("u_081abc"));
        Assert.That(session.Value?.SessionKey, Is.Not.Empty);
        Assert.That(session.Value!.ToString(), Does.Not.Contain(session.Value.SessionKey));
        var call = Api.CallsTo(FakeWeChatApi.CodeToSession).Single();
        Assert.That(call.QueryValue("appid"), Is.EqualTo(MiniProgramAppId));
        Assert.That(call.QueryValue("secret"), Is.EqualTo(MiniProgramSecret));
        Assert.That(call.QueryValue("js_code"), Is.EqualTo("081abc"));
        Assert.That(call.QueryValue("grant_type"), Is.EqualTo("authorization_code"));
        Assert.That(TokenCalls, Is.Zero, "jscode2session needs no access token");
    }

    [Test]
    public async Task LoginCodeUsedTwiceIsCodeUsed()
    {
        var host = await StartHostAsync();
        await host.MiniProgram.CodeToSessionAsync("081once");

        var again = await host.MiniProgram.CodeToSessionAsync("081once");

        Assert.That(again.Error?.Kind, Is.EqualTo(WeChatErrorKind.CodeUsed));
    }

    [Test]
    public async Task MenuIsCreatedWithNestedButtonsInWeChatsShape()
    {
        var host = await StartHostAsync();
        var menu = new[]
        {
            MenuButton.Click("我要许愿", "WISH_NEW"),
            MenuButton.Group("更多", MenuButton.View("项目介绍", "https://example.org/about"),
                MenuButton.MiniProgram("志愿者", MiniProgramAppId, "pages/index/index", "https://example.org/volunteer")),
        };

        var result = await host.OfficialAccount.CreateMenuAsync(menu);

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        var buttons = Api.LastMenu!["button"]!.AsArray();
        Assert.That(buttons[0]!["type"]!.GetValue<string>(), Is.EqualTo("click"));
        Assert.That(buttons[0]!["key"]!.GetValue<string>(), Is.EqualTo("WISH_NEW"));
        Assert.That(buttons[1]!["type"], Is.Null);
        var sub = buttons[1]!["sub_button"]!.AsArray();
        Assert.That(sub[0]!["url"]!.GetValue<string>(), Is.EqualTo("https://example.org/about"));
        Assert.That(sub[1]!["appid"]!.GetValue<string>(), Is.EqualTo(MiniProgramAppId));
        Assert.That(sub[1]!["pagepath"]!.GetValue<string>(), Is.EqualTo("pages/index/index"));
    }

    [Test]
    public async Task LogsNeverContainSecretsTokensOrSessionKeys()
    {
        var host = await StartHostAsync();
        var session = await host.MiniProgram.CodeToSessionAsync("081logs");
        Api.FailNext(FakeWeChatApi.TemplateSend, -1);
        await host.OfficialAccount.SendTemplateMessageAsync(new TemplateMessage("o_x", "T", new Dictionary<string, string> { ["k"] = "v" }));
        Api.ExpireIssuedTokens();
        await host.OfficialAccount.SendTemplateMessageAsync(new TemplateMessage("o_x", "T", new Dictionary<string, string> { ["k"] = "v" }));

        var secrets = new[] { OfficialAccountSecret, MiniProgramSecret, session.Value!.SessionKey }.Concat(Api.IssuedTokens).ToList();
        Assert.That(Logs.Lines, Is.Not.Empty);
        Assert.That(Logs.Lines.Where(line => secrets.Any(line.Contains)), Is.Empty);
    }
}

using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.WeChat;

/// <summary>Answers with short help text until a conversation handler replaces it.</summary>
public sealed class HelpReplyHandler(TimeProvider clock) : IWeChatMessageHandler
{
    public const string HelpText = "您好，这里是微心愿。\n发送“心愿”留下您的心愿，发送“查询”看进度，发送“帮助”看说明。";
    public const string WelcomeText = "感谢关注微心愿！\n发送“心愿”即可留下一个小心愿，我们核实后会帮您联系志愿者。";

    public Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken)
    {
        var text = message switch
        {
            WeChatSubscribeEvent => WelcomeText,
            WeChatTextMessage or WeChatVoiceMessage => HelpText,
            _ => null,
        };
        return Task.FromResult(text is null
            ? WeChatReply.Success
            : WeChatReply.Text(message.FromUserName, message.ToUserName, text, clock.GetUtcNow()));
    }
}

using System.Data.Common;
using StackExchange.Redis;
using Wish.Api.Notifications;
using Wish.Api.WeChat;
using Wish.WeChat.Messages;

namespace Wish.Api.Intake;

/// <summary>
/// The official account's side of the conversation (replaces the default help reply). Events are recorded; people's messages are
/// rate-limited, take turns per openid, and go through <see cref="IntakeFlow"/> with state loaded from and saved to Redis.
/// </summary>
public sealed class IntakeHandler(
    ConversationStore store, IntakeRateLimiter limiter, IntakeFlow flow, FollowerEvents followers, ITemplateDeliveryRecorder deliveries,
    IntakeTexts texts, TimeProvider clock, ILogger<IntakeHandler> logger) : IWeChatMessageHandler
{
    public async Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken)
    {
        var openId = message.FromUserName;
        try
        {
            switch (message)
            {
                case WeChatSubscribeEvent subscribe:
                    await followers.SubscribedAsync(openId, subscribe.SceneValue, subscribe.CreateTime, cancellationToken);
                    return Reply(message, texts.Welcome);
                case WeChatUnsubscribeEvent:
                    await followers.UnsubscribedAsync(openId, message.CreateTime, cancellationToken);
                    return WeChatReply.Success;
                case WeChatTemplateSendJobFinishEvent report:
                    await deliveries.RecordAsync(openId, report.TemplateMsgId, report.Status, report.CreateTime, cancellationToken);
                    return WeChatReply.Success;
                case WeChatEvent and not WeChatClickEvent:
                    return WeChatReply.Success;
            }
            return Reply(message, await ConverseAsync(openId, IntakeInput.From(message), cancellationToken));
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            logger.LogWarning(e, "Intake could not reach Redis or PostgreSQL; asked the sender to try again");
            return Reply(message, IntakeTexts.Busy);
        }
    }

    private async Task<string> ConverseAsync(string openId, IntakeInput input, CancellationToken cancellationToken)
    {
        switch (await limiter.CountAsync(openId))
        {
            case RateVerdict.JustOverLimit: return IntakeTexts.SlowDown;
            case RateVerdict.OverLimit: return "";
        }

        await using var turn = await store.TakeTurnAsync(openId, cancellationToken);
        if (turn is null) return IntakeTexts.PreviousStillRunning;

        var result = await flow.HandleAsync(openId, turn.Current, input, cancellationToken);
        try
        {
            await turn.FinishAsync(result.State);
        }
        catch (Exception e) when (result.Durable && e is RedisException or TimeoutException)
        {
            // The wish is already stored: say so rather than "try again", which would submit it twice.
            logger.LogWarning(e, "Could not save conversation state after a durable turn");
        }
        return result.Reply;
    }

    /// <summary>Redis or PostgreSQL did not answer; EF wraps a lost database connection in an InvalidOperationException.</summary>
    private static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is RedisException or TimeoutException or DbException) return true;
        return false;
    }

    /// <summary>Blank text becomes "success": WeChat shows nothing rather than an empty bubble.</summary>
    private WeChatReply Reply(WeChatMessage message, string text) => WeChatReply.Text(message, text, clock.GetUtcNow());
}

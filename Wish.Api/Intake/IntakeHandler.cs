using System.Data.Common;
using StackExchange.Redis;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.WeChat;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.Intake;

/// <summary>
/// The official account's side of the conversation. Events are recorded; people's messages are
/// rate-limited, take turns per openid, and go through <see cref="IntakeFlow"/> with state loaded from and saved to Redis.
/// </summary>
public sealed class IntakeHandler(
    ConversationStore store, IntakeFlow flow, FollowerEvents followers, ITemplateDeliveryRecorder deliveries,
    IntakeTexts texts, IntakeMetrics metrics, TimeProvider clock, ILogger<IntakeHandler> logger) : IWeChatMessageHandler, IWeChatTicketHandler
{
    /// <summary>What people say (and menu clicks) takes its deduplication record in the same round trip as its turn.</summary>
    public bool TakesTicket(WeChatMessage message) => IsConversation(message);

    public Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken) =>
        HandleAsync(message, null, cancellationToken);

    public async Task<WeChatReply> HandleAsync(WeChatMessage message, MessageDedupTicket? ticket, CancellationToken cancellationToken)
    {
        var openId = message.FromUserName;
        try
        {
            if (!IsConversation(message)) metrics.Message("event", Kind(message));
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
                case var other when !IsConversation(other):
                    return WeChatReply.Success;
            }
            return await ConverseAsync(message, IntakeInput.From(message), ticket, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            logger.LogWarning(e, "Intake could not reach Redis or PostgreSQL; asked the sender to try again");
            metrics.Message("unavailable", Kind(message));
            return Reply(message, IntakeTexts.Busy);
        }
    }

    /// <summary>WeChat's message type as a metric tag: known words only, since MsgType is whatever the push says.</summary>
    private static string Kind(WeChatMessage message) => message.MsgType switch
    {
        "text" or "image" or "voice" or "video" or "shortvideo" or "location" or "link" or "event" => message.MsgType,
        _ => "other",
    };

    private static bool IsConversation(WeChatMessage message) => message is not WeChatEvent || message is WeChatClickEvent;

    private async Task<WeChatReply> ConverseAsync(WeChatMessage message, IntakeInput input, MessageDedupTicket? ticket,
        CancellationToken cancellationToken)
    {
        var openId = message.FromUserName;
        var attempt = await store.TakeTurnAsync(openId, ticket, cancellationToken);
        var kind = Kind(message);
        if (ticket is { IsDuplicate: true })
        {
            metrics.Message("duplicate", kind);
            return WeChatReply.Success; // the callback answers with the first copy's reply
        }
        switch (attempt.Verdict)
        {
            case RateVerdict.JustOverLimit:
                metrics.Message("slowed", kind);
                return Reply(message, IntakeTexts.SlowDown);
            case RateVerdict.OverLimit:
                metrics.Message("dropped", kind);
                return WeChatReply.Success;
        }

        await using var turn = attempt.Turn;
        if (turn is null)
        {
            metrics.Message("waiting", kind);
            return Reply(message, IntakeTexts.PreviousStillRunning);
        }

        var result = await flow.HandleAsync(openId, turn.Current, input, cancellationToken);
        var reply = Reply(message, result.Reply);
        try
        {
            // The reply goes into the message's deduplication record in the same round trip, for WeChat's retries.
            await turn.FinishAsync(result.State, reply.Body);
        }
        catch (Exception e) when (result.Durable && e is RedisException or TimeoutException)
        {
            // The wish is already stored: say so rather than "try again", which would submit it twice.
            logger.LogWarning(e, "Could not save conversation state after a durable turn");
        }
        metrics.Message("handled", kind);
        return reply;
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

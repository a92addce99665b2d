using System.Globalization;
using Microsoft.Extensions.Options;
using WeChatWish.WeChat.Crypto;
using WeChatWish.WeChat.Messages;
using WeChatWish.WeChat;

namespace WeChatWish.Api.WeChat;

/// <summary>The query WeChat adds to every push.</summary>
public sealed record WeChatCallbackQuery(string? Signature, string? Timestamp, string? Nonce, string? EncryptType, string? MsgSignature)
{
    public bool IsEncrypted => string.Equals(EncryptType, "aes", StringComparison.OrdinalIgnoreCase);

    /// <summary>WeChat sends no encrypt_type (or <c>raw</c>) for plaintext and <c>aes</c> for the encrypted modes; anything else is refused.</summary>
    public bool IsKnownEncryption => string.IsNullOrEmpty(EncryptType) || IsEncrypted || string.Equals(EncryptType, "raw", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An answer to WeChat: the body and whether the request was refused (401/400) before any processing.</summary>
public sealed record CallbackOutcome(int StatusCode, string Body, string ContentType)
{
    public static readonly CallbackOutcome Success = new(200, "success", "text/plain; charset=utf-8");
    public static CallbackOutcome Refused(int statusCode, string reason) => new(statusCode, reason, "text/plain; charset=utf-8");
}

/// <summary>Verifies, decrypts, deduplicates and hands a push to <see cref="IWeChatMessageHandler"/> within WeChat's patience.</summary>
public sealed class WeChatCallbackProcessor(
    WeChatMessageCrypto crypto,
    IOptions<WeChatOptions> wechat,
    IOptions<WeChatCallbackOptions> options,
    MessageDeduplicator dedup,
    IServiceScopeFactory scopes,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<WeChatCallbackProcessor> logger)
{
    /// <summary>Null when the query's signature is right and its timestamp fresh; otherwise why not, for a 401.</summary>
    public string? Refusal(WeChatCallbackQuery query)
    {
        if (!WeChatSignature.VerifyUrlSignature(wechat.Value.OfficialAccount.Token, query.Timestamp, query.Nonce, query.Signature))
            return "bad signature";
        // Signed, so this is WeChat's own timestamp (or a replay of it): only its age is in question.
        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return "bad timestamp";
        var skew = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() <= options.Value.MaxTimestampSkew) return null;
        logger.LogWarning("Refused a WeChat push signed {Skew} away from this server's clock (a replay, or a clock to set right)", skew);
        return "stale timestamp";
    }

    public async Task<CallbackOutcome> ReceiveAsync(WeChatCallbackQuery query, Stream body, CancellationToken cancellationToken)
    {
        if (Refusal(query) is { } refusal) return CallbackOutcome.Refused(401, refusal);
        // Read as plaintext, an unknown scheme would be taken for a message nobody encrypted.
        if (!query.IsKnownEncryption) return CallbackOutcome.Refused(400, "unsupported encrypt_type");

        WeChatMessage message;
        try
        {
            var xml = await WeChatXml.ReadBodyAsync(body, cancellationToken);
            if (query.IsEncrypted)
            {
                var envelope = WeChatMessageParser.ParseEnvelope(xml);
                xml = crypto.VerifyAndDecrypt(query.MsgSignature, query.Timestamp, query.Nonce, envelope.Encrypt);
            }
            message = WeChatMessageParser.Parse(xml);
        }
        catch (WeChatCryptoException e) when (e.Reason == WeChatCryptoError.BadSignature)
        {
            return CallbackOutcome.Refused(401, "bad msg_signature");
        }
        catch (Exception e) when (e is WeChatCryptoException or WeChatXmlException)
        {
            logger.LogWarning("Refused a WeChat push: {Reason}", e.Message);
            return CallbackOutcome.Refused(400, "bad body");
        }

        try
        {
            var replyBody = await ReplyOnceAsync(message, cancellationToken);
            return Encode(replyBody, query);
        }
        catch (Exception e)
        {
            // A push that passed the signature never gets a 5xx: WeChat would show "该公众号暂时无法提供服务".
            logger.LogError(e, "WeChat message {Key} failed; answered success", message.DedupKey);
            return CallbackOutcome.Success;
        }
    }

    /// <summary>The plaintext reply body, the same for every copy of a message; "success" when there is nothing to say.</summary>
    private async Task<string> ReplyOnceAsync(WeChatMessage message, CancellationToken cancellationToken)
    {
        var ticket = dedup.Ticket(message);
        var timeout = options.Value.ReplyTimeout;
        var started = clock.GetTimestamp();
        // The handler is not tied to the request: it has a scope of its own and the application's stopping token, so when
        // it outlives WeChat's patience it still finishes and stores its reply for the retry.
        var handling = HandleAsync(message, ticket);
        if (!handling.IsCompleted)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var finished = await Task.WhenAny(handling, Task.Delay(timeout, clock, patience.Token));
            await patience.CancelAsync(); // frees the timer at once instead of after the timeout
            if (finished != handling)
            {
                logger.LogWarning("WeChat message {Key} not answered within {Timeout}; answered success", ticket.Name, timeout);
                return WeChatReply.Success.Body;
            }
        }
        var reply = await handling;
        if (!ticket.IsDuplicate) return reply?.Body ?? WeChatReply.Success.Body;
        var left = timeout - clock.GetElapsedTime(started);
        var stored = left > TimeSpan.Zero ? await dedup.WaitForReplyAsync(ticket, left, cancellationToken) : null;
        return stored ?? WeChatReply.Success.Body;
    }

    /// <summary>
    /// Takes the ticket (or lets a ticket-taking handler take it in its own first round trip) and handles a first copy; a
    /// duplicate comes back null with the ticket marked, and so does a failure.
    /// </summary>
    private async Task<WeChatReply?> HandleAsync(WeChatMessage message, MessageDedupTicket ticket)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IWeChatMessageHandler>();
            WeChatReply reply;
            if (handler is IWeChatTicketHandler taker && taker.TakesTicket(message))
                reply = await taker.HandleAsync(message, ticket, lifetime.ApplicationStopping);
            else if (await dedup.BeginAsync(ticket) == DedupOutcome.Duplicate)
                return null;
            else
                reply = await handler.HandleAsync(message, lifetime.ApplicationStopping);
            if (ticket.IsDuplicate) return null;
            if (ticket is { IsTaken: true, IsReplyStored: false }) await dedup.CompleteAsync(ticket, reply.Body);
            return reply;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Handler failed on WeChat message {Key}", ticket.Name);
            if (ticket.IsTaken) await dedup.AbandonAsync(ticket);
            return null;
        }
    }

    private CallbackOutcome Encode(string replyBody, WeChatCallbackQuery query)
    {
        if (replyBody == WeChatReply.Success.Body) return CallbackOutcome.Success;
        var body = query.IsEncrypted
            ? crypto.BuildEncryptedReplyXml(replyBody, query.Nonce ?? "", clock.GetUtcNow().ToUnixTimeSeconds())
            : replyBody;
        return new CallbackOutcome(200, body, WeChatReply.XmlContentType);
    }
}

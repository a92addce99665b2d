using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.WeChat;

/// <summary>
/// What the official account does with a message that passed the signature check and deduplication (or, for an
/// <see cref="IWeChatTicketHandler"/>, takes deduplication into its own first Redis round trip).
/// Runs in a scope of its own, and may outlive the HTTP request when it takes longer than WeChat waits.
/// </summary>
public interface IWeChatMessageHandler
{
    Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken);
}

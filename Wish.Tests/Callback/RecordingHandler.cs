using System.Collections.Concurrent;
using WeChatWish.Api.WeChat;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.Callback;

/// <summary>Stands in for the conversation handler: counts calls and can be told to be slow or to throw.</summary>
public sealed class RecordingHandler : IWeChatMessageHandler
{
    public ConcurrentQueue<WeChatMessage> Calls { get; } = new();
    public TimeSpan Delay { get; set; }
    public bool Throw { get; set; }

    public void Reset()
    {
        Calls.Clear();
        Delay = TimeSpan.Zero;
        Throw = false;
    }

    public async Task<WeChatReply> HandleAsync(WeChatMessage message, CancellationToken cancellationToken)
    {
        Calls.Enqueue(message);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        if (Throw) throw new InvalidOperationException("handler failed on purpose");
        var content = message is WeChatTextMessage text ? $"收到第{Calls.Count}条：{text.Content}" : $"事件{Calls.Count}";
        return WeChatReply.Text(message, content, DateTimeOffset.UnixEpoch.AddSeconds(1_790_000_001));
    }
}

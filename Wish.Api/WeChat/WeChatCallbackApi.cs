using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WeChatWish.WeChat.Crypto;
using WeChatWish.WeChat;

namespace WeChatWish.Api.WeChat;

/// <summary>The URL configured as the official account's server address.</summary>
public static class WeChatCallbackApi
{
    /// <summary>Checks, decrypts and deduplicates pushes; the <see cref="IWeChatMessageHandler"/> that answers them is AddIntake's.</summary>
    public static IHostApplicationBuilder AddWeChatCallback(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WeChatCallbackOptions>().BindConfiguration(WeChatCallbackOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WeChatCallbackOptions>, WeChatCallbackOptionsValidator>();
        builder.Services.AddSingleton(sp => new WeChatMessageCrypto(sp.GetRequiredService<IOptions<WeChatOptions>>().Value.OfficialAccount));
        builder.Services.AddSingleton<MessageDeduplicator>();
        builder.Services.AddSingleton<WeChatCallbackProcessor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWeChatCallback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/wechat").WithTags("WeChat callback");
        group.MapGet("", Verify).WithSummary("URL verification: answers echostr when the signature is right");
        group.MapPost("", Receive).WithSummary("Message push in plaintext, compatible or safe mode");
        return app;
    }

    private static IResult Verify(
        [FromQuery] string? signature, [FromQuery] string? timestamp, [FromQuery] string? nonce, [FromQuery] string? echostr,
        WeChatCallbackProcessor processor)
    {
        var query = new WeChatCallbackQuery(signature, timestamp, nonce, null, null);
        if (processor.Refusal(query) is { } refusal) return TypedResults.Text(refusal, "text/plain", statusCode: 401);
        return TypedResults.Text(echostr ?? "", "text/plain");
    }

    private static async Task<IResult> Receive(
        [FromQuery] string? signature, [FromQuery] string? timestamp, [FromQuery] string? nonce,
        [FromQuery(Name = "encrypt_type")] string? encryptType, [FromQuery(Name = "msg_signature")] string? msgSignature,
        HttpRequest request, WeChatCallbackProcessor processor, CancellationToken cancellationToken)
    {
        var query = new WeChatCallbackQuery(signature, timestamp, nonce, encryptType, msgSignature);
        var outcome = await processor.ReceiveAsync(query, request.Body, cancellationToken);
        return TypedResults.Text(outcome.Body, outcome.ContentType, statusCode: outcome.StatusCode);
    }
}

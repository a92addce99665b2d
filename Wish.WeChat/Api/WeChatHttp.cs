using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace WeChatWish.WeChat;

/// <summary>
/// One WeChat call: sends, parses the JSON whatever the content type, maps errcode to a typed error,
/// retries transient failures with a doubling delay, and (with a token) refreshes once on an invalid token.
/// Logs carry the operation and WeChat's errcode only: never a URL, a body, a secret or a session_key.
/// </summary>
internal sealed class WeChatHttp(HttpClient http, WeChatHttpOptions options, ILogger logger)
{
    public async Task<WeChatResult<T>> SendAsync<T>(
        string operation, Func<HttpRequestMessage> request, Func<JsonElement, T> read, CancellationToken ct)
    {
        var attempts = Math.Max(1, options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var result = await SendOnceAsync(operation, request, read, ct);
            if (result.IsSuccess || !result.Error.IsTransient || attempt >= attempts) return result;
            var delay = options.RetryDelay * Math.Pow(2, attempt - 1);
            logger.LogWarning("WeChat {Operation} failed transiently ({ErrCode} {ErrMsg}); retry {Retry} in {Delay} ms",
                operation, result.Error.ErrCode, result.Error.ErrMsg, attempt, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, ct);
        }
    }

    public async Task<WeChatResult<T>> SendWithTokenAsync<T>(
        IAccessTokenStore tokens, string appId, string operation,
        Func<string, HttpRequestMessage> request, Func<JsonElement, T> read, CancellationToken ct)
    {
        var token = await tokens.GetTokenAsync(appId, ct);
        if (!token.IsSuccess) return token.Error;
        var result = await SendAsync(operation, () => request(token.Value.Value), read, ct);
        if (result.IsSuccess || result.Error.Kind != WeChatErrorKind.InvalidToken) return result;

        logger.LogWarning("WeChat {Operation} rejected the access token of {AppId} ({ErrCode}); refreshing and retrying once",
            operation, appId, result.Error.ErrCode);
        await tokens.InvalidateAsync(appId, token.Value.Value, ct);
        token = await tokens.GetTokenAsync(appId, ct);
        if (!token.IsSuccess) return token.Error;
        return await SendAsync(operation, () => request(token.Value.Value), read, ct);
    }

    private async Task<WeChatResult<T>> SendOnceAsync<T>(
        string operation, Func<HttpRequestMessage> request, Func<JsonElement, T> read, CancellationToken ct)
    {
        try
        {
            using var message = request();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if ((int)response.StatusCode >= 500)
                return WeChatError.Unavailable($"HTTP {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
                return new WeChatError(WeChatErrorKind.Other, 0, $"HTTP {(int)response.StatusCode}");
            return Parse(operation, body, read);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return WeChatError.Unavailable("timed out");
        }
        catch (HttpRequestException e)
        {
            return WeChatError.Unavailable($"request failed: {e.HttpRequestError}");
        }
    }

    private WeChatResult<T> Parse<T>(string operation, byte[] body, Func<JsonElement, T> read)
    {
        try
        {
            // WeChat often answers text/plain with a JSON body, so the content type is not consulted.
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return WeChatError.Unavailable("answer is not a JSON object");
            var errCode = root.Int64("errcode") ?? 0;
            if (errCode != 0)
            {
                var error = WeChatError.FromCode((int)errCode, root.String("errmsg"));
                logger.LogInformation("WeChat {Operation} answered {ErrCode} {ErrMsg}", operation, error.ErrCode, error.ErrMsg);
                return error;
            }
            return read(root);
        }
        catch (JsonException)
        {
            return WeChatError.Unavailable("answer is not JSON");
        }
        catch (InvalidOperationException e)
        {
            // read() throws this when a success answer lacks a field it needs.
            return new WeChatError(WeChatErrorKind.Other, 0, e.Message);
        }
    }
}

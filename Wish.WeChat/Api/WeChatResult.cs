using System.Diagnostics.CodeAnalysis;

namespace WeChatWish.WeChat;

/// <summary>The outcome of a WeChat call that answers with a value: the value, or a typed error.</summary>
public sealed class WeChatResult<T>
{
    private WeChatResult(T? value, WeChatError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public WeChatError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static WeChatResult<T> Success(T value) => new(value, null);

    public static WeChatResult<T> Failure(WeChatError error) => new(default, error);

    public static implicit operator WeChatResult<T>(T value) => Success(value);

    public static implicit operator WeChatResult<T>(WeChatError error) => Failure(error);

    public override string ToString() => IsSuccess ? "Success" : $"Failure({Error})";
}

/// <summary>The outcome of a WeChat call that answers only "ok": success, or a typed error.</summary>
public sealed class WeChatResult
{
    public static readonly WeChatResult Success = new(null);

    private WeChatResult(WeChatError? error) => Error = error;

    public WeChatError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static WeChatResult Failure(WeChatError error) => new(error);

    public static implicit operator WeChatResult(WeChatError error) => Failure(error);

    public override string ToString() => IsSuccess ? "Success" : $"Failure({Error})";
}

internal static class WeChatResultExtensions
{
    public static WeChatResult WithoutValue<T>(this WeChatResult<T> result) =>
        result.IsSuccess ? WeChatResult.Success : result.Error;
}

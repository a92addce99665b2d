namespace WeChatWish.Api.Infrastructure;

/// <summary>The caller is signed in but may not touch this record (e.g. a district coordinator outside their district): 403.</summary>
public sealed class ForbiddenException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

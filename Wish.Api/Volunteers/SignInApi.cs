using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;
using WeChatWish.WeChat;

namespace WeChatWish.Api.Volunteers;

/// <summary>Mini-program sign-in: a <c>wx.login</c> code becomes our bearer token; WeChat's session_key stays here.</summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Volunteers").AllowAnonymous().WithValidation();
        api.MapPost("/wechat-login", SignIn).LimitedAsSignIn()
            .WithSummary("Exchanges a wx.login code for a volunteer token; the volunteer is created on first sign-in")
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429).ProducesProblem(503);
        return app;
    }

    private static async Task<Results<Ok<WeChatLoginResponse>, ProblemHttpResult>> SignIn(
        WeChatLoginRequest request, MiniProgramClient wechat, WishDbContext db, TokenIssuer tokens, TimeProvider clock,
        HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var session = await wechat.CodeToSessionAsync(request.Code.Trim(), cancellationToken);
        if (!session.IsSuccess)
        {
            // Only the kind and errcode: the code itself is a credential, however short-lived.
            loggers.CreateLogger(typeof(SignInApi)).LogInformation("Mini-program sign-in refused by WeChat: {Kind} {ErrCode}",
                session.Error.Kind, session.Error.ErrCode);
            return Refused(session.Error, http);
        }

        var volunteer = await FindOrRegisterAsync(db, session.Value.OpenId, clock.GetUtcNow(), cancellationToken);
        var token = tokens.IssueVolunteer(volunteer.Id);
        return TypedResults.Ok(new WeChatLoginResponse(token.AccessToken, token.ExpiresAt, volunteer.IsProfileComplete,
            VolunteerResponse.From(volunteer)));
    }

    private static ProblemHttpResult Refused(WeChatError error, HttpContext http)
    {
        switch (error.Kind)
        {
            case WeChatErrorKind.InvalidCode or WeChatErrorKind.CodeUsed:
                return ProblemDetailsExtensions.CodedProblem(401, "登录凭证无效或已被使用，请重新打开小程序登录。", DomainErrorCodes.WeChatInvalidCode);
            case WeChatErrorKind.Blocked:
                return ProblemDetailsExtensions.CodedProblem(403, "该微信账号暂时无法登录，请联系工作人员。", DomainErrorCodes.WeChatBlocked);
            case WeChatErrorKind.RateLimited:
                http.Response.Headers.RetryAfter = "60";
                return ProblemDetailsExtensions.CodedProblem(429, "登录请求过于频繁，请稍后再试。", DomainErrorCodes.WeChatRateLimited);
            default:
                // Busy, unreachable, or our own WeChat settings are wrong: nothing the volunteer did, so try again later.
                http.Response.Headers.RetryAfter = "10";
                return ProblemDetailsExtensions.CodedProblem(503, "微信登录服务暂时不可用，请稍后再试。", DomainErrorCodes.WeChatUnavailable);
        }
    }

    private static async Task<Volunteer> FindOrRegisterAsync(WishDbContext db, string openId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.OpenId == openId, cancellationToken);
        if (volunteer is not null) return volunteer;

        volunteer = Volunteer.Register(openId, now);
        db.Volunteers.Add(volunteer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return volunteer;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first sign-ins at once (a double tap): the other one registered the volunteer.
            db.ChangeTracker.Clear();
            return await db.Volunteers.SingleAsync(v => v.OpenId == openId, cancellationToken);
        }
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;

namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// The one place where exceptions become ProblemDetails: domain errors by kind, a token naming no volunteer as 401, races the
/// database caught as 409, PostgreSQL or Redis out of reach as 503 with Retry-After.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public const string ConcurrentChangeTitle = "数据刚刚被其他人修改，请刷新后重试。";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainValidationException e => Validation(e.Field, e.Message, e.Code),
            DomainException e => Problem(e.Kind switch
            {
                DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
                DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
                DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status422UnprocessableEntity,
            }, e.Message, e.Code),
            UnknownVolunteerException e => Problem(StatusCodes.Status401Unauthorized, e.Message, DomainErrorCodes.VolunteerUnknown),
            StaleStaffTokenException e => Problem(StatusCodes.Status401Unauthorized, e.Message, DomainErrorCodes.StaffTokenRevoked),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status409Conflict, ConcurrentChangeTitle, DomainErrorCodes.ConcurrencyConflict),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
                Problem(StatusCodes.Status409Conflict, ConcurrentChangeTitle, DomainErrorCodes.ConcurrencyDuplicate),
            BadHttpRequestException e => UnreadableRequest.Describe(e, httpContext) ?? Problem(e.StatusCode, ProblemDetailsExtensions.ChineseTitle(e.StatusCode), null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when IsUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, UnavailableTitle, null),
            _ => Problem(StatusCodes.Status500InternalServerError, ProblemDetailsExtensions.ChineseTitle(500), null),
        };
        if (problem is null) return true;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // PostgreSQL or Redis is down or restarting (deploy/faults.sh): the client may try again shortly; nothing is broken here.
            logger.LogWarning(exception, "PostgreSQL or Redis unavailable on {Path}", httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "2";
        }
        else if (problem.Status >= 500) logger.LogError(exception, "Unhandled exception on {Path}", httpContext.Request.Path);
        else if (exception is BadHttpRequestException)
            // The fields only: the values sent may be anything, personal data included.
            logger.LogInformation("Unreadable request to {Path}: {Status} at {Fields}", httpContext.Request.Path, problem.Status,
                problem is HttpValidationProblemDetails v ? string.Join(",", v.Errors.Keys) : "-");

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    public const string UnavailableTitle = "系统暂时无法处理，请稍后重试。";

    /// <summary>
    /// A lost or refused connection to PostgreSQL (Npgsql's own errors, or the server shutting down, starting up or out of
    /// connections) or to Redis, anywhere in the chain: EF wraps them in InvalidOperationException and DbUpdateException.
    /// </summary>
    private static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                              || p.SqlState == PostgresErrorCodes.TooManyConnections:
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException or StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException:
                    return true;
            }
        }
        return false;
    }

    private static ProblemDetails Problem(int status, string title, string? code)
    {
        var problem = new ProblemDetails { Status = status, Title = title };
        if (code is not null) problem.Extensions["code"] = code;
        return problem;
    }

    private static ProblemDetails Validation(string field, string message, string code)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = message,
        };
        problem.Extensions["code"] = code;
        return problem;
    }
}

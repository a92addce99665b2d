using Microsoft.AspNetCore.Http.HttpResults;

namespace WeChatWish.Api.Volunteers;

/// <summary>The answers volunteer routes share.</summary>
public static class VolunteerAccess
{
    public static ProblemHttpResult Problem(int status, string title, string code) => TypedResults.Problem(
        statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}

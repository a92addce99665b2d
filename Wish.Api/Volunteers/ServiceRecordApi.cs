using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Volunteers;

/// <summary>One line of the 爱心存折; <c>final</c> is false until staff confirm the wish after their follow-up.</summary>
public sealed record ServiceRecordItem(DateTimeOffset At, string Place, string Content, int Minutes, string? Witness, bool Final);

/// <summary>Totals count final entries only; <c>pendingMinutes</c> shows what is waiting for confirmation.</summary>
public sealed record ServiceRecordResponse(int TotalMinutes, decimal TotalHours, int Points, int StarLevel, int PendingMinutes,
    IReadOnlyList<ServiceRecordItem> Entries);

public static class ServiceRecordApi
{
    public static IEndpointRouteBuilder MapServiceRecord(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/service-record", GetServiceRecord).WithTags("Volunteers").RequireAuthorization(Policies.Volunteer)
            .WithSummary("The volunteer's service record (爱心存折): entries, hours, points and star level");
        return app;
    }

    private static async Task<Ok<ServiceRecordResponse>> GetServiceRecord(
        CurrentVolunteer me, WishDbContext db, WishRules rules, CancellationToken cancellationToken)
    {
        var entries = await db.ServiceRecordEntries.AsNoTracking()
            .Where(e => e.VolunteerId == me.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ServiceRecordItem(e.At, e.Place, e.Content, e.Minutes, e.Witness, e.IsFinal))
            .ToListAsync(cancellationToken);
        var total = entries.Where(e => e.Final).Sum(e => e.Minutes);
        var pending = entries.Where(e => !e.Final).Sum(e => e.Minutes);
        return TypedResults.Ok(new ServiceRecordResponse(total, decimal.Round(total / 60m, 1), rules.Points(total),
            WishRules.StarLevel(total), pending, entries));
    }
}

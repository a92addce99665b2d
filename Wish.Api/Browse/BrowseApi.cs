using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Volunteers;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Browse;

/// <summary>Published wishes for signed-in volunteers, beneficiaries masked.</summary>
public static class BrowseApi
{
    public static IHostApplicationBuilder AddBrowse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<WishBrowser>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBrowse(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wishes").WithTags("Volunteers").RequireAuthorization(Policies.Volunteer).WithValidation();
        api.MapGet("/", Browse)
            .WithSummary("Published wishes: own district first, then by urgency and publication time; keyset pages via nextCursor");
        api.MapGet("/{id:guid}", GetWish).WithSummary("One wish, beneficiary masked");
        return app;
    }

    private static async Task<Results<Ok<BrowsePage>, ProblemHttpResult>> Browse(
        [AsParameters] BrowseQuery query, CurrentVolunteer me, WishDbContext db, WishBrowser browser, CancellationToken cancellationToken)
    {
        // The own district only orders an unfiltered list; with a district filter the page is one query.
        var ownDistrict = query.DistrictCode is not null ? null : await db.Volunteers.AsNoTracking()
            .Where(v => v.Id == me.Id).Select(v => v.DistrictCode).FirstOrDefaultAsync(cancellationToken);
        BrowseCursor.TryDecode(query.Cursor, out var cursor);
        Categories.TryFromCode(query.Category, out var category);
        WishSubmissionValidator.TryParseKind(query.Kind, out var kind);
        var filter = new BrowseFilter(query.DistrictCode, query.Category is null ? null : category, query.Kind is null ? null : kind, query.Q);

        var page = await browser.PageAsync(filter, ownDistrict, cursor, query.Limit ?? BrowseQuery.DefaultLimit, cancellationToken);
        return page is null
            ? ProblemDetailsExtensions.CodedProblem(StatusCodes.Status400BadRequest, "筛选条件已变化，请从第一页重新加载。", DomainErrorCodes.BrowseCursorMismatch)
            : TypedResults.Ok(page);
    }

    private static async Task<Ok<VolunteerWishView>> GetWish(Guid id, WishBrowser browser, CancellationToken cancellationToken) =>
        TypedResults.Ok(await browser.FindAsync(id, cancellationToken)
            ?? throw DomainErrors.WishNotFound());
}

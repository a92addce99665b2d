using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.ReferenceData;

public sealed record CodeName(string Code, string Name);

/// <summary>Lists the mini-program and the staff console show in pickers; anonymous.</summary>
public static class ReferenceDataApi
{
    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Reference data").AllowAnonymous().WithValidation();
        api.MapGet("/districts", GetDistricts).WithSummary("Districts: [{code, name}]");
        api.MapGet("/categories", GetCategories).WithSummary("Wish categories: [{code, name}]");
        return app;
    }

    private static async Task<Ok<List<CodeName>>> GetDistricts(WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new CodeName(d.Code, d.Name)).ToListAsync(cancellationToken));

    private static Ok<List<CodeName>> GetCategories() =>
        TypedResults.Ok(Categories.All.Select(c => new CodeName(c.Code, c.Name)).ToList());
}

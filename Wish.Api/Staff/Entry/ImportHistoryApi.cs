using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;

namespace WeChatWish.Api.Staff.Entry;

public sealed record ImportHistoryLine(Guid Id, DateTimeOffset At, string StaffUserName, string? DistrictCode, string? FileName, int Rows,
    int Imported, int Errors);

public sealed record ImportHistoryPage(IReadOnlyList<ImportHistoryLine> Items, int Total, int Page, int PageSize);

/// <summary>The history of real imports, taken or refused, newest first.</summary>
public static class ImportHistoryApi
{
    public static IEndpointRouteBuilder MapImportHistory(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/wishes").WithTags("Staff: entry").RequireAuthorization(Policies.Staff);
        api.MapGet("/imports", List).WithSummary("Imports newest first (?page&pageSize): who, when, file, rows, imported, errors");
        return app;
    }

    // A coordinator sees the imports of their own district's coordinators (each record keeps the importer's district);
    // reviewers and admins, who import for every district, see all.
    private static async Task<Ok<ImportHistoryPage>> List(int? page, int? pageSize, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var size = Math.Clamp(pageSize ?? 20, 1, 200);
        var number = Math.Max(1, page ?? 1);
        var district = staff.ScopeDistrict;
        var query = db.ImportRecords.AsNoTracking().Where(r => district == null || r.DistrictCode == district);
        var items = await query.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Skip((number - 1) * size).Take(size)
            .Select(r => new ImportHistoryLine(r.Id, r.At, r.StaffUserName, r.DistrictCode, r.FileName, r.Rows, r.Imported, r.Errors))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ImportHistoryPage(items, await query.CountAsync(cancellationToken), number, size));
    }

    /// <summary>Written on its own after the import's transaction ended, so a refused import is recorded too.</summary>
    public static async Task RecordAsync(WishDbContext db, ImportRecord record, CancellationToken cancellationToken)
    {
        db.ImportRecords.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }
}

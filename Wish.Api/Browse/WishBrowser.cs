using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Browse;

/// <summary>Filters a volunteer applies; the district filter, when set, overrides "own district first".</summary>
public sealed record BrowseFilter(string? DistrictCode, WishCategory? Category, WishKind? Kind, string? Text);

/// <summary>
/// Reads published wishes for volunteers, most urgent first, then most recently published, with keyset pagination.
/// With no district filter the volunteer's own district comes first: two keyset scans, one per partial index range,
/// so a page never needs OFFSET and never sorts the whole table.
/// </summary>
public sealed class WishBrowser(WishDbContext db)
{
    /// <summary>Null when the cursor belongs to another ordering (the filters or the volunteer's district changed).</summary>
    public async Task<BrowsePage?> PageAsync(BrowseFilter filter, string? ownDistrict, BrowseCursor? cursor, int limit, CancellationToken ct)
    {
        var split = filter.DistrictCode is null && ownDistrict is not null;
        var phase = cursor?.Phase ?? (split ? BrowsePhase.OwnDistrict : BrowsePhase.All);
        if (split != (phase != BrowsePhase.All)) return null;

        var rows = new List<(BrowsePhase Phase, WishRow Row)>();
        if (phase == BrowsePhase.All)
        {
            var query = Published(filter);
            if (filter.DistrictCode is { } district) query = query.Where(w => w.DistrictCode == district);
            rows.AddRange(Tag(BrowsePhase.All, await FetchAsync(query, cursor, limit + 1, ct)));
        }
        if (phase == BrowsePhase.OwnDistrict)
            rows.AddRange(Tag(BrowsePhase.OwnDistrict, await FetchAsync(Published(filter).Where(w => w.DistrictCode == ownDistrict), cursor, limit + 1, ct)));
        if (split && rows.Count <= limit)
        {
            // The own district is exhausted on this page: continue with the other districts from their start.
            var after = phase == BrowsePhase.OtherDistricts ? cursor : null;
            rows.AddRange(Tag(BrowsePhase.OtherDistricts,
                await FetchAsync(Published(filter).Where(w => w.DistrictCode != ownDistrict), after, limit + 1 - rows.Count, ct)));
        }

        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit && page.Count > 0
            ? new BrowseCursor(page[^1].Phase, page[^1].Row.Urgency, page[^1].Row.PublishedAt!.Value, page[^1].Row.Id).Encode()
            : null;
        return new BrowsePage(page.Select(r => r.Row.ToView()).ToList(), next);
    }

    /// <summary>One wish a volunteer may look at: published, or already taken (so a stale list shows "claimed", not "not found").</summary>
    public async Task<VolunteerWishView?> FindAsync(Guid id, CancellationToken ct)
    {
        var rows = await Project(db.Wishes.AsNoTracking().Where(w => w.Id == id && (w.Status == WishStatus.Published
            || w.Status == WishStatus.Claimed || w.Status == WishStatus.Fulfilled || w.Status == WishStatus.Confirmed))).ToListAsync(ct);
        return rows.SingleOrDefault()?.ToView();
    }

    private IQueryable<Wish> Published(BrowseFilter filter)
    {
        // The status is a literal in the SQL, so PostgreSQL matches the partial indexes (WHERE "Status" = 'Published').
        var query = db.Wishes.AsNoTracking().Where(w => w.Status == WishStatus.Published);
        if (filter.Category is { } category) query = query.Where(w => w.Category == category);
        if (filter.Kind is { } kind) query = query.Where(w => w.Kind == kind);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + EscapeLike(filter.Text.Trim()) + "%";
            query = query.Where(w => EF.Functions.ILike(w.MaskedContent, pattern, @"\"));
        }
        return query;
    }

    private async Task<List<WishRow>> FetchAsync(IQueryable<Wish> query, BrowseCursor? cursor, int take, CancellationToken ct)
    {
        if (cursor is not null)
        {
            var (urgency, publishedAt, id) = (cursor.Urgency, (DateTimeOffset?)cursor.PublishedAt, cursor.Id);
            // A row comparison, (a, b, c) < (x, y, z), is one range condition on the index rather than an OR chain.
            query = query.Where(w => EF.Functions.LessThan(
                ValueTuple.Create(w.Urgency, w.PublishedAt, w.Id), ValueTuple.Create(urgency, publishedAt, id)));
        }
        var ordered = query.OrderByDescending(w => w.Urgency).ThenByDescending(w => w.PublishedAt).ThenByDescending(w => w.Id).Take(take);
        return await Project(ordered).ToListAsync(ct);
    }

    private IQueryable<WishRow> Project(IQueryable<Wish> wishes) =>
        from w in wishes
        join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
        select new WishRow(w.Id, w.Code, w.MaskedContent, w.Category, w.Kind, w.DistrictCode, w.Urgency, w.EstimatedCost, w.Status,
            w.PublishedAt, w.Photos.Select(p => p.Url).ToList(), b.Name, b.ErasedAt != null);

    private static IEnumerable<(BrowsePhase, WishRow)> Tag(BrowsePhase phase, IEnumerable<WishRow> rows) => rows.Select(r => (phase, r));

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>The beneficiary's name is read only to be masked here; it never reaches a response.</summary>
    private sealed record WishRow(Guid Id, string Code, string Content, WishCategory Category, WishKind Kind, string DistrictCode,
        Urgency Urgency, decimal EstimatedCost, WishStatus Status, DateTimeOffset? PublishedAt, List<string> PhotoUrls,
        string BeneficiaryName, bool BeneficiaryErased)
    {
        public VolunteerWishView ToView() => new(Id, Code, Content, Category, Kind, DistrictCode, Urgency, EstimatedCost, Status,
            PublishedAt, PhotoUrls, new MaskedBeneficiary(BeneficiaryErased ? Beneficiary.ErasedName : NameMask.Mask(BeneficiaryName)));
    }
}

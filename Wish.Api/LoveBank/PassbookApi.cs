using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary>The 爱心存折: service lines in time order with the running total, the love-bank ledger and balance, the star level.</summary>
public static class PassbookApi
{
    public static IEndpointRouteBuilder MapPassbook(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/passbook", Mine).WithTags("Volunteers: love bank").RequireAuthorization(Policies.Volunteer)
            .WithSummary("{balance, totalMinutes, starLevel, entries: [{at, place, content, minutes, cumulativeMinutes, witness, final}], ledger}");
        app.MapGet("/api/admin/volunteers/{id:guid}/passbook", ForStaff).WithTags("Staff: love bank").RequireAuthorization(Policies.Staff)
            .WithSummary("A volunteer's passbook to print").ProducesProblem(403).ProducesProblem(404);
        return app;
    }

    private static async Task<Ok<Passbook>> Mine(CurrentVolunteer me, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, me.Id, cancellationToken));

    private static async Task<Ok<VolunteerPassbook>> ForStaff(Guid id, CurrentStaff staff, WishDbContext db, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.Name, v.DistrictCode, v.Organisation })
            .FirstOrDefaultAsync(cancellationToken) ?? throw DomainErrors.VolunteerNotFound();
        staff.EnsureCanActIn(volunteer.DistrictCode);
        var book = await LoadAsync(db, id, cancellationToken);
        var certificates = await db.TrainingCertificates.AsNoTracking().Where(c => c.VolunteerId == id).OrderBy(c => c.IssuedAt)
            .Select(c => new PassbookCertificate(c.Course, c.IssuedAt, c.ExpiresAt)).ToListAsync(cancellationToken);
        var commendations = await db.Commendations.AsNoTracking().Where(c => c.VolunteerId == id).OrderBy(c => c.Year).ThenBy(c => c.AwardedAt)
            .Select(c => new PassbookCommendation(c.Title, c.Year, c.Citation, c.Points)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new VolunteerPassbook(id, volunteer.Name, volunteer.DistrictCode, volunteer.Organisation, book.Balance, book.TotalMinutes,
            book.StarLevel, book.Entries, book.Ledger, certificates, commendations));
    }

    public static async Task<Passbook> LoadAsync(WishDbContext db, Guid volunteerId, CancellationToken cancellationToken)
    {
        var lines = await db.ServiceRecordEntries.AsNoTracking().Where(e => e.VolunteerId == volunteerId)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var cumulative = 0;
        var entries = lines.Select(e =>
        {
            if (e.IsFinal) cumulative += e.Minutes;
            return new PassbookEntry(e.At, e.Place, e.Content, e.Minutes, cumulative, e.Witness, e.IsFinal);
        }).ToList();
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.VolunteerId == volunteerId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new LedgerRow(e.Id, e.At, e.Kind, e.Points, e.Reason)).ToListAsync(cancellationToken);
        var balance = await db.LoveBankAccounts.AsNoTracking().Where(a => a.VolunteerId == volunteerId).Select(a => (int?)a.Balance)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;
        return new Passbook(balance, cumulative, WishRules.StarLevel(cumulative), entries, ledger);
    }
}

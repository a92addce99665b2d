using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Pairings;

/// <summary>What staff, leaders and volunteers share about pairings: loading under a lock, who belongs to the holder, visits, views.</summary>
public sealed class PairingService(WishDbContext db, LoveBankLedger ledger, DistrictDirectory districts, WishRules rules, TimeProvider clock)
{
    public DateOnly Today() => Pairing.Today(clock.GetUtcNow(), rules.UtcOffset);

    public DateTimeOffset Now => clock.GetUtcNow();

    public static NotFoundException NotFound() => new(DomainErrorCodes.PairingNotFound, "找不到这个结对。");

    /// <summary>The pairing, locked for the transaction: visits, hand-ons and the reminder pass take it one at a time.</summary>
    public async Task<Pairing> LockAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.Pairings().FromSql($"""SELECT * FROM "Pairings" WHERE "Id" = {id} FOR UPDATE""").ToListAsync(cancellationToken)).SingleOrDefault()
        ?? throw NotFound();

    /// <summary>Whether the volunteer is an approved member of the holding team (its node or a node under it).</summary>
    public async Task<bool> IsTeamMemberAsync(Pairing pairing, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (pairing.OrganisationId is not { } team) return false;
        var path = await db.Organisations().Where(o => o.Id == team).Select(o => o.Path).FirstAsync(cancellationToken);
        return await OrganisationAccess.MembersOfSubtree(db, path).AnyAsync(v => v == volunteerId, cancellationToken);
    }

    /// <summary>Whether the volunteer leads the holding team or a node above it.</summary>
    public async Task<bool> LeadsHolderAsync(Pairing pairing, Guid volunteerId, OrganisationAccess access, CancellationToken cancellationToken)
    {
        if (pairing.OrganisationId is not { } team) return false;
        var path = await db.Organisations().Where(o => o.Id == team).Select(o => o.Path).FirstAsync(cancellationToken);
        return (await access.LedPathsAsync(volunteerId, cancellationToken)).Any(p => Organisation.Covers(p, path));
    }

    /// <summary>
    /// Records the visit with its passbook line: final with <paramref name="witness"/>, and its points by the points rule (the visit
    /// is their source, so never earned twice); without a witness the line waits, as a fulfilled wish's does. Inside the caller's transaction.
    /// </summary>
    public async Task<PairingVisit> RecordVisitAsync(Pairing pairing, Guid visitorId, VisitRequest request, string? witness, Actor by,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var isMember = await IsTeamMemberAsync(pairing, visitorId, cancellationToken);
        var visit = pairing.RecordVisit(visitorId, isMember, request.At ?? now, request.Minutes!.Value, request.Content, by, now, rules.UtcOffset);
        var place = (await districts.AllAsync(cancellationToken)).FirstOrDefault(d => d.Code == pairing.DistrictCode)?.Name ?? pairing.DistrictCode;
        var entry = visit.ToPassbook(place, witness);
        db.ServiceRecordEntries.Add(entry);
        db.PairingVisits().Add(visit);
        if (entry.IsFinal)
            await ledger.SettleEarnedAsync(visitorId, visit.Id, visit.Minutes, $"结对帮扶走访：服务{visit.Minutes}分钟", "走访时长更正", by, now,
                cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(by, "pairing.visited", nameof(Pairing), pairing.Id.ToString(), $"visit {visit.Id}, {visit.Minutes} min", now));
        return visit;
    }

    /// <summary>Makes a provisional visit line final with <paramref name="witness"/> and earns its points; a final one is left as it is.</summary>
    public async Task<PairingVisit> ConfirmVisitAsync(Pairing pairing, Guid visitId, string witness, Actor by, CancellationToken cancellationToken)
    {
        var visit = await db.PairingVisits().FirstOrDefaultAsync(v => v.Id == visitId && v.PairingId == pairing.Id, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.PairingVisitNotFound, "找不到这条走访记录。");
        var entry = await db.ServiceRecordEntries.FirstAsync(e => e.Id == visit.ServiceRecordEntryId, cancellationToken);
        if (entry.IsFinal) return visit;
        var now = clock.GetUtcNow();
        entry.MakeFinal(witness, now);
        await ledger.SettleEarnedAsync(visit.VolunteerId, visit.Id, visit.Minutes, $"结对帮扶走访：服务{visit.Minutes}分钟", "走访时长更正", by, now,
            cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(by, "pairing.visit_confirmed", nameof(Pairing), pairing.Id.ToString(), $"visit {visit.Id}", now));
        return visit;
    }

    /// <summary>List rows for <paramref name="pairings"/>, with the holder's name and the number of visits.</summary>
    public async Task<List<PairingView>> ViewsAsync(IQueryable<Pairing> pairings, CancellationToken cancellationToken)
    {
        var today = Today();
        var rows = await (from p in pairings
                          join b in db.Beneficiaries on p.BeneficiaryId equals b.Id
                          join v in db.Volunteers on p.VolunteerId equals v.Id into vs
                          from v in vs.DefaultIfEmpty()
                          join o in db.Organisations() on p.OrganisationId equals o.Id into os
                          from o in os.DefaultIfEmpty()
                          select new { p, b.Name, b.ErasedAt, VolunteerName = v == null ? null : v.Name, OrganisationName = o == null ? null : o.Name,
                              Visits = db.PairingVisits().Count(x => x.PairingId == p.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.p, r.ErasedAt is null ? NameMask.Mask(r.Name) : Beneficiary.ErasedName, r.VolunteerName, r.OrganisationName,
            r.Visits, today)).ToList();
    }

    public static PairingView View(Pairing p, string beneficiaryName, string? volunteerName, string? organisationName, int visits, DateOnly today) =>
        new(p.Id, p.Status, p.BeneficiaryId, beneficiaryName, p.DistrictCode, p.VolunteerId, volunteerName, p.OrganisationId, organisationName,
            p.ProjectId, p.Content, p.StartsOn, p.EndsOn, p.EveryDays, p.LastVisitOn, p.NextDueOn, p.IsOverdue(today), visits, p.CreatedAt, p.EndedAt,
            p.EndReason);

    /// <summary>Overdue first (the longest overdue at the top), then by the next due date.</summary>
    public static IQueryable<Pairing> InWorkOrder(IQueryable<Pairing> pairings, DateOnly today) =>
        pairings.OrderBy(p => p.Status == PairingStatus.Active && p.NextDueOn < today && (p.EndsOn == null || p.NextDueOn <= p.EndsOn) ? 0 : 1)
            .ThenBy(p => p.Status).ThenBy(p => p.NextDueOn).ThenBy(p => p.Id);

    public static IQueryable<Pairing> OverdueOn(IQueryable<Pairing> pairings, DateOnly today) =>
        pairings.Where(p => p.Status == PairingStatus.Active && p.NextDueOn < today && (p.EndsOn == null || p.NextDueOn <= p.EndsOn));
}

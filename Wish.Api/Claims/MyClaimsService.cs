using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

/// <summary>A volunteer's own claims: the list, giving one back, reporting one fulfilled.</summary>
public sealed class MyClaimsService(
    WishDbContext db, ClaimGate gate, ILifecycleNotifier notifier, DistrictDirectory districts, TimeProvider clock)
{
    /// <summary>The volunteer's own claims and the team claims they are assigned to.</summary>
    public Task<IReadOnlyList<ClaimResponse>> ListAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        ReadAsync(db.Claims.AsNoTracking().Where(c => c.VolunteerId == volunteerId
            || db.ClaimMembers.Any(m => m.ClaimId == c.Id && m.VolunteerId == volunteerId)), cancellationToken);

    /// <summary>The claimant, or a member assigned to the team claim, reads it; the contact shows only while it is active.</summary>
    public async Task<ClaimResponse> GetAsync(Guid claimId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var owner = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => (Guid?)c.VolunteerId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.ClaimNotFound();
        if (owner != volunteerId && !await db.ClaimMembers.AnyAsync(m => m.ClaimId == claimId && m.VolunteerId == volunteerId, cancellationToken))
            throw NotYours();
        return (await ReadAsync(db.Claims.AsNoTracking().Where(c => c.Id == claimId), cancellationToken)).Single();
    }

    /// <summary>The leader puts team members on an active team claim: approved members of the claim's organisation or a node under it.</summary>
    public async Task<ClaimResponse> AssignAsync(Guid claimId, Guid leaderId, IReadOnlyList<Guid> volunteerIds, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw DomainErrors.ClaimNotFound();
        if (claim.VolunteerId != leaderId) throw NotYours();
        var now = clock.GetUtcNow();
        var wanted = volunteerIds.Distinct().ToList();
        var assigned = await db.ClaimMembers.Where(m => m.ClaimId == claimId).Select(m => m.VolunteerId).ToListAsync(cancellationToken);
        var path = claim.OrganisationId is { } organisationId
            ? await db.Organisations().Where(o => o.Id == organisationId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken)
            : null;
        var members = path is null ? [] : await OrganisationAccess.MembersOfSubtree(db, path).Where(v => wanted.Contains(v)).Distinct().ToListAsync(cancellationToken);
        foreach (var volunteerId in wanted.Except(assigned))
        {
            var member = claim.Assign(volunteerId, now);
            if (!members.Contains(volunteerId))
                throw new RuleViolationException(DomainErrorCodes.ClaimMemberNotInTeam, "只能分派本组织（含下级组织）已通过审核的成员。");
            db.ClaimMembers.Add(member);
        }
        await db.SaveChangesAsync(cancellationToken);
        return (await ReadAsync(db.Claims.AsNoTracking().Where(c => c.Id == claimId), cancellationToken)).Single();
    }

    /// <summary>The leader takes a member off an active team claim: from now on the member no longer sees the contact.</summary>
    public async Task<ClaimResponse> UnassignAsync(Guid claimId, Guid leaderId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking().FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken) ?? throw DomainErrors.ClaimNotFound();
        if (claim.VolunteerId != leaderId) throw NotYours();
        claim.EnsureCanUnassign();
        var member = await db.ClaimMembers.FirstOrDefaultAsync(m => m.ClaimId == claimId && m.VolunteerId == volunteerId, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.ClaimMemberNotAssigned, "这位队员没有分派到这个心愿。");
        db.ClaimMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        return (await ReadAsync(db.Claims.AsNoTracking().Where(c => c.Id == claimId), cancellationToken)).Single();
    }

    private async Task<IReadOnlyList<ClaimResponse>> ReadAsync(IQueryable<Claim> claims, CancellationToken cancellationToken)
    {
        var rows = await (from c in claims
                          join w in db.Wishes on c.WishId equals w.Id
                          join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
                          orderby c.Status == ClaimStatus.Active descending, c.ClaimedAt descending
                          // Contact columns are read only for active claims, so an ended claim never carries them even in memory.
                          select new
                          {
                              Claim = c, w.Code, Content = w.MaskedContent,
                              Name = c.Status == ClaimStatus.Active ? b.Name : "",
                              Phone = c.Status == ClaimStatus.Active ? b.Phone : null,
                              Address = c.Status == ClaimStatus.Active ? b.Address : null,
                          }).ToListAsync(cancellationToken);
        var teamClaims = rows.Where(r => r.Claim.IsTeamClaim).Select(r => r.Claim.Id).ToList();
        var members = teamClaims.Count == 0 ? [] : await (from m in db.ClaimMembers.AsNoTracking()
                                                            join v in db.Volunteers.AsNoTracking() on m.VolunteerId equals v.Id
                                                            where teamClaims.Contains(m.ClaimId)
                                                            orderby m.AssignedAt
                                                            select new { m.ClaimId, Member = new ClaimTeamMember(v.Id, v.Name) }).ToListAsync(cancellationToken);
        return rows.Select(r => ClaimResponse.From(r.Claim, r.Code, r.Content, r.Name, r.Phone, r.Address) with
        {
            Team = r.Claim.IsTeamClaim
                ? new ClaimTeam(r.Claim.VolunteerId, members.Where(m => m.ClaimId == r.Claim.Id).Select(m => m.Member).ToList())
                : null,
        }).ToList();
    }

    public Task<ClaimResponse> ReleaseAsync(Guid claimId, Guid volunteerId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(claimId, volunteerId, (claim, wish, now) =>
        {
            claim.Release(reason, now);
            wish.ReturnToPublished(claim, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The fulfilment goes into the service record, provisional until staff confirm.</summary>
    public Task<ClaimResponse> FulfilAsync(Guid claimId, Guid volunteerId, FulfilmentRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(claimId, volunteerId, async (claim, wish, now) =>
        {
            var fulfilment = claim.Fulfil(request.Note!, request.PhotoUrls ?? [], request.Minutes!.Value, now);
            wish.Fulfil(claim, now);
            // The place is the district, not the address: the record outlives the claim, the address must not.
            var place = (await districts.AllAsync(cancellationToken)).FirstOrDefault(d => d.Code == wish.DistrictCode)?.Name ?? wish.DistrictCode;
            db.Fulfilments.Add(fulfilment);
            var content = $"完成微心愿{wish.Code}：{wish.MaskedContent}";
            db.ServiceRecordEntries.Add(ServiceRecordEntry.ForFulfilment(fulfilment, place, content));
            if (claim.IsTeamClaim)
            {
                // Each assigned member's minutes go into their own passbook, final when staff confirm the wish, as the leader's do.
                var assigned = await db.ClaimMembers.Where(m => m.ClaimId == claim.Id).Select(m => m.VolunteerId).ToListAsync(cancellationToken);
                var given = (request.Members ?? []).ToDictionary(m => m.VolunteerId!.Value, m => m.Minutes!.Value);
                if (given.Keys.Except(assigned).Any())
                    throw new RuleViolationException(DomainErrorCodes.ClaimMemberNotAssigned, "只能为分派到这个心愿的队员填写时长。");
                foreach (var member in assigned)
                    db.ServiceRecordEntries.Add(ServiceRecordEntry.ForTeamMember(fulfilment, member, given.GetValueOrDefault(member, fulfilment.Minutes), place, content));
            }
            await notifier.WishFulfilledAsync(wish, claim, cancellationToken);
        }, cancellationToken);

    private async Task<ClaimResponse> ChangeAsync(Guid claimId, Guid volunteerId, Func<Claim, Wish, DateTimeOffset, Task> change,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked so the lease job (SKIP LOCKED) or a staff revoke cannot end the same claim between our read and our write.
        var claim = await db.Claims.FromSql($"""SELECT * FROM "Claims" WHERE "Id" = {claimId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.ClaimNotFound();
        if (claim.VolunteerId != volunteerId) throw NotYours();
        var found = await (from w in db.Wishes
                           join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
                           where w.Id == claim.WishId
                           select new { Wish = w, Beneficiary = b }).SingleAsync(cancellationToken);

        await change(claim, found.Wish, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (found.Wish.Status == WishStatus.Published) await gate.ForgetAsync(found.Wish.Id);
        return ClaimResponse.From(claim, found.Wish, found.Beneficiary);
    }

    private static ForbiddenException NotYours() => new(DomainErrorCodes.ClaimNotYours, "这不是您认领的心愿。");
}

using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.Organisations;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

/// <summary>A claim answered from the database; <see cref="Created"/> is false when the volunteer already held it.</summary>
public sealed record ClaimOutcome(ClaimResponse Claim, bool Created);

/// <summary>
/// Claiming (DESIGN.md §4): the Redis gate turns concurrent claimers away cheaply; the database decides. In the claim
/// transaction the volunteer's row is locked (so two claims by one volunteer cannot both pass the active-claim limit),
/// the wish's xmin is checked on update, and the unique index on active claims per wish backs both.
/// </summary>
public sealed class ClaimService(
    WishDbContext db, ClaimGate gate, ClaimDatabaseLane lane, ClaimMetrics metrics, WishRules rules, ILifecycleNotifier notifier,
    OrganisationAccess access, TimeProvider clock, IOptions<ClaimOptions> options)
{
    /// <summary>Null when the Redis fast path refused: someone else holds or is taking the wish.</summary>
    public async Task<ClaimOutcome?> ClaimAsync(Guid wishId, Guid volunteerId, CancellationToken cancellationToken, Guid? organisationId = null)
    {
        // A team claim is the leader's: refused before the gate, so a volunteer who leads nothing never holds the wish's marker.
        if (organisationId is { } team) await access.EnsureLeadsAsync(volunteerId, team, cancellationToken);
        // Without the gate (Claims:Gate off) the claim takes the path it takes while Redis is down: straight to the database.
        var pass = options.Value.Gate ? await gate.EnterAsync(wishId, volunteerId) : GateOutcome.Unavailable;
        if (pass == GateOutcome.Taken)
        {
            metrics.FastRejected();
            return null;
        }

        metrics.DatabaseAttempted();
        try
        {
            var outcome = await lane.RunAsync(() => ClaimInDatabase(wishId, volunteerId, organisationId), cancellationToken);
            if (pass != GateOutcome.Unavailable) await gate.MarkTakenAsync(wishId, volunteerId, volunteerId);
            return outcome;
        }
        catch (ConflictException e) when (e.Code == DomainErrorCodes.WishAlreadyClaimed && pass != GateOutcome.Unavailable)
        {
            // Someone got there first without the marker (it lapsed, or they claimed while Redis was down): set it now.
            if (await ActiveOwnerAsync(wishId, cancellationToken) is { } owner) await gate.MarkTakenAsync(wishId, owner, volunteerId);
            else await gate.LeaveAsync(wishId, volunteerId);
            throw;
        }
        catch when (pass == GateOutcome.Acquired)
        {
            await gate.LeaveAsync(wishId, volunteerId);
            throw;
        }
    }

    // Runs on a thread of the claim lane, with blocking calls throughout (see ClaimDatabaseLane).
    private ClaimOutcome ClaimInDatabase(Guid wishId, Guid volunteerId, Guid? organisationId)
    {
        var now = clock.GetUtcNow();
        // No savepoint around SaveChanges: nothing here retries inside the transaction, and it would cost two round trips.
        db.Database.AutoSavepointsEnabled = false;
        using var transaction = db.Database.BeginTransaction();
        // The volunteer's row is locked first, on its own: two claims by one volunteer cannot both pass the active-claim
        // limit, and the read after it, in a statement of its own, sees the claims committed while it waited. Then one round
        // trip reads all the rest: under a claim storm every round trip waits for the CPU, so fewer is faster.
        db.Database.ExecuteSql($"""SELECT 1 FROM "Volunteers" WHERE "Id" = {volunteerId} FOR UPDATE""");
        var found = (from v in db.Volunteers.Where(v => v.Id == volunteerId)
                     from w in db.Wishes
                     join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
                     where w.Id == wishId
                     select new
                     {
                         Volunteer = v, Wish = w, Beneficiary = b,
                         Held = db.Claims.Where(c => c.VolunteerId == v.Id && c.Status == ClaimStatus.Active).ToList(),
                     }).SingleOrDefault();
        if (found is null)
        {
            if (!db.Volunteers.Any(v => v.Id == volunteerId)) throw new UnknownVolunteerException();
            throw DomainErrors.WishNotFound();
        }
        var (volunteer, wish, beneficiary, held) = (found.Volunteer, found.Wish, found.Beneficiary, found.Held);

        if (held.FirstOrDefault(c => c.WishId == wishId) is { } existing)
            return new ClaimOutcome(ClaimResponse.From(existing, wish, beneficiary), Created: false);
        if (wish.Status is not (WishStatus.Published or WishStatus.Claimed))
            throw new RuleViolationException(DomainErrorCodes.WishNotPublished, $"心愿当前状态为“{wish.Status.ChineseName()}”，不能认领。");

        // The limit on active claims is a volunteer's own; a leader's team claims are the team's work and count apart.
        var claim = wish.Claim(volunteer, organisationId is null ? held.Count(c => !c.IsTeamClaim) : 0, rules, now, organisationId);
        db.Claims.Add(claim);
        // The beneficiary is already tracked, so the notifier only adds rows: this completes without I/O.
        notifier.WishClaimedAsync(wish, claim, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            db.SaveChanges();
        }
        catch (Exception e) when (IsLostRace(e))
        {
            // The wish changed since we read it (xmin) or another active claim was inserted first (unique index).
            throw new ConflictException(DomainErrorCodes.WishAlreadyClaimed, DomainErrors.WishAlreadyClaimedMessage);
        }
        transaction.Commit();
        return new ClaimOutcome(ClaimResponse.From(claim, wish, beneficiary), Created: true);
    }

    private static bool IsLostRace(Exception e) => e is DbUpdateConcurrencyException
        || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg }
            && pg.ConstraintName == Data.Configurations.ClaimConfiguration.OneActiveClaimPerWishIndex;

    private async Task<Guid?> ActiveOwnerAsync(Guid wishId, CancellationToken cancellationToken) =>
        await db.Claims.AsNoTracking().Where(c => c.WishId == wishId && c.Status == ClaimStatus.Active)
            .Select(c => (Guid?)c.VolunteerId).FirstOrDefaultAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Data.Configurations;
using WeChatWish.Domain;
using WeChatWish.Tests.Domain;
using static WeChatWish.Tests.Data.DataTestDatabase;

namespace WeChatWish.Tests.Data;

/// <summary>What the database guarantees on its own, even when the application's checks are bypassed or race.</summary>
public class DatabaseGuaranteeTests
{
    private static readonly DateTimeOffset ClaimTime = Given.Now.AddDays(16);

    [Test]
    public async Task SecondActiveClaimOnSameWishIsRejectedByTheDatabase()
    {
        var wish = await SavePublishedWishAsync();
        var first = await SaveVolunteerAsync();
        var second = await SaveVolunteerAsync();
        await using var winner = CreateContext();
        await using var loser = CreateContext();
        var winnersWish = await winner.Wishes.SingleAsync(w => w.Id == wish.Id);
        // The loser read the wish before the winner saved, and only inserts its claim: nothing but the index can stop it.
        var losersWish = await loser.Wishes.AsNoTracking().SingleAsync(w => w.Id == wish.Id);

        winner.Claims.Add(winnersWish.Claim(first, 0, Given.Rules, ClaimTime));
        await winner.SaveChangesAsync();
        loser.Claims.Add(losersWish.Claim(second, 0, Given.Rules, ClaimTime));

        var error = Assert.ThrowsAsync<DbUpdateException>(() => loser.SaveChangesAsync());
        var postgres = error!.InnerException as PostgresException;
        Assert.That(postgres?.SqlState, Is.EqualTo(PostgresErrorCodes.UniqueViolation));
        Assert.That(postgres?.ConstraintName, Is.EqualTo(ClaimConfiguration.OneActiveClaimPerWishIndex));
    }

    [Test]
    public async Task ReleasedClaimAndANewActiveClaimOnTheSameWishAreAllowed()
    {
        var wish = await SavePublishedWishAsync();
        var first = await SaveVolunteerAsync();
        var second = await SaveVolunteerAsync();

        await using (var db = CreateContext())
        {
            var loaded = await db.Wishes.SingleAsync(w => w.Id == wish.Id);
            var claim = loaded.Claim(first, 0, Given.Rules, ClaimTime);
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            claim.Release("临时有事", ClaimTime.AddHours(1));
            loaded.ReturnToPublished(claim, ClaimTime.AddHours(1));
            await db.SaveChangesAsync();
        }
        await using (var db = CreateContext())
        {
            var loaded = await db.Wishes.SingleAsync(w => w.Id == wish.Id);
            db.Claims.Add(loaded.Claim(second, 0, Given.Rules, ClaimTime.AddHours(2)));
            await db.SaveChangesAsync();
        }

        await using var check = CreateContext();
        var statuses = await check.Claims.Where(c => c.WishId == wish.Id).OrderBy(c => c.ClaimedAt).Select(c => c.Status).ToListAsync();
        Assert.That(statuses, Is.EqualTo(new[] { ClaimStatus.Released, ClaimStatus.Active }));
    }

    [Test]
    public async Task ConcurrentUpdateOfTheSameWishRaisesDbUpdateConcurrencyException()
    {
        var wish = await SavePublishedWishAsync();
        var volunteer = await SaveVolunteerAsync();
        await using var claimer = CreateContext();
        await using var withdrawer = CreateContext();
        var claimersWish = await claimer.Wishes.SingleAsync(w => w.Id == wish.Id);
        var withdrawersWish = await withdrawer.Wishes.SingleAsync(w => w.Id == wish.Id);

        claimer.Claims.Add(claimersWish.Claim(volunteer, 0, Given.Rules, ClaimTime));
        await claimer.SaveChangesAsync();
        withdrawersWish.Withdraw("不需要了", Actor.Beneficiary(wish.BeneficiaryId), ClaimTime);

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => withdrawer.SaveChangesAsync());
        await using var check = CreateContext();
        Assert.That((await check.Wishes.SingleAsync(w => w.Id == wish.Id)).Status, Is.EqualTo(WishStatus.Claimed));
    }

    [Test]
    public async Task DuplicateWishCodeIsRejected()
    {
        var existing = await SavePublishedWishAsync();
        await using var db = CreateContext();
        var beneficiary = Beneficiary.Create("李四", "13900000001", null, null, "gulou", null, Given.Now);
        db.Beneficiaries.Add(beneficiary);
        db.Wishes.Add(Wish.Submit(
            new NewWish(beneficiary.Id, WishChannel.Visit, WishCategory.Dibao, WishKind.Service, "gulou", "修理漏水的屋顶", 80m),
            existing.Code, Given.Rules, [], Given.Reviewer, Given.Now));

        var error = Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.That((error!.InnerException as PostgresException)?.ConstraintName, Is.EqualTo("IX_Wishes_Code"));
    }

    [Test]
    public async Task DuplicateVolunteerOpenIdIsRejected()
    {
        var existing = await SaveVolunteerAsync();
        await using var db = CreateContext();
        db.Volunteers.Add(Volunteer.Register(existing.OpenId, Given.Now));

        var error = Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.That((error!.InnerException as PostgresException)?.ConstraintName, Is.EqualTo("IX_Volunteers_OpenId"));
    }

    [Test]
    public async Task DuplicateStaffUserNameIsRejectedWhateverItsCase()
    {
        await using (var db = CreateContext())
        {
            db.StaffUsers.Add(StaffUser.Create("reviewer-dup", "hash", StaffRole.Reviewer, null, Given.Now));
            await db.SaveChangesAsync();
        }
        await using var again = CreateContext();
        again.StaffUsers.Add(StaffUser.Create("Reviewer-Dup", "hash", StaffRole.Reviewer, null, Given.Now));

        var error = Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
        Assert.That((error!.InnerException as PostgresException)?.ConstraintName, Is.EqualTo("IX_StaffUsers_UserName"));
    }
}

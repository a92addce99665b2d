using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Domain;
using static WeChatWish.Tests.Data.DataTestDatabase;

namespace WeChatWish.Tests.Data;

/// <summary>Entities come back from PostgreSQL as they went in: converters, JSON photos, arrays, history.</summary>
public class MappingTests
{
    [Test]
    public async Task WishRoundTripsWithPhotosFlagsActorsAndHistory()
    {
        Guid id;
        await using (var db = CreateContext())
        {
            var beneficiary = Beneficiary.Create("王芳", "13900000002", null, null, "xuanwu", "o-wangfang-" + Guid.NewGuid().ToString("N"), Given.Now);
            var photo = WishPhoto.Create("media-1", "https://img.example/1.jpg", Given.Now);
            var wish = Wish.Submit(
                new NewWish(beneficiary.Id, WishChannel.Wechat, WishCategory.PoorStudent, WishKind.Goods, "xuanwu", "想要一个新书包", 260m, [photo]),
                await new WishCodeAllocator(db).NextCodeAsync(TestRound), Given.Rules, [], Actor.Beneficiary(beneficiary.Id), Given.Now);
            db.AddRange(beneficiary, wish);
            await db.SaveChangesAsync();
            id = wish.Id;
        }

        await using (var db = CreateContext())
        {
            // Loaded without its history: the new history row must be inserted, not mistaken for an existing one.
            var wish = await db.Wishes.SingleAsync(w => w.Id == id);
            wish.Verify(Urgency.Critical, null, "家境困难", "开学急需", Given.Reviewer, Given.Now.AddDays(1));
            await db.SaveChangesAsync();
        }

        await using var check = CreateContext();
        var loaded = await check.Wishes.Include(w => w.History).SingleAsync(w => w.Id == id);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Status, Is.EqualTo(WishStatus.Verified));
            Assert.That(loaded.Round, Is.EqualTo(TestRound));
            Assert.That(loaded.Flags, Is.EqualTo(WishFlags.OverSoftCostLimit));
            Assert.That(loaded.Urgency, Is.EqualTo(Urgency.Critical));
            Assert.That(loaded.EstimatedCost, Is.EqualTo(260m));
            Assert.That(loaded.VerifiedBy, Is.EqualTo(Given.Reviewer));
            Assert.That(loaded.SubmittedAt, Is.EqualTo(Given.Now));
            Assert.That(loaded.Photos.Single().MediaId, Is.EqualTo("media-1"));
            Assert.That(loaded.History.OrderBy(h => h.At).Select(h => h.Action), Is.EqualTo(new[] { WishAction.Submitted, WishAction.Verified }));
        });
    }

    [Test]
    public async Task VolunteerFulfilmentAndServiceRecordRoundTrip()
    {
        var wish = await SavePublishedWishAsync();
        var volunteer = await SaveVolunteerAsync();
        Guid claimId;
        await using (var db = CreateContext())
        {
            var loaded = await db.Wishes.SingleAsync(w => w.Id == wish.Id);
            var claim = loaded.Claim(volunteer, 0, Given.Rules, Given.Now.AddDays(16));
            var fulfilment = claim.Fulfil("已送达", ["https://img.example/a.jpg", "https://img.example/b.jpg"], 75, Given.Now.AddDays(17));
            loaded.Fulfil(claim, Given.Now.AddDays(17));
            db.AddRange(claim, fulfilment, ServiceRecordEntry.ForFulfilment(fulfilment, "鼓楼区", "送取暖器"));
            await db.SaveChangesAsync();
            claimId = claim.Id;
        }

        await using var check = CreateContext();
        var savedVolunteer = await check.Volunteers.SingleAsync(v => v.Id == volunteer.Id);
        var savedFulfilment = await check.Fulfilments.SingleAsync(f => f.ClaimId == claimId);
        var entry = await check.ServiceRecordEntries.SingleAsync(e => e.ClaimId == claimId);
        var savedClaim = await check.Claims.SingleAsync(c => c.Id == claimId);
        Assert.Multiple(() =>
        {
            Assert.That(savedVolunteer.Specialties, Is.EqualTo(new[] { "维修" }));
            Assert.That(savedVolunteer.IsProfileComplete, Is.True);
            Assert.That(savedFulfilment.PhotoUrls, Has.Count.EqualTo(2));
            Assert.That(savedClaim.Status, Is.EqualTo(ClaimStatus.Fulfilled));
            Assert.That(savedClaim.EndedBy, Is.EqualTo(Actor.Volunteer(volunteer.Id)));
            Assert.That(entry.Minutes, Is.EqualTo(75));
            Assert.That(entry.IsFinal, Is.False);
        });
    }

    [Test]
    public void MigrationsMatchTheModel()
    {
        using var db = CreateContext();
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "Add a migration: dotnet ef migrations add <Name> --project Wish.Api --output-dir Data/Migrations");
    }

    [Test]
    public async Task SeederAddsTheDistrictsOnceAndIsSafeToRunAgain()
    {
        await using var db = CreateContext();
        await DatabaseSeeder.SeedAsync(db);

        var again = await DatabaseSeeder.SeedAsync(db);

        Assert.That(again, Is.Zero);
        var codes = await db.Districts.Select(d => d.Code).ToListAsync();
        Assert.That(codes, Is.SupersetOf(District.Seed.Select(d => d.Code)));
        Assert.That((await db.Districts.SingleAsync(d => d.Code == "gulou")).Name, Is.EqualTo("鼓楼区"));
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Staff;

public sealed record SeededWish(Guid Id, string Code, Guid BeneficiaryId, string Round, Guid? ClaimId = null, Guid? VolunteerId = null);

/// <summary>
/// Staff accounts and wishes in known states for the staff tests; <c>CreateStaffClient</c> signs an account in. Wishes go in through
/// the shared submission service; claims and fulfilments are made through the domain directly, a shortcut for tests about later
/// steps (WholeMonthTests makes them over the mini-program API).
/// </summary>
public sealed class StaffWorld(IServiceProvider services, TimeProvider? clock = null)
{
    public const string StaffPassword = "Staff-Password-1";
    private static int _phone = 1000;

    private TimeProvider Clock => clock ?? services.GetRequiredService<TimeProvider>();

    public async Task<StaffUser> CreateStaffAsync(string userName, StaffRole role, string? district = null, string password = StaffPassword)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var user = StaffUser.Create(userName, "pending", role, district, Clock.GetUtcNow());
        user.ChangePassword(scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffUser>>().HashPassword(user, password));
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<StaffUser> AdminAsync() => await WithDbAsync(db => db.StaffUsers.SingleAsync(u => u.UserName == "admin"));

    /// <summary>The seeded admin, or a new account of <paramref name="role"/>.</summary>
    public async Task<StaffUser> StaffAsync(StaffRole role, string? district = null) => role == StaffRole.Admin
        ? await AdminAsync()
        : await CreateStaffAsync(role.ToString().ToLowerInvariant() + district, role, district);

    public static string NextPhone() => "139" + Interlocked.Increment(ref _phone).ToString("D8");

    public static WishSubmission Hotline(string district = "gulou", string name = "王秀英", string? phone = null, decimal cost = 120m,
        string content = "想要一个电暖器", WishChannel channel = WishChannel.Hotline) =>
        new(channel, new BeneficiaryDetails(name, phone ?? NextPhone(), "某街道1号"), "elderly_alone", "goods", district, content, cost);

    public async Task<SeededWish> SubmittedAsync(string district = "gulou", WishSubmission? submission = null)
    {
        await using var scope = services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<WishSubmissionService>()
            .SubmitAsync(submission ?? Hotline(district), _ => Actor.System("test"));
        return new SeededWish(submitted.Wish.Id, submitted.Wish.Code, submitted.Beneficiary.Id, submitted.Wish.Round.ToString());
    }

    public async Task<SeededWish> VerifiedAsync(string district = "gulou") => await AdvanceAsync(await SubmittedAsync(district), WishStatus.Verified);

    public async Task<SeededWish> ClaimedAsync(string district = "gulou") => await AdvanceAsync(await SubmittedAsync(district), WishStatus.Claimed);

    public async Task<SeededWish> FulfilledAsync(string district = "gulou", int minutes = 90, WishSubmission? submission = null) =>
        await AdvanceAsync(await SubmittedAsync(district, submission), WishStatus.Fulfilled, minutes);

    /// <summary>Moves a submitted wish along the legal path to <paramref name="target"/> (verified, published, claimed or fulfilled).</summary>
    public async Task<SeededWish> AdvanceAsync(SeededWish seeded, WishStatus target, int minutes = 90)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var rules = scope.ServiceProvider.GetRequiredService<WishRules>();
        var now = Clock.GetUtcNow();
        var staff = Actor.System("test");
        var wish = await db.Wishes.SingleAsync(w => w.Id == seeded.Id);
        if (wish.Status == WishStatus.Submitted) wish.Verify(Urgency.Normal, null, null, wish.IsFlagged ? "测试特批" : null, staff, now);
        if (target == WishStatus.Verified) { await db.SaveChangesAsync(); return seeded; }
        if (wish.Status == WishStatus.Verified) wish.Publish(staff, now);
        if (target == WishStatus.Published) { await db.SaveChangesAsync(); return seeded; }

        var volunteer = Volunteer.Register("o-" + Guid.NewGuid().ToString("N"), now);
        volunteer.UpdateProfile(new VolunteerProfile("李雷", Gender.Male, 1990, PoliticalStatus.Masses, "13800000000", [], null, wish.DistrictCode, null), now);
        db.Volunteers.Add(volunteer);
        var claim = wish.Claim(volunteer, 0, rules, now);
        db.Claims.Add(claim);
        if (target == WishStatus.Fulfilled)
        {
            var fulfilment = claim.Fulfil("已送到老人家中", [], minutes, now);
            wish.Fulfil(claim, now);
            db.Fulfilments.Add(fulfilment);
            db.ServiceRecordEntries.Add(ServiceRecordEntry.ForFulfilment(fulfilment, "鼓楼区某街道", "送电暖器"));
        }
        await db.SaveChangesAsync();
        return seeded with { ClaimId = claim.Id, VolunteerId = volunteer.Id };
    }

    public async Task<T> WithDbAsync<T>(Func<WishDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WishDbContext>());
    }
}

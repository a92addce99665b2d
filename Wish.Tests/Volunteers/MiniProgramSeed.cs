using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Volunteers;

/// <summary>What a wish to publish looks like; defaults give an ordinary wish in 鼓楼区.</summary>
public sealed record WishSpec(
    string District = "gulou",
    string Category = "elderly_alone",
    string Kind = "goods",
    Urgency Urgency = Urgency.Normal,
    string Content = "想要一个电暖器",
    string? BeneficiaryName = null,
    string? BeneficiaryPhone = null,
    string? BeneficiaryAddress = "鼓楼区幸福路1号",
    DateTimeOffset? PublishedAt = null);

public sealed record PublishedWish(Guid Id, string Code, string BeneficiaryName, string BeneficiaryPhone, string? BeneficiaryAddress);

/// <summary>
/// Seeds volunteers and published wishes straight through the domain and the DbContext of a host (the staff API that
/// publishes wishes is another feature): submitted through WishSubmissionService, then verified and published.
/// </summary>
public static class MiniProgramSeed
{
    private static int _sequence;

    public static int Next() => Interlocked.Increment(ref _sequence);

    public static async Task<Guid> VolunteerAsync(IServiceProvider services, string? district = "gulou", bool complete = true, string? name = null) =>
        (await VolunteersAsync(services, 1, district, complete, name))[0];

    public static async Task<IReadOnlyList<Guid>> VolunteersAsync(IServiceProvider services, int count, string? district = "gulou",
        bool complete = true, string? name = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var volunteers = Enumerable.Range(0, count).Select(_ =>
        {
            var n = Next();
            var volunteer = Volunteer.Register($"o_test_{Guid.NewGuid():N}", now);
            if (complete)
                volunteer.UpdateProfile(new VolunteerProfile(name ?? $"李志愿{n}", Gender.Female, 1990, PoliticalStatus.Masses,
                    $"137{n:D8}", ["陪伴"], null, district!, "鼓楼义工大队"), now);
            return volunteer;
        }).ToList();
        db.Volunteers.AddRange(volunteers);
        await db.SaveChangesAsync();
        return volunteers.Select(v => v.Id).ToList();
    }

    public static async Task<PublishedWish> PublishedWishAsync(IServiceProvider services, WishSpec? spec = null)
    {
        spec ??= new WishSpec();
        var n = Next();
        var name = spec.BeneficiaryName ?? $"王受助{n}";
        var phone = spec.BeneficiaryPhone ?? $"139{n:D8}";
        await using var scope = services.CreateAsyncScope();
        var submitted = await scope.ServiceProvider.GetRequiredService<WishSubmissionService>().SubmitAsync(
            new WishSubmission(WishChannel.Hotline, new BeneficiaryDetails(name, phone, spec.BeneficiaryAddress), spec.Category, spec.Kind,
                spec.District, spec.Content, 120), _ => Actor.Staff(Guid.Empty));

        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var wish = await db.Wishes.SingleAsync(w => w.Id == submitted.Wish.Id);
        wish.Verify(spec.Urgency, null, null, wish.IsFlagged ? "测试特批" : null, Actor.Staff(Guid.Empty), now);
        wish.Publish(Actor.Staff(Guid.Empty), spec.PublishedAt ?? now);
        await db.SaveChangesAsync();
        return new PublishedWish(wish.Id, wish.Code, name, phone, spec.BeneficiaryAddress);
    }
}

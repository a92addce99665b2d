using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WeChatWish.Api.Data;

namespace WeChatWish.Api.ReferenceData;

/// <summary>District codes and names, read from the database at most once a minute: validators check every submission against them.</summary>
public sealed class DistrictDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<CodeName>> AllAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync("districts", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            return await db.Districts.AsNoTracking().OrderBy(d => d.Code).Select(d => new CodeName(d.Code, d.Name)).ToListAsync(cancellationToken);
        }))!;

    public async Task<bool> ExistsAsync(string? code, CancellationToken cancellationToken = default) =>
        code is not null && (await AllAsync(cancellationToken)).Any(d => d.Code == code);

    public void Forget() => cache.Remove("districts");
}

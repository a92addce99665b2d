using System.Security.Claims;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff;

/// <summary>
/// The signed-in staff member as the token describes them, bound as a handler parameter on routes the staff policies guard.
/// A district coordinator may act only on records of their own district: outside it they get 403 (not 404), since staff may
/// know a record exists and a clear refusal helps them more.
/// </summary>
public sealed record CurrentStaff(Guid Id, string UserName, StaffRole Role, string? District)
{
    public Actor Actor => Actor.Staff(Id);

    public bool IsAdmin => Role == StaffRole.Admin;

    /// <summary>The district every list and figure is limited to, or null for staff who see every district.</summary>
    public string? ScopeDistrict => Role == StaffRole.DistrictCoordinator ? District : null;

    public static ValueTask<CurrentStaff?> BindAsync(HttpContext context) => ValueTask.FromResult<CurrentStaff?>(From(context.User));

    /// <summary>Whether they may act on a record of <paramref name="districtCode"/>; null is a record of every district.</summary>
    public bool CanActIn(string? districtCode) => ScopeDistrict is null || ScopeDistrict == districtCode;

    public void EnsureCanActIn(string? districtCode)
    {
        if (!CanActIn(districtCode))
            throw new ForbiddenException(DomainErrorCodes.StaffOutsideDistrict, "该记录不属于您负责的区，无权操作。");
    }

    /// <summary>A coordinator's list is forced to their district; asking for another district explicitly is refused.</summary>
    public string? EffectiveDistrict(string? requested)
    {
        if (ScopeDistrict is null) return string.IsNullOrWhiteSpace(requested) ? null : requested;
        if (!string.IsNullOrWhiteSpace(requested)) EnsureCanActIn(requested);
        return ScopeDistrict;
    }

    /// <summary>The staff member a staff token describes.</summary>
    public static CurrentStaff From(ClaimsPrincipal user) => new(
        user.UserId(),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        ParseRole(user.FindFirstValue(ClaimTypes.Role)),
        user.FindFirstValue(WishClaimTypes.District));

    private static StaffRole ParseRole(string? role) => role switch
    {
        Roles.Admin => StaffRole.Admin,
        Roles.Reviewer => StaffRole.Reviewer,
        Roles.DistrictCoordinator => StaffRole.DistrictCoordinator,
        _ => throw new InvalidOperationException("not a staff token"),
    };
}

using WeChatWish.Domain;

namespace WeChatWish.Api.Auth;

public static class Roles
{
    public const string Volunteer = "Volunteer";
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string DistrictCoordinator = "DistrictCoordinator";

    /// <summary>The role claim of a staff account's role.</summary>
    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Admin => Admin,
        StaffRole.Reviewer => Reviewer,
        _ => DistrictCoordinator,
    };
}

public static class Policies
{
    public const string Volunteer = "volunteer";
    /// <summary>Any staff role.</summary>
    public const string Staff = "staff";
    public const string Admin = "admin";
}

public static class WishClaimTypes
{
    /// <summary>The district a DistrictCoordinator is limited to.</summary>
    public const string District = "district";
}

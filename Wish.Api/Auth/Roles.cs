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
    /// <summary>A volunteer who still exists (<see cref="ActiveVolunteerRequirement"/>).</summary>
    public const string Volunteer = "volunteer";
    /// <summary>A volunteer's token, without looking the volunteer up: for a route that reads the volunteer's row anyway.</summary>
    public const string VolunteerToken = "volunteer-token";
    /// <summary>Any staff role.</summary>
    public const string Staff = "staff";
    public const string Admin = "admin";
    /// <summary>A volunteer who still exists or an active staff account: routes an organisation's leaders share with staff.</summary>
    public const string VolunteerOrStaff = "volunteer-or-staff";
}

public static class WishClaimTypes
{
    /// <summary>The district a DistrictCoordinator is limited to.</summary>
    public const string District = "district";

    /// <summary>The account's <c>TokenMark</c> when the token was issued; a revocation moves the account's mark on.</summary>
    public const string TokenMark = "wish_tm";
}

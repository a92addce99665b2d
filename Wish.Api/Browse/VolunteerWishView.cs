using WeChatWish.Domain;

namespace WeChatWish.Api.Browse;

/// <summary>The beneficiary as volunteers and the public see them: a masked name, nothing that reaches the person.</summary>
public sealed record MaskedBeneficiary(string DisplayName);

/// <summary>A wish as volunteers see it (API.md "wish (volunteer view)"): no full name, phone or address.</summary>
public sealed record VolunteerWishView(
    Guid Id,
    string Code,
    string Content,
    WishCategory Category,
    WishKind Kind,
    string DistrictCode,
    Urgency Urgency,
    decimal EstimatedCost,
    WishStatus Status,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<string> PhotoUrls,
    MaskedBeneficiary Beneficiary);

public sealed record BrowsePage(IReadOnlyList<VolunteerWishView> Items, string? NextCursor);

namespace WeChatWish.Domain;

/// <summary>
/// What a wish is made of when it is submitted, whichever channel it came through; <c>PersonalDetails</c> are the beneficiary's
/// own (name, phone, address, ID number), looked for in the content.
/// </summary>
public sealed record NewWish(
    Guid BeneficiaryId,
    WishChannel Channel,
    WishCategory Category,
    WishKind Kind,
    string DistrictCode,
    string Content,
    decimal EstimatedCost,
    IReadOnlyList<WishPhoto>? Photos = null,
    IReadOnlyList<string>? PersonalDetails = null);

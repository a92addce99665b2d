namespace WeChatWish.Domain;

/// <summary>Machine codes carried by <see cref="DomainException.Code"/>; clients may switch on them.</summary>
public static class DomainErrorCodes
{
    public const string Invalid = "validation.invalid";
    public const string Required = "validation.required";
    public const string TooLong = "validation.too_long";
    public const string TooShort = "validation.too_short";
    public const string OutOfRange = "validation.out_of_range";

    public const string WishIllegalTransition = "wish.illegal_transition";
    public const string WishAlreadyClaimed = "wish.already_claimed";
    public const string WishFlaggedNeedsOverride = "wish.flagged_needs_override";
    public const string WishTooManyPhotos = "wish.too_many_photos";
    public const string WishRoundNotLater = "wish.round_not_later";
    public const string WishClaimMismatch = "wish.claim_mismatch";
    public const string WishFollowUpUnsatisfactory = "wish.follow_up_unsatisfactory";
    public const string WishNotFound = "wish.not_found";
    public const string WishCodeInvalid = "wish.code_invalid";
    public const string CostInvalid = "cost.invalid";
    public const string CostOverHardLimit = "cost.over_hard_limit";

    public const string ClaimIllegalTransition = "claim.illegal_transition";
    public const string ClaimLimitReached = "claim.limit_reached";
    public const string ClaimNotDue = "claim.not_due";
    public const string ClaimNotFound = "claim.not_found";

    public const string VolunteerProfileIncomplete = "volunteer.profile_incomplete";
    public const string VolunteerUnknown = "volunteer.unknown";
    public const string BeneficiaryErased = "beneficiary.erased";
    public const string FollowUpWishNotFulfilled = "follow_up.wish_not_fulfilled";
    public const string StaffDistrictRequired = "staff.district_required";
    public const string RoundInvalid = "round.invalid";
}

namespace WeChatWish.Domain;

/// <summary>
/// Every machine code an error answer carries (ProblemDetails <c>code</c>), each declared once; clients may switch on them.
/// Most travel in a <see cref="DomainException.Code"/>; the last group are answers the host gives of its own.
/// </summary>
public static class DomainErrorCodes
{
    public const string Invalid = "validation.invalid";
    public const string Required = "validation.required";
    public const string TooLong = "validation.too_long";
    public const string TooShort = "validation.too_short";
    public const string OutOfRange = "validation.out_of_range";

    public const string WishIllegalTransition = "wish.illegal_transition";
    public const string WishAlreadyClaimed = "wish.already_claimed";
    public const string WishAlreadyWaitingForReview = "wish.already_waiting_for_review";
    public const string WishNotPublished = "wish.not_published";
    public const string WishFlaggedNeedsOverride = "wish.flagged_needs_override";
    public const string WishTooManyPhotos = "wish.too_many_photos";
    public const string WishRoundNotLater = "wish.round_not_later";
    public const string WishClaimMismatch = "wish.claim_mismatch";
    public const string WishFollowUpMismatch = "wish.follow_up_mismatch";
    public const string WishFollowUpUnsatisfactory = "wish.follow_up_unsatisfactory";
    public const string WishNotFound = "wish.not_found";
    public const string WishCodeInvalid = "wish.code_invalid";
    public const string CostInvalid = "cost.invalid";
    public const string CostOverHardLimit = "cost.over_hard_limit";

    public const string ClaimIllegalTransition = "claim.illegal_transition";
    public const string ClaimLimitReached = "claim.limit_reached";
    public const string ClaimNotDue = "claim.not_due";
    public const string ClaimNotFound = "claim.not_found";
    public const string ClaimNotYours = "claim.not_yours";
    public const string ClaimNotTeam = "claim.not_team";
    public const string ClaimMemberIsLeader = "claim.member_is_leader";
    public const string ClaimMemberNotInTeam = "claim.member_not_in_team";
    public const string ClaimMemberNotAssigned = "claim.member_not_assigned";

    public const string VolunteerProfileIncomplete = "volunteer.profile_incomplete";
    public const string VolunteerUnknown = "volunteer.unknown";
    public const string VolunteerNotFound = "volunteer.not_found";
    public const string BeneficiaryErased = "beneficiary.erased";
    public const string BeneficiaryNotFound = "beneficiary.not_found";
    public const string FollowUpWishNotFulfilled = "follow_up.wish_not_fulfilled";
    public const string StaffDistrictRequired = "staff.district_required";
    public const string StaffOutsideDistrict = "staff.outside_district";
    public const string StaffNotFound = "staff.not_found";
    public const string StaffUserNameTaken = "staff.user_name_taken";
    public const string StaffCannotDeactivateSelf = "staff.cannot_deactivate_self";
    public const string StaffSignInLocked = "staff.sign_in_locked";
    public const string StaffTokenRevoked = "staff.token_revoked";
    public const string SignInThrottled = "auth.sign_in_throttled";
    public const string RequestUnreadable = "request.unreadable";
    public const string RoundInvalid = "round.invalid";
    public const string RoundScheduleNotFound = "round.schedule_not_found";
    public const string RoundScheduleNotPending = "round.schedule_not_pending";
    public const string NotificationNotFound = "notification.not_found";

    public const string ActivityNotFound = "activity.not_found";
    public const string ActivityShiftNotFound = "activity.shift_not_found";
    public const string ActivityIllegalTransition = "activity.illegal_transition";
    public const string ActivityClosed = "activity.closed";
    public const string ActivityNotOver = "activity.not_over";
    public const string ActivityShiftEnded = "activity.shift_ended";
    public const string ActivityShiftOverlap = "activity.shift_overlap";
    public const string ActivityStarLevelRequired = "activity.star_level_required";
    public const string ActivityTrainingRequired = "activity.training_required";
    public const string ActivitySignUpNotActive = "activity.sign_up_not_active";
    public const string ActivityCancelTooLate = "activity.cancel_too_late";
    public const string ActivityNotSignedUp = "activity.not_signed_up";
    public const string ActivityCheckInNotOpen = "activity.check_in_not_open";
    public const string ActivityCheckInClosed = "activity.check_in_closed";
    public const string ActivityAlreadyCheckedOut = "activity.already_checked_out";
    public const string ActivityAttendanceClosed = "activity.attendance_closed";
    public const string ActivityAttendanceNotOver = "activity.attendance_not_over";
    public const string ActivityCorrectionNeedsReason = "activity.correction_needs_reason";
    public const string ActivityCorrectionToZero = "activity.correction_to_zero";
    public const string CheckInTokenInvalid = "check_in.token_invalid";
    public const string CheckInTokenExpired = "check_in.token_expired";
    public const string CheckInLocationRequired = "check_in.location_required";
    public const string CheckInOutOfRange = "check_in.out_of_range";

    public const string PointsNotEnough = "points.not_enough";
    public const string PointsAlreadySpent = "points.already_spent";
    public const string RewardNotFound = "reward.not_found";
    public const string RewardOutOfStock = "reward.out_of_stock";
    public const string RewardNotOnOffer = "reward.not_on_offer";
    public const string RewardStarLevelRequired = "reward.star_level_required";
    public const string RewardLimitReached = "reward.limit_reached";
    public const string RedemptionNotFound = "redemption.not_found";
    public const string RedemptionIllegalTransition = "redemption.illegal_transition";
    public const string RedemptionExpired = "redemption.expired";
    public const string TrainingNotFound = "training.not_found";
    public const string TrainingNotStarted = "training.not_started";

    public const string EntitlementNotFound = "entitlement.not_found";
    public const string EntitlementPersonNotFound = "entitlement.person_not_found";
    public const string EntitlementRedemptionNotFound = "entitlement.redemption_not_found";
    public const string EntitlementQuotaExceeded = "entitlement.quota_exceeded";
    public const string EntitlementNotInEffect = "entitlement.not_in_effect";
    public const string EntitlementUndoTooLate = "entitlement.undo_too_late";
    public const string EntitlementAlreadyUndone = "entitlement.already_undone";

    public const string OrganisationNotFound = "organisation.not_found";
    public const string OrganisationLevelOrder = "organisation.level_order";
    public const string OrganisationParentRequired = "organisation.parent_required";
    public const string OrganisationAlreadyMember = "organisation.already_member";
    public const string OrganisationNotPending = "organisation.not_pending";
    public const string OrganisationMemberNotFound = "organisation.member_not_found";
    public const string OrganisationLeaderCannotBeRejected = "organisation.leader_cannot_be_rejected";
    public const string OrganisationNotLeader = "organisation.not_leader";
    public const string OrganisationSetUpNotAllowed = "organisation.set_up_not_allowed";
    public const string ActivityOrganisationRequired = "activity.organisation_required";
    public const string ProjectNotFound = "project.not_found";
    public const string ProjectIllegalTransition = "project.illegal_transition";
    public const string ProjectEvaluationRequired = "project.evaluation_required";
    public const string ProjectNotTakingActivities = "project.not_taking_activities";
    public const string ProjectDistrictMismatch = "project.district_mismatch";
    public const string ProjectClosed = "project.closed";
    public const string ProjectBeneficiaryAlreadyListed = "project.beneficiary_already_listed";
    public const string ProjectBeneficiaryNotListed = "project.beneficiary_not_listed";
    public const string ProjectManageNotAllowed = "project.manage_not_allowed";
    public const string OfferNotFound = "offer.not_found";
    public const string OfferMatchNotFound = "offer.match_not_found";
    public const string OfferIllegalTransition = "offer.illegal_transition";
    public const string OfferNotPublished = "offer.not_published";
    public const string OfferAlreadyRequested = "offer.already_requested";
    public const string OfferOwnRequest = "offer.own_request";
    public const string OfferNotVolunteer = "offer.not_volunteer";
    public const string OfferAlreadyCredited = "offer.already_credited";

    public const string PairingNotFound = "pairing.not_found";
    public const string PairingHolderRequired = "pairing.holder_required";
    public const string PairingEnded = "pairing.ended";
    public const string PairingSameHolder = "pairing.same_holder";
    public const string PairingNotHolder = "pairing.not_holder";
    public const string PairingVisitOutsidePeriod = "pairing.visit_outside_period";
    public const string PairingBeneficiaryErased = "pairing.beneficiary_erased";
    public const string PairingVisitNotFound = "pairing.visit_not_found";

    // The host's own answers: races the database caught, a stale paging cursor, CSV imports, WeChat sign-in refusals.
    public const string ConcurrencyConflict = "concurrency.conflict";
    public const string ConcurrencyDuplicate = "concurrency.duplicate";
    public const string BrowseCursorMismatch = "browse.cursor_mismatch";
    public const string ImportRowsInvalid = "import.rows_invalid";
    public const string ImportFileInvalid = "import.file_invalid";
    public const string ImportJobNotFound = "import.job_not_found";
    public const string ImportJobFinished = "import.job_finished";
    public const string WeChatInvalidCode = "wechat.invalid_code";
    public const string WeChatBlocked = "wechat.blocked";
    public const string WeChatRateLimited = "wechat.rate_limited";
    public const string WeChatUnavailable = "wechat.unavailable";
}

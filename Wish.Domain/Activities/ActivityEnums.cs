namespace WeChatWish.Domain;

/// <summary>The eight kinds of service of the love-bank plans, and 其他. Member names give the API spellings under snake_case-lower.</summary>
public enum ServiceKind
{
    Repair,
    Tutoring,
    LegalAid,
    HealthCare,
    CommunityHelp,
    Education,
    CultureSports,
    Environment,
    Other,
}

public enum ActivityStatus
{
    Draft,
    Published,
    Finished,
    Cancelled,
}

/// <summary>A volunteer's place on a shift: a confirmed place, a place in the waiting list, or given up.</summary>
public enum SignUpStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

namespace WeChatWish.Domain;

/// <summary>How a wish came in. <c>Wechat</c>, not <c>WeChat</c>: the API spelling is <c>wechat</c> under snake_case-lower.</summary>
public enum WishChannel
{
    Wechat,
    Hotline,
    Visit,
    Import,
}

public enum WishKind
{
    Goods,
    Service,
}

/// <summary>Ordered: a higher value is more pressing, so browsing can sort by it.</summary>
public enum Urgency
{
    Normal = 0,
    Urgent = 1,
    Critical = 2,
}

/// <summary>Why a reviewer must give an override reason before verifying.</summary>
[Flags]
public enum WishFlags
{
    None = 0,
    SecondIn12Months = 1,
    OverSoftCostLimit = 2,

    /// <summary>The content carries a phone or ID number, or the person's own name or address (<see cref="ContactDetails"/>).</summary>
    ContactInContent = 4,
}

public static class WishFlagCodes
{
    public const string SecondIn12Months = "second_in_12_months";
    public const string OverSoftCostLimit = "over_soft_cost_limit";
    public const string ContactInContent = "contact_in_content";

    /// <summary>The API's <c>flags</c> array, e.g. <c>["second_in_12_months"]</c>.</summary>
    public static IReadOnlyList<string> ToCodes(this WishFlags flags)
    {
        var codes = new List<string>(3);
        if (flags.HasFlag(WishFlags.SecondIn12Months)) codes.Add(SecondIn12Months);
        if (flags.HasFlag(WishFlags.OverSoftCostLimit)) codes.Add(OverSoftCostLimit);
        if (flags.HasFlag(WishFlags.ContactInContent)) codes.Add(ContactInContent);
        return codes;
    }

    public static bool TryParse(string code, out WishFlags flag)
    {
        flag = code switch
        {
            SecondIn12Months => WishFlags.SecondIn12Months,
            OverSoftCostLimit => WishFlags.OverSoftCostLimit,
            ContactInContent => WishFlags.ContactInContent,
            _ => WishFlags.None,
        };
        return flag != WishFlags.None;
    }
}

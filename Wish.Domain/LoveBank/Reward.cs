namespace WeChatWish.Domain;

public enum RedemptionStatus
{
    Reserved,
    Collected,
    Cancelled,
    Expired,
}

public sealed record NewReward(string Name, string Partner, int PointsCost, int? Stock, int? PerVolunteerLimit,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? MinStarLevel);

/// <summary>
/// What a partner offers for points (回馈): cost, stock or unlimited (null), a limit per volunteer, a validity window and a minimum
/// star level. <see cref="Remaining"/> is taken and given back by conditional UPDATEs, never read-modify-write.
/// </summary>
public sealed class Reward
{
    public const int NameMaxLength = 100;
    public const int PartnerMaxLength = 100;
    public const int MaxStock = 1_000_000;

    private Reward()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Partner { get; private set; } = "";

    public int PointsCost { get; private set; }

    public int? Stock { get; private set; }

    public int? Remaining { get; private set; }

    public int? PerVolunteerLimit { get; private set; }

    public DateTimeOffset? ValidFrom { get; private set; }

    public DateTimeOffset? ValidTo { get; private set; }

    public int? MinStarLevel { get; private set; }

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Reward Create(NewReward spec, Actor by, DateTimeOffset at)
    {
        if (spec.ValidFrom is { } from && spec.ValidTo is { } to && to <= from)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "validTo", "有效期的结束应晚于开始。");
        var stock = spec.Stock is { } s ? Guard.Range(s, "stock", "库存", 0, MaxStock) : (int?)null;
        return new Reward
        {
            Id = Guid.CreateVersion7(),
            Name = Guard.Text(spec.Name, "name", "名称", NameMaxLength),
            Partner = Guard.Text(spec.Partner, "partner", "合作单位", PartnerMaxLength),
            PointsCost = Guard.Range(spec.PointsCost, "pointsCost", "所需积分", 1, LedgerEntry.MaxPoints),
            Stock = stock,
            Remaining = stock,
            PerVolunteerLimit = spec.PerVolunteerLimit is { } l ? Guard.Range(l, "perVolunteerLimit", "每人限兑", 1, 1000) : null,
            ValidFrom = spec.ValidFrom is { } vf ? Guard.Utc(vf) : null,
            ValidTo = spec.ValidTo is { } vt ? Guard.Utc(vt) : null,
            MinStarLevel = spec.MinStarLevel is { } m ? Guard.Range(m, "minStarLevel", "星级要求", 1, WishRules.StarLevelHours.Count) : null,
            CreatedBy = by,
            CreatedAt = Guard.Utc(at),
        };
    }

    public bool IsOnOffer(DateTimeOffset at) => (ValidFrom is null || ValidFrom <= at) && (ValidTo is null || at < ValidTo);

    /// <summary>The rules besides stock and balance, which the database holds: validity, stars and the per-volunteer limit.</summary>
    public void EnsureRedeemable(int starLevel, int heldByVolunteer, DateTimeOffset at)
    {
        if (!IsOnOffer(at))
            throw new RuleViolationException(DomainErrorCodes.RewardNotOnOffer, "这个回馈项目不在兑换期内。");
        if (MinStarLevel is { } stars && starLevel < stars)
            throw new RuleViolationException(DomainErrorCodes.RewardStarLevelRequired, $"兑换这个项目需要达到{stars}星级志愿者。");
        if (PerVolunteerLimit is { } limit && heldByVolunteer >= limit)
            throw new RuleViolationException(DomainErrorCodes.RewardLimitReached, $"这个项目每人最多兑换{limit}次。");
    }
}

/// <summary>
/// A volunteer's redemption: stock and points are reserved together and a code is given; the partner or staff mark it collected,
/// or it is cancelled (or expires) and the points come back.
/// </summary>
public sealed class Redemption
{
    public const int CodeLength = 8;

    // No 0/O, 1/I/L: a code is read aloud at a counter.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private Redemption()
    {
    }

    public Guid Id { get; private set; }

    public Guid RewardId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public string Code { get; private set; } = "";

    public RedemptionStatus Status { get; private set; }

    public int Points { get; private set; }

    public DateTimeOffset ReservedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public Actor? EndedBy { get; private set; }

    /// <summary>Counts against the per-volunteer limit: a reservation or a collected one, not one given back.</summary>
    public bool Holds => Status is RedemptionStatus.Reserved or RedemptionStatus.Collected;

    /// <summary>Held for <paramref name="holdFor"/>, or to the end of the reward's validity if that is sooner.</summary>
    public static Redemption Reserve(Reward reward, Guid volunteerId, TimeSpan holdFor, DateTimeOffset at)
    {
        var expires = Guard.Utc(at) + holdFor;
        if (reward.ValidTo is { } to && to < expires) expires = to;
        return new Redemption
        {
            Id = Guid.CreateVersion7(),
            RewardId = reward.Id,
            VolunteerId = volunteerId,
            Code = NewCode(),
            Status = RedemptionStatus.Reserved,
            Points = reward.PointsCost,
            ReservedAt = Guard.Utc(at),
            ExpiresAt = expires,
        };
    }

    public void Collect(Actor by, DateTimeOffset at)
    {
        EnsureReserved("collect");
        if (at >= ExpiresAt)
            throw new RuleViolationException(DomainErrorCodes.RedemptionExpired, "这个兑换码已过期，积分将退回。");
        End(RedemptionStatus.Collected, by, at);
    }

    public void Cancel(Actor by, DateTimeOffset at)
    {
        EnsureReserved("cancel");
        End(RedemptionStatus.Cancelled, by, at);
    }

    public void Expire(DateTimeOffset at)
    {
        EnsureReserved("expire");
        if (at < ExpiresAt) throw new InvalidOperationException("not yet expired");
        End(RedemptionStatus.Expired, Actor.System("redemption-expiry"), at);
    }

    public static string NewCode() => System.Security.Cryptography.RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    private void EnsureReserved(string action)
    {
        if (Status != RedemptionStatus.Reserved)
            throw new IllegalTransitionException(DomainErrorCodes.RedemptionIllegalTransition, nameof(Redemption), Status.ToString(), action,
                Status switch
                {
                    RedemptionStatus.Collected => "这个兑换已经领取了。",
                    RedemptionStatus.Cancelled => "这个兑换已经取消了。",
                    _ => "这个兑换已过期。",
                });
    }

    private void End(RedemptionStatus status, Actor by, DateTimeOffset at)
    {
        Status = status;
        EndedAt = Guard.Utc(at);
        EndedBy = by;
    }
}

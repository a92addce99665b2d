namespace WeChatWish.Domain;

public enum FollowStatus
{
    Following,
    Unsubscribed,
}

/// <summary>A person the programme helps. Personal data is shown only as <see cref="MaskedName"/> outside staff and the active claimant.</summary>
public sealed class Beneficiary
{
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int AddressMaxLength = 200;
    public const int IdNumberMaxLength = 20;
    public const int OpenIdMaxLength = 64;
    public const string ErasedName = "已删除";

    private Beneficiary()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Null only once erased.</summary>
    public string? Phone { get; private set; }

    public string? Address { get; private set; }

    public string? IdNumber { get; private set; }

    /// <summary>The official-account openid, when the person talks to us through WeChat.</summary>
    public string? OpenId { get; private set; }

    /// <summary>Null when the beneficiary has no WeChat link.</summary>
    public FollowStatus? FollowStatus { get; private set; }

    public string DistrictCode { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>王** for volunteers and the public; the erased placeholder stays as it is.</summary>
    public string MaskedName => IsErased ? ErasedName : NameMask.Mask(Name);

    public static Beneficiary Create(string name, string phone, string? address, string? idNumber, string districtCode, string? openId, DateTimeOffset at)
    {
        var beneficiary = new Beneficiary { Id = Guid.CreateVersion7(), CreatedAt = Guard.Utc(at) };
        beneficiary.SetContact(name, phone, address, idNumber, districtCode);
        if (openId is not null) beneficiary.LinkWeChat(openId, at);
        return beneficiary;
    }

    public void UpdateContact(string name, string phone, string? address, string? idNumber, string districtCode, DateTimeOffset at)
    {
        EnsureNotErased();
        SetContact(name, phone, address, idNumber, districtCode);
        UpdatedAt = Guard.Utc(at);
    }

    public void LinkWeChat(string openId, DateTimeOffset at)
    {
        EnsureNotErased();
        OpenId = Guard.Text(openId, "openId", "openid", OpenIdMaxLength);
        FollowStatus = Domain.FollowStatus.Following;
        UpdatedAt = Guard.Utc(at);
    }

    /// <summary>From the subscribe/unsubscribe events: template messages go only to followers.</summary>
    public void SetFollowing(bool following, DateTimeOffset at)
    {
        if (OpenId is null) return;
        FollowStatus = following ? Domain.FollowStatus.Following : Domain.FollowStatus.Unsubscribed;
        UpdatedAt = Guard.Utc(at);
    }

    /// <summary>A name a person could have: two characters or more, letters (Chinese or other), no digits.</summary>
    public static bool IsPlausibleName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length >= 2 && trimmed.Any(char.IsLetter) && !trimmed.Any(char.IsDigit);
    }

    /// <summary>What identifies the person (name, phone, address, ID number, openid), for scrubbing text that stays; none once erased.</summary>
    public IReadOnlyList<string> PersonalDetails() =>
        IsErased ? [] : new[] { Name, Phone, Address, IdNumber, OpenId }.OfType<string>().ToList();

    /// <summary>
    /// Erases personal data on request (DESIGN.md §5). The row, district and wishes stay so statistics hold; the openid goes
    /// too, because it identifies the person — a later message from them starts as a new beneficiary. Calling it again does nothing.
    /// </summary>
    public void Erase(DateTimeOffset at)
    {
        if (IsErased) return;
        Name = ErasedName;
        Phone = null;
        Address = null;
        IdNumber = null;
        OpenId = null;
        FollowStatus = null;
        ErasedAt = Guard.Utc(at);
        UpdatedAt = ErasedAt;
    }

    private void SetContact(string name, string phone, string? address, string? idNumber, string districtCode)
    {
        Name = Guard.Text(name, "name", "姓名", NameMaxLength);
        Phone = Guard.Text(phone, "phone", "电话", PhoneMaxLength);
        Address = Guard.OptionalText(address, "address", "地址", AddressMaxLength);
        IdNumber = Guard.OptionalText(idNumber, "idNumber", "身份证号", IdNumberMaxLength);
        DistrictCode = Guard.Text(districtCode, "districtCode", "所在区", District.CodeMaxLength);
    }

    private void EnsureNotErased()
    {
        if (IsErased)
            throw new ConflictException(DomainErrorCodes.BeneficiaryErased, "该受助人的个人信息已删除，不能再修改。");
    }
}

namespace WeChatWish.Domain;

/// <summary>A volunteer (义工), known by the mini-program openid from the first sign-in; may claim once the profile is complete.</summary>
public sealed class Volunteer
{
    public const int OpenIdMaxLength = 64;
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int SpecialtyMaxLength = 50;
    public const int MaxSpecialties = 10;
    public const int ServiceIntentMaxLength = 500;
    public const int OrganisationMaxLength = 100;
    public const int MinBirthYear = 1900;

    private Volunteer()
    {
    }

    public Guid Id { get; private set; }

    public string OpenId { get; private set; } = "";

    public string? Name { get; private set; }

    public Gender? Gender { get; private set; }

    public int? BirthYear { get; private set; }

    public PoliticalStatus? PoliticalStatus { get; private set; }

    public string? Phone { get; private set; }

    public IReadOnlyList<string> Specialties { get; private set; } = [];

    public string? ServiceIntent { get; private set; }

    public string? DistrictCode { get; private set; }

    public string? Organisation { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>What a claim needs: name, gender, birth year, political status, phone and district.</summary>
    public bool IsProfileComplete =>
        Name is not null && Gender is not null && BirthYear is not null && PoliticalStatus is not null && Phone is not null && DistrictCode is not null;

    public string MaskedName => NameMask.Mask(Name);

    /// <summary>First sign-in: only the openid is known.</summary>
    public static Volunteer Register(string openId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        OpenId = Guard.Text(openId, "openId", "openid", OpenIdMaxLength),
        CreatedAt = Guard.Utc(at),
    };

    /// <summary>Replaces the whole profile. Blank specialties are dropped and duplicates kept once.</summary>
    public void UpdateProfile(VolunteerProfile profile, DateTimeOffset at)
    {
        var specialties = profile.Specialties
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => Guard.Text(s, "specialties", "特长", SpecialtyMaxLength))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (specialties.Length > MaxSpecialties)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "specialties", $"特长最多填写{MaxSpecialties}项。");

        Name = Guard.Text(profile.Name, "name", "姓名", NameMaxLength);
        Gender = profile.Gender;
        BirthYear = Guard.Range(profile.BirthYear, "birthYear", "出生年份", MinBirthYear, at.Year);
        PoliticalStatus = profile.PoliticalStatus;
        Phone = Guard.Text(profile.Phone, "phone", "电话", PhoneMaxLength);
        Specialties = specialties;
        ServiceIntent = Guard.OptionalText(profile.ServiceIntent, "serviceIntent", "服务意向", ServiceIntentMaxLength);
        DistrictCode = Guard.Text(profile.DistrictCode, "districtCode", "所在区", District.CodeMaxLength);
        Organisation = Guard.OptionalText(profile.Organisation, "organisation", "所在单位", OrganisationMaxLength);
        UpdatedAt = Guard.Utc(at);
    }
}

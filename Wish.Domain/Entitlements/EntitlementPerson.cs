using System.Security.Cryptography;

namespace WeChatWish.Domain;

/// <summary>
/// One entitled person on a programme's roster, as the other office's list names them. The work number is unique within the
/// programme and is what the counter types; the card token is what the person's QR card (or the official account) shows.
/// </summary>
public sealed class EntitlementPerson
{
    public const int NameMaxLength = 50;
    public const int WorkNumberMaxLength = 32;
    public const int PhoneMaxLength = 20;
    public const int TeamMaxLength = 50;
    public const int CardTokenLength = 20;

    private const string TokenAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private EntitlementPerson()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public string Name { get; private set; } = "";

    public string WorkNumber { get; private set; } = "";

    public string? Phone { get; private set; }

    public string? Team { get; private set; }

    public string CardToken { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static EntitlementPerson Create(EntitlementProgramme programme, string? name, string? workNumber, string? phone, string? team,
        DateTimeOffset at)
    {
        var person = new EntitlementPerson
        {
            Id = Guid.CreateVersion7(),
            ProgrammeId = programme.Id,
            WorkNumber = NormaliseWorkNumber(workNumber),
            CardToken = RandomNumberGenerator.GetString(TokenAlphabet, CardTokenLength),
            CreatedAt = Guard.Utc(at),
        };
        person.Update(name, phone, team, at);
        return person;
    }

    /// <summary>A later list naming the same work number: the name, phone and team follow it; the card stays valid.</summary>
    public void Update(string? name, string? phone, string? team, DateTimeOffset at)
    {
        Name = Guard.Text(name, "name", "姓名", NameMaxLength);
        Phone = Guard.OptionalText(phone, "phone", "电话", PhoneMaxLength);
        Team = Guard.OptionalText(team, "team", "班组", TeamMaxLength);
        UpdatedAt = Guard.Utc(at);
    }

    /// <summary>Work numbers as typed at the counter: trimmed, inner spaces dropped, letters upper-case ("hw 012" is "HW012").</summary>
    public static string NormaliseWorkNumber(string? workNumber) =>
        Guard.Text(workNumber?.Replace(" ", "").ToUpperInvariant(), "workNumber", "工号", WorkNumberMaxLength);
}

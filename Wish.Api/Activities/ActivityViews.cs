using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

public sealed record LocationView(double Lat, double Lng, int RadiusMeters);

public sealed record RequirementsView(string? TrainingCourse, int? MinStarLevel, Guid? OrganisationId);

public sealed record ShiftView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Confirmed, int Waitlisted)
{
    public static ShiftView Of(Shift s) => new(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.Confirmed, s.Waitlisted);
}

/// <summary>An activity as API.md gives it: <c>{id, status, …, shifts: [{id, startsAt, endsAt, capacity, confirmed, waitlisted}]}</c>.</summary>
public sealed record ActivityView(Guid Id, ActivityStatus Status, string Title, string Content, ServiceKind ServiceKind, string DistrictCode,
    string Place, LocationView? Location, RequirementsView? Requirements, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? EndedAt, string? CancelReason, IReadOnlyList<ShiftView> Shifts,
    Guid? ProjectId)
{
    public static ActivityView Of(Activity a) => new(a.Id, a.Status, a.Title, a.Content, a.ServiceKind, a.DistrictCode, a.Place,
        a.Location is { } l ? new LocationView(l.Latitude, l.Longitude, l.RadiusMeters) : null,
        a.RequiredTrainingCourse is null && a.MinStarLevel is null && a.OrganisationId is null
            ? null
            : new RequirementsView(a.RequiredTrainingCourse, a.MinStarLevel, a.OrganisationId),
        a.StartsAt, a.EndsAt, a.CreatedAt, a.PublishedAt, a.EndedAt, a.CancelReason,
        a.Shifts.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Select(ShiftView.Of).ToList(), a.ProjectId);
}

public sealed record ActivityPage(IReadOnlyList<ActivityView> Items, string? NextCursor);

public sealed record StaffActivityPage(IReadOnlyList<ActivityView> Items, int Total, int Page, int PageSize);

/// <summary>The answer to a sign-up: <c>{shiftId, status, position?}</c>; position is the place in the waiting line, 1 first.</summary>
public sealed record SignUpView(Guid ShiftId, SignUpStatus Status, int? Position);

/// <summary>One of the volunteer's sign-ups, with what the scans recorded.</summary>
public sealed record MySignUp(Guid ShiftId, Guid ActivityId, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    SignUpStatus Status, int? Position, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, int? FinalMinutes, bool NoShow);

public sealed record MySignUpList(IReadOnlyList<MySignUp> Items);

/// <summary><c>{shiftId, checkedInAt, checkedOutAt?}</c>.</summary>
public sealed record CheckInView(Guid ShiftId, DateTimeOffset CheckedInAt, DateTimeOffset? CheckedOutAt);

/// <summary><c>{token, expiresAt}</c>: the venue screen shows it as a QR code and asks again before it expires.</summary>
public sealed record CheckInCodeView(string Token, DateTimeOffset ExpiresAt);

/// <summary>A shift's roster for the organiser: every sign-up with scans and the confirmed outcome (staff see names).</summary>
public sealed record RosterEntry(Guid VolunteerId, string? Name, string? Phone, SignUpStatus Status, int? Position, DateTimeOffset SignedUpAt,
    DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, int ScannedMinutes, int? FinalMinutes, bool NoShow, int? Rating, string? Note,
    DateTimeOffset? AttendanceConfirmedAt);

public sealed record ShiftRoster(Guid ShiftId, Guid ActivityId, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int Confirmed, int Waitlisted, IReadOnlyList<RosterEntry> Entries);

/// <summary>The attendance answer: the roster after confirmation, and the counts of what it recorded.</summary>
public sealed record AttendanceResult(int Attended, int NoShows, int Corrected, ShiftRoster Roster);

/// <summary>Where the next page of published activities starts: (StartsAt, Id) of the last one shown, base64url, opaque to clients.</summary>
public sealed record ActivityCursor(DateTimeOffset StartsAt, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], StartsAt.UtcTicks);
        Id.TryWriteBytes(bytes[9..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string? text, [NotNullWhen(true)] out ActivityCursor? cursor)
    {
        cursor = null;
        if (text is null or { Length: 0 or > 64 }) return false;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length != Length || bytes[0] != Version) return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        cursor = new ActivityCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(9), bigEndian: true));
        return true;
    }
}

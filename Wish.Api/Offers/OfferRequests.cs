using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Offers;

public sealed record StaffOfferQuery(string? Status, string? DistrictCode, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public OfferStatus? StatusValue => ApiEnum.Parse<OfferStatus>(Status);
}

public sealed class StaffOfferQueryValidator : AbstractValidator<StaffOfferQuery>
{
    public StaffOfferQueryValidator()
    {
        RuleFor(q => q.Status).Must((q, s) => s is null || q.StatusValue is not null)
            .WithMessage("状态应为 submitted、published、rejected 或 closed。");
        this.PagingRules(q => q.Page, q => q.PageSize, StaffOfferQuery.MaxPageSize);
    }
}

/// <summary>The wall as volunteers and the public page through it: newest published first, optionally one district.</summary>
public sealed record OfferBrowseQuery(string? DistrictCode, string? Cursor, int? Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
}

public sealed class OfferBrowseQueryValidator : AbstractValidator<OfferBrowseQuery>
{
    public OfferBrowseQueryValidator(DistrictDirectory districts)
    {
        RuleFor(q => q.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code, ct))
            .When(q => q.DistrictCode is not null).WithMessage("没有这个区，请从列表中选择。");
        RuleFor(q => q.Cursor).Must(c => OfferCursor.TryDecode(c, out _)).When(q => q.Cursor is not null)
            .WithMessage("翻页位置不正确，请从第一页重新加载。");
        RuleFor(q => q.Limit).InclusiveBetween(1, OfferBrowseQuery.MaxLimit).WithMessage($"每页条数应在1到{OfferBrowseQuery.MaxLimit}之间。");
    }
}

public sealed record OfferRejectRequest(string? Reason);

public sealed class OfferRejectRequestValidator : AbstractValidator<OfferRejectRequest>
{
    public OfferRejectRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写不通过的原因。")
            .MaximumLength(ServiceOffer.ReasonMaxLength).WithMessage($"原因不能超过{ServiceOffer.ReasonMaxLength}个字。");
}

public sealed record ResidentOfferRequest(string? ResidentName, string? Note);

public sealed class ResidentOfferRequestValidator : AbstractValidator<ResidentOfferRequest>
{
    public ResidentOfferRequestValidator()
    {
        RuleFor(r => r.ResidentName).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写居民姓名。")
            .MaximumLength(ServiceOffer.NameMaxLength).WithMessage($"姓名不能超过{ServiceOffer.NameMaxLength}个字。");
        RuleFor(r => r.Note).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写怎样联系这位居民（电话或住址）。")
            .MaximumLength(OfferMatch.NoteMaxLength).WithMessage($"联系方式不能超过{OfferMatch.NoteMaxLength}个字。");
    }
}

public sealed record OfferCreditRequest(int? Minutes);

public sealed class OfferCreditRequestValidator : AbstractValidator<OfferCreditRequest>
{
    public OfferCreditRequestValidator() =>
        RuleFor(r => r.Minutes).NotNull().WithMessage("请填写服务时长（分钟）。")
            .InclusiveBetween(1, ServiceRecordEntry.MaxMinutes).WithMessage($"服务时长应在1到{ServiceRecordEntry.MaxMinutes}分钟之间。");
}

public sealed record OfferRequestRequest(string? Note);

public sealed class OfferRequestRequestValidator : AbstractValidator<OfferRequestRequest>
{
    public OfferRequestRequestValidator() =>
        RuleFor(r => r.Note).MaximumLength(OfferMatch.NoteMaxLength).WithMessage($"备注不能超过{OfferMatch.NoteMaxLength}个字。");
}

/// <summary>An offer as staff review it: the offerer's full name when known and whether they are a registered volunteer, never the openid.</summary>
public sealed record StaffOfferView(Guid Id, OfferStatus Status, string What, string When, string DistrictCode, string DisplayName,
    string? OffererName, Guid? VolunteerId, DateTimeOffset SubmittedAt, DateTimeOffset? PublishedAt, string? RejectReason,
    DateTimeOffset? ClosedAt, IReadOnlyList<StaffOfferMatchView> Matches);

/// <param name="ForResident">Staff recorded it for a resident who is not a volunteer: <paramref name="RequesterName"/> is theirs.</param>
public sealed record StaffOfferMatchView(Guid Id, string RequestedBy, string? RequesterName, string? Note, DateTimeOffset At, int? CreditedMinutes,
    DateTimeOffset? CreditedAt, bool ForResident);

public sealed record StaffOfferPage(IReadOnlyList<StaffOfferView> Items, int Total, int Page, int PageSize);

/// <summary>A published offer on the wall: masked name, no openid, nothing of the person beyond the district.</summary>
public sealed record OfferView(Guid Id, string What, string When, string DistrictCode, string DisplayName, DateTimeOffset PublishedAt,
    bool RequestedByMe);

public sealed record OfferPage(IReadOnlyList<OfferView> Items, string? NextCursor);

public sealed record PublicOfferView(Guid Id, string What, string When, string DistrictCode, string DisplayName, DateTimeOffset PublishedAt);

public sealed record PublicOfferPage(IReadOnlyList<PublicOfferView> Items, string? NextCursor);

public sealed record OfferMatchView(Guid Id, Guid OfferId, string? Note, DateTimeOffset At);

public sealed record OfferCreditView(Guid MatchId, int Minutes, Guid VolunteerId, Guid ServiceRecordEntryId);

/// <summary>Where the next page of the wall starts: the last row's publication time and id. Opaque base64url to clients.</summary>
public sealed record OfferCursor(DateTimeOffset PublishedAt, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], PublishedAt.UtcTicks);
        Id.TryWriteBytes(bytes[9..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string? text, [NotNullWhen(true)] out OfferCursor? cursor)
    {
        cursor = null;
        if (text is null or { Length: 0 or > 64 }) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(text); }
        catch (FormatException) { return false; }
        if (bytes.Length != Length || bytes[0] != Version) return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        cursor = new OfferCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(9), bigEndian: true));
        return true;
    }
}

public static class OfferSets
{
    public static DbSet<ServiceOffer> ServiceOffers(this WishDbContext db) => db.Set<ServiceOffer>();

    public static DbSet<OfferMatch> OfferMatches(this WishDbContext db) => db.Set<OfferMatch>();
}

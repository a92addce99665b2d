using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;
using WeChatWish.Domain;

namespace WeChatWish.Api.Browse;

/// <summary>Which part of the list a row came from: the whole list, or the volunteer's own district before the others.</summary>
public enum BrowsePhase : byte
{
    All = 0,
    OwnDistrict = 1,
    OtherDistricts = 2,
}

/// <summary>
/// Where the next page starts: the sort key of the last row shown (urgency, publication time, id) and its phase.
/// Opaque to clients: base64url of a versioned binary form, so it can change without breaking the contract.
/// </summary>
public sealed record BrowseCursor(BrowsePhase Phase, Urgency Urgency, DateTimeOffset PublishedAt, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 1 + 1 + 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        bytes[1] = (byte)Phase;
        bytes[2] = (byte)Urgency;
        BinaryPrimitives.WriteInt64BigEndian(bytes[3..], PublishedAt.UtcTicks);
        Id.TryWriteBytes(bytes[11..], bigEndian: true, out _);
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public static bool TryDecode(string? text, [NotNullWhen(true)] out BrowseCursor? cursor)
    {
        cursor = null;
        if (text is null or { Length: 0 or > 64 }) return false;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(text); }
        catch (FormatException) { return false; }
        if (bytes.Length != Length || bytes[0] != Version) return false;

        var phase = (BrowsePhase)bytes[1];
        var urgency = (Urgency)bytes[2];
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(3));
        if (!Enum.IsDefined(phase) || !Enum.IsDefined(urgency) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new BrowseCursor(phase, urgency, new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(11), bigEndian: true));
        return true;
    }
}

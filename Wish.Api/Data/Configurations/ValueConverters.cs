using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

/// <summary>Stores an <see cref="Actor"/> in one readable column: <c>Staff:3f2a…</c>.</summary>
public sealed class ActorConverter() : ValueConverter<Actor, string>(a => a.ToString(), s => Actor.Parse(s));

/// <summary>Stores a <see cref="Round"/> as its yyyyMM number, which sorts in time order.</summary>
public sealed class RoundConverter() : ValueConverter<Round, int>(r => r.Value, v => Round.FromValue(v));

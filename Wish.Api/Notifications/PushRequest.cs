using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.Extensions.Options;
using WeChatWish.Domain;

namespace WeChatWish.Api.Notifications;

public enum RecipientGroup
{
    /// <summary>Beneficiaries with a WeChat link, optionally of one round, status and district.</summary>
    Beneficiaries,

    /// <summary>Volunteers, optionally of one district (mini-program channel).</summary>
    Volunteers,

    /// <summary>Everyone currently following the official account.</summary>
    Followers,
}

public sealed record RecipientFilter(RecipientGroup Group, string? Round, WishStatus? Status, string? DistrictCode);

public sealed record PushRecipients(IReadOnlyList<string>? OpenIds, RecipientFilter? Filter);

/// <summary>A staff push: a configured template by key (data by logical field) or a raw WeChat template id (data by WeChat key).</summary>
public sealed record PushRequest(string? TemplateKey, string? TemplateId, NotificationChannel? Channel,
    [property: JsonConverter(typeof(TemplateDataConverter))] Dictionary<string, string>? Data,
    string? Url, string? MiniProgramPage, PushRecipients? Recipients);

/// <summary>The recipients of a push about to be composed, to count them before sending.</summary>
public sealed record PreviewRequest(PushRecipients? Recipients);

public sealed class PreviewRequestValidator : AbstractValidator<PreviewRequest>
{
    public PreviewRequestValidator()
    {
        RuleFor(r => r.Recipients).NotNull().WithMessage(PushRecipientsValidator.Required);
        RuleFor(r => r.Recipients!).SetValidator(new PushRecipientsValidator());
    }
}

/// <summary>The recipients' rules, the same for a push and for counting one.</summary>
public sealed class PushRecipientsValidator : AbstractValidator<PushRecipients>
{
    public const string Required = "请指定接收人。";

    public PushRecipientsValidator()
    {
        RuleFor(r => r).Must(r => (r.OpenIds is { Count: > 0 }) != (r.Filter is not null)).OverridePropertyName("")
            .WithMessage("接收人须为 openid 列表或筛选条件（二选一）。");
        RuleFor(r => r.OpenIds).Must(ids => ids!.Count <= PushRequestValidator.MaxOpenIds && ids.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 64))
            .When(r => r.OpenIds is not null).WithMessage($"openid 列表最多 {PushRequestValidator.MaxOpenIds} 个，每个不超过 64 个字符。");
        RuleFor(r => r.Filter!.Round).Must(round => round is null || Round.TryParse(round, out _))
            .When(r => r.Filter is not null).WithMessage("轮次格式应为 yyyyMM。");
    }
}

public sealed class PushRequestValidator : AbstractValidator<PushRequest>
{
    public const int MaxOpenIds = 100_000;

    public PushRequestValidator(IOptions<NotificationOptions> options)
    {
        RuleFor(r => r).Must(r => (r.TemplateKey is null) != (r.TemplateId is null)).WithName("templateKey").WithMessage("请指定模板键或模板 ID（二选一）。");
        RuleFor(r => r.TemplateKey).Must(k => k is null || options.Value.Templates.ContainsKey(k)).WithMessage("未知的模板键。");
        RuleFor(r => r.TemplateId).MaximumLength(NotificationJob.TemplateIdMaxLength).WithMessage("模板 ID 过长。");
        RuleFor(r => r.Data).NotEmpty().WithMessage("请填写模板数据。")
            .Must(d => d is null || d.Count <= 20 && d.All(kv => kv.Key.Length is > 0 and <= 32 && kv.Value is not null && kv.Value.Length <= 200))
            .WithMessage("模板数据最多 20 项，键不超过 32 个字符，值不超过 200 个字符。");
        RuleFor(r => r.Url).MaximumLength(NotificationJob.LinkMaxLength)
            .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https").WithMessage("链接须为 http(s) 地址。");
        RuleFor(r => r.MiniProgramPage).MaximumLength(NotificationJob.LinkMaxLength).WithMessage("小程序页面路径过长。");
        RuleFor(r => r.Recipients).NotNull().WithMessage(PushRecipientsValidator.Required);
        RuleFor(r => r.Recipients!).SetValidator(new PushRecipientsValidator());
        RuleFor(r => r).Must(r => ChannelOf(r, options.Value) == NotificationChannel.MiniProgram)
            .When(r => r.Recipients?.Filter?.Group == RecipientGroup.Volunteers).WithName("channel").WithMessage("志愿者只能接收小程序订阅消息。");
    }

    public static NotificationChannel ChannelOf(PushRequest r, NotificationOptions options) =>
        r.TemplateKey is { } key && options.Templates.TryGetValue(key, out var t) ? t.Channel
        : r.Channel ?? (r.Recipients?.Filter?.Group == RecipientGroup.Volunteers ? NotificationChannel.MiniProgram : NotificationChannel.OfficialAccount);
}

namespace WeChatWish.Api.Intake;

/// <summary>
/// A person's messages per clock minute against <see cref="IntakeOptions.MessagesPerMinute"/>, counted in Redis by
/// <see cref="ConversationStore.TakeTurnAsync"/> so every instance shares the count: the first message over the limit is asked
/// to slow down, later ones get no reply.
/// </summary>
public enum RateVerdict { Allowed, JustOverLimit, OverLimit }

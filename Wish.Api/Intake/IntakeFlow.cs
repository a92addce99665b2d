using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>
/// One turn of the conversation: keywords first (查询, 帮助, 取消 work anywhere), then the paused-draft offer, then the step
/// being asked. State comes in and goes out; nothing is kept in memory between turns, so any instance can take the next one.
/// </summary>
public sealed partial class IntakeFlow(
    DraftSteps steps, OfferSteps offers, IntakeSubmitter submitter, WishProgress progress, IntakeTexts texts, DistrictDirectory districtDirectory,
    WishDbContext db, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private static readonly HashSet<string> ConfirmWords = ["确认", "确定", "提交", "确认提交", "是", "是的", "对", "对的", "好", "好的", "可以", "没问题", "ok"];
    private static readonly HashSet<string> ContinueWords = ["继续", "接着填", "接着", "继续填"];
    private static readonly HashSet<string> RestartWords = ["重新开始", "重来", "重新填"];

    public async Task<Turn> HandleAsync(string openId, Conversation? current, IntakeInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var districts = await districtDirectory.AllAsync(ct);
        if (current is not null && now - current.LastActivityAt > options.Value.DraftKeep) current = null;
        var command = input.Command;

        switch (command.Kind)
        {
            case CommandKind.Progress:
                var status = await progress.DescribeAsync(openId, ct);
                return new(IntakeTexts.Join(status, current is null || current is { Offer: not null, WishDraftWaiting: false } ? null
                    : "您还有一个心愿没填完，发送“心愿”接着填。"), Touch(current, now));
            case CommandKind.Help:
                return new(IntakeTexts.Join(texts.Menu, current is null ? null
                    : current.Offer is not null ? "您正在填写提供的服务：\n" + offers.Prompt(current, districts)
                    : "您正在填写心愿：\n" + Prompt(current, districts)), Touch(current, now));
            case CommandKind.Cancel when command.Rest.Length > 0:
                return new(await progress.WithdrawAsync(openId, command.Rest, ct), Touch(current, now), Durable: true);
            case CommandKind.Cancel when current?.Offer is not null:
                var waiting = current.WishDraftWaiting;
                return new(IntakeTexts.Join(OfferSteps.Cancelled, waiting ? OfferSteps.WishWaiting : null), EndOffer(current, now));
            case CommandKind.Cancel:
                return new(current is null ? IntakeTexts.NothingToCancel : IntakeTexts.Cancelled, null);
            case CommandKind.Offer:
                return StartOffer(current, districts, now);
        }
        if (current?.Offer is not null)
        {
            current.LastActivityAt = now;
            return await ContinueOfferAsync(openId, current, input, command, districts, ct);
        }

        if (current is null)
        {
            if (command.Kind == CommandKind.Start) return await StartAsync(openId, command.Rest, districts, now, ct);
            if (input is IntakeInput.Photo photo)
                return new(await progress.AttachPhotoAsync(openId, photo.Picture, ct) ?? IntakeTexts.PhotoOutsideDraft, null, Durable: true);
            return new(texts.Menu, null);
        }

        var paused = !current.OfferingResume && now - current.LastActivityAt > options.Value.ConversationIdle;
        if (paused || current.OfferingResume) return await ResumeAsync(openId, current, input, command, districts, now, ct);
        current.LastActivityAt = now;
        return await ContinueAsync(openId, current, input, command, districts, ct);
    }

    private async Task<Turn> StartAsync(string openId, string shortcut, IReadOnlyList<CodeName> districts, DateTimeOffset now,
        CancellationToken ct)
    {
        var conversation = Conversation.Start(now);
        var draft = conversation.Draft;
        var known = await db.Beneficiaries.AsNoTracking().Where(b => b.OpenId == openId && b.ErasedAt == null)
            .Select(b => new { b.Name, b.Phone, b.DistrictCode }).FirstOrDefaultAsync(ct);
        string? remembered = null;
        if (known is not null)
        {
            // A returning person is not asked again for what we already hold; the summary shows it and 修改 changes it.
            draft.Name = known.Name;
            draft.Phone = known.Phone;
            draft.DistrictCode = known.DistrictCode;
            await steps.DropInvalidAsync(draft, ct);
            if (draft.Name is not null || draft.Phone is not null) remembered = "您上次留过的姓名、电话和所在区已帮您填好，最后可以修改。";
        }
        var problems = shortcut.Length > 0 ? await steps.ApplyShortcutAsync(draft, shortcut, ct) : [];
        conversation.MoveOn();
        return new(IntakeTexts.Join([IntakeTexts.Started, remembered, .. problems, Prompt(conversation, districts)]), conversation);
    }

    private async Task<Turn> ResumeAsync(string openId, Conversation current, IntakeInput input, IntakeCommand command,
        IReadOnlyList<CodeName> districts, DateTimeOffset now, CancellationToken ct)
    {
        var text = (input as IntakeInput.Said)?.Text ?? "";
        var choice = ChineseInput.ChoiceNumber(text);
        if (current.OfferingResume)
        {
            if (choice == 1 || ContinueWords.Contains(text) || command is { Kind: CommandKind.Start, Rest.Length: 0 })
            {
                current.OfferingResume = false;
                current.LastActivityAt = now;
                return new(IntakeTexts.Join("好的，接着填。", Prompt(current, districts)), current);
            }
            if (choice == 2 || RestartWords.Contains(text)) return await StartAsync(openId, "", districts, now, ct);
            if (command.Kind == CommandKind.Start) return await StartAsync(openId, command.Rest, districts, now, ct);
        }
        var note = input is IntakeInput.Photo photo ? AddPhoto(current, photo.Picture) : null;
        current.OfferingResume = true;
        current.LastActivityAt = now;
        return new(IntakeTexts.Join(note, IntakeTexts.ResumeOffer(current.Draft)), current);
    }

    private async Task<Turn> ContinueAsync(string openId, Conversation current, IntakeInput input, IntakeCommand command,
        IReadOnlyList<CodeName> districts, CancellationToken ct)
    {
        switch (input)
        {
            case IntakeInput.Photo photo:
                return new(IntakeTexts.Join(AddPhoto(current, photo.Picture), Prompt(current, districts)), current);
            case IntakeInput.Unheard:
                return new(IntakeTexts.Join(IntakeTexts.UnheardVoice, Prompt(current, districts)), current);
            case IntakeInput.Unsupported:
                return new(IntakeTexts.Join(IntakeTexts.OnlyTextVoicePhotos, Prompt(current, districts)), current);
        }
        if (command.Kind == CommandKind.Start)
        {
            if (command.Rest.Length == 0) return new(IntakeTexts.Join(IntakeTexts.AlreadyFilling, Prompt(current, districts)), current);
            var problems = await steps.ApplyShortcutAsync(current.Draft, command.Rest, ct);
            current.MoveOn();
            return new(IntakeTexts.Join([.. problems, Prompt(current, districts)]), current);
        }

        var text = ((IntakeInput.Said)input).Text;
        if (EditCommand().Match(text) is { Success: true } edit)
        {
            var number = ChineseInput.ChoiceNumber(edit.Groups["n"].Value);
            if (number is not (>= 1 and <= 7)) return new(IntakeTexts.EditNeedsNumber, current);
            current.Asking = (DraftField)number.Value;
            return new(texts.Question(current.Asking.Value, districts), current);
        }
        if (current.Asking is not { } asking)
        {
            if (!ConfirmWords.Contains(text.ToLowerInvariant())) return new(IntakeTexts.ConfirmHow, current);
            var outcome = await submitter.SubmitAsync(openId, current.Draft, districts, ct);
            if (outcome.Submitted) return new(outcome.Reply, null, Durable: true);
            current.Asking = outcome.FixField;
            return new(outcome.Reply, current);
        }

        // "确认" before the summary is not a name or a wish: say what is still missing.
        if (ConfirmWords.Contains(text.ToLowerInvariant()))
            return new(IntakeTexts.Join(IntakeTexts.NotFinished, texts.Question(asking, districts)), current);
        var problem = await steps.AnswerAsync(current.Draft, asking, text, districts, ct);
        if (problem is not null) return new(problem, current);
        current.MoveOn();
        return new(Prompt(current, districts), current);
    }

    /// <summary>"我能帮忙": a new offer, asked step by step. A wish draft under way is kept and taken up again afterwards.</summary>
    private Turn StartOffer(Conversation? current, IReadOnlyList<CodeName> districts, DateTimeOffset now)
    {
        if (current?.Offer is not null)
        {
            current.LastActivityAt = now;
            return new(IntakeTexts.Join("您正在填写提供的服务，接着回答就行：", offers.Prompt(current, districts)), current);
        }
        var conversation = current ?? Conversation.Start(now);
        conversation.WishDraftWaiting = current is not null;
        conversation.Offer = new OfferDraft();
        conversation.OfferAsking = conversation.Offer.FirstMissing();
        conversation.LastActivityAt = now;
        return new(IntakeTexts.Join(OfferSteps.Started, offers.Prompt(conversation, districts)), conversation);
    }

    private async Task<Turn> ContinueOfferAsync(string openId, Conversation current, IntakeInput input, IntakeCommand command,
        IReadOnlyList<CodeName> districts, CancellationToken ct)
    {
        switch (input)
        {
            case IntakeInput.Unheard:
                return new(IntakeTexts.Join(IntakeTexts.UnheardVoice, offers.Prompt(current, districts)), current);
            case IntakeInput.Photo or IntakeInput.Unsupported:
                return new(IntakeTexts.Join("这一步请打字或发语音回答。", offers.Prompt(current, districts)), current);
        }
        if (command.Kind == CommandKind.Start)
            return new(IntakeTexts.Join("您正在填写提供的服务，填完或发送“取消”后再留心愿。", offers.Prompt(current, districts)), current);

        var text = (input as IntakeInput.Said)?.Text ?? "";
        var offer = current.Offer!;
        if (EditCommand().Match(text) is { Success: true } edit)
        {
            var number = ChineseInput.ChoiceNumber(edit.Groups["n"].Value);
            if (number is not (>= 1 and <= 3)) return new(OfferSteps.EditNeedsNumber, current);
            current.OfferAsking = (OfferField)number.Value;
            return new(offers.Question(current.OfferAsking.Value, districts), current);
        }
        if (current.OfferAsking is not { } asking)
        {
            if (!ConfirmWords.Contains(text.ToLowerInvariant())) return new(OfferSteps.ConfirmHow, current);
            if (await offers.SubmitAsync(openId, offer, districts, clock, ct) is { } refused) return new(refused, current);
            var waiting = current.WishDraftWaiting;
            return new(IntakeTexts.Join(OfferSteps.Submitted, waiting ? OfferSteps.WishWaiting : null), EndOffer(current, current.LastActivityAt),
                Durable: true);
        }
        if (ConfirmWords.Contains(text.ToLowerInvariant()))
            return new(IntakeTexts.Join(IntakeTexts.NotFinished, offers.Question(asking, districts)), current);
        if (text.Length == 0) return new(offers.Prompt(current, districts), current);
        var problem = offers.Answer(offer, asking, text, districts);
        if (problem is not null) return new(problem, current);
        current.OfferAsking = offer.FirstMissing();
        return new(offers.Prompt(current, districts), current);
    }

    /// <summary>The offer is done with: the conversation ends, or goes back to the wish draft that was waiting.</summary>
    private static Conversation? EndOffer(Conversation conversation, DateTimeOffset now)
    {
        if (!conversation.WishDraftWaiting) return null;
        conversation.Offer = null;
        conversation.OfferAsking = null;
        conversation.WishDraftWaiting = false;
        conversation.LastActivityAt = now;
        return conversation;
    }

    private string Prompt(Conversation conversation, IReadOnlyList<CodeName> districts) =>
        conversation.Asking is { } field ? texts.Question(field, districts) : texts.Summary(conversation.Draft, districts);

    private static string AddPhoto(Conversation conversation, DraftPhoto photo)
    {
        var photos = conversation.Draft.Photos;
        if (photos.Count >= Wish.MaxPhotos) return IntakeTexts.TooManyPhotos;
        if (!photos.Contains(photo)) photos.Add(photo);
        return IntakeTexts.PhotoAdded(photos.Count);
    }

    private static Conversation? Touch(Conversation? conversation, DateTimeOffset now)
    {
        if (conversation is not null && !conversation.OfferingResume) conversation.LastActivityAt = now;
        return conversation;
    }

    [GeneratedRegex("^(?:修改|更改|改)\\s*第?\\s*(?<n>[0-9]{1,2}|[一二三四五六七八九十]{1,2})?\\s*(?:项|条|个)?$")]
    private static partial Regex EditCommand();
}

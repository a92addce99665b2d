using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>What 确认 did: the reply, and whether the draft is done with.</summary>
public sealed record SubmitOutcome(bool Submitted, string Reply, DraftField? FixField = null);

/// <summary>
/// Hands a finished draft to <see cref="WishSubmissionService"/>, the path every channel shares (one wish waiting for review,
/// flags, rounds, audit), and tells the person in plain words what that means for them.
/// </summary>
public sealed class IntakeSubmitter(DraftSteps steps, WishSubmissionService submissions, WishRules rules, IntakeTexts texts,
    IntakeMetrics metrics, ILogger<IntakeSubmitter> logger)
{
    public async Task<SubmitOutcome> SubmitAsync(string openId, Draft draft, IReadOnlyList<CodeName> districts, CancellationToken ct)
    {
        if (await steps.CheckAllAsync(draft, ct) is { } problem)
            return new(false, IntakeTexts.Join(problem.Message, texts.Question(problem.Field, districts)), problem.Field);
        try
        {
            var submitted = await submissions.SubmitAsync(DraftSteps.ToSubmission(draft, openId), b => Actor.Beneficiary(b.Id), ct);
            metrics.Submitted();
            return new(true, Submitted(submitted));
        }
        catch (RuleViolationException e) when (e.Code == DomainErrorCodes.WishAlreadyWaitingForReview)
        {
            var waiting = System.Text.RegularExpressions.Regex.Match(e.Message, "W[0-9]{6}-[0-9]{4,7}") is { Success: true } m ? m.Value : null;
            return new(false, IntakeTexts.Join(e.Message,
                waiting is null ? null : $"想换成这个新心愿，请先发送“取消 {waiting}”撤回原来的，再回复“确认”。",
                "这次填写的内容会为您保留一天。"));
        }
        catch (DomainException e)
        {
            return new(false, IntakeTexts.Join(e.Message, IntakeTexts.ConfirmHow));
        }
        catch (DbUpdateException e)
        {
            logger.LogWarning(e, "A WeChat wish submission failed in the database");
            return new(false, "系统正忙，心愿还没提交，请过一会儿再回复“确认”。");
        }
    }

    private string Submitted(SubmittedWish submitted)
    {
        var wish = submitted.Wish;
        return IntakeTexts.Join(
            $"心愿已提交，编号 {wish.Code}。",
            "工作人员会尽快核实，通过后请志愿者帮您实现。发送“查询”可以看进度。",
            wish.Flags.HasFlag(WishFlags.SecondIn12Months) ? "您12个月内已经申请过心愿，这次需要工作人员特别核实。" : null,
            wish.Flags.HasFlag(WishFlags.OverSoftCostLimit) ? $"这个心愿超过{IntakeTexts.Yuan(rules.SoftCostLimit)}元，需要工作人员特别核实。" : null,
            submitted.InNextRound
                ? $"本月心愿{rules.CollectUntilDay}日已截止收集，您的心愿放到{wish.Round.Year}年{wish.Round.Month}月的一轮。"
                : null);
    }
}

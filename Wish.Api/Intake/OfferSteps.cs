using System.Text;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Offers;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>
/// The offer-of-service steps ("我能帮忙", DESIGN.md §12): what, when, which district, then 确认. Answers are checked by
/// <see cref="ServiceOffer"/>'s own rules, so the conversation refuses what the entity refuses, in the same words; the district
/// is read and asked exactly as in the wish conversation.
/// </summary>
public sealed class OfferSteps(WishDbContext db, IntakeTexts texts, ILogger<OfferSteps> logger)
{
    public const string Started = "谢谢您愿意帮助别人！我们一步一步来，随时发送“取消”可以放弃。";
    public const string Cancelled = "好的，这次填写的服务已删除。想帮忙时，再发送“我能帮忙”。";
    public const string ConfirmHow = "请回复“确认”提交；要改哪一项，回复“修改”加序号，例如：修改1；不要了回复“取消”。";
    public const string EditNeedsNumber = "请在“修改”后面加上序号（1到3），例如：修改1";
    public const string Submitted = "谢谢您！您提供的服务已收到，工作人员审核后会发布到心愿墙上。有人预约时，工作人员会联系您。";
    public const string WishWaiting = "您的心愿还没填完，发送“心愿”接着填。";

    public string Question(OfferField field, IReadOnlyList<CodeName> districts) => field switch
    {
        OfferField.What => "您能帮什么忙？请简单说一说，例如：修自行车、陪老人聊天、辅导小学数学。",
        OfferField.When => "您什么时候方便？例如：周末上午、每周三下午。",
        _ => texts.Question(DraftField.District, districts),
    };

    public static string Summary(OfferDraft offer, IReadOnlyList<CodeName> districts) => new StringBuilder("请核对您提供的服务：\n")
        .Append("1 能帮什么：").Append(IntakeTexts.Shorten(offer.What ?? "", 80)).Append('\n')
        .Append("2 方便时间：").Append(offer.When).Append('\n')
        .Append("3 所在区：").Append(districts.FirstOrDefault(d => d.Code == offer.DistrictCode)?.Name ?? offer.DistrictCode).Append('\n')
        .Append(ConfirmHow).ToString();

    public string Prompt(Conversation conversation, IReadOnlyList<CodeName> districts) =>
        conversation.OfferAsking is { } field ? Question(field, districts) : Summary(conversation.Offer!, districts);

    /// <summary>Puts the answer into the offer; returns what to say instead when it is refused (the old value stays).</summary>
    public string? Answer(OfferDraft offer, OfferField field, string text, IReadOnlyList<CodeName> districts)
    {
        try
        {
            switch (field)
            {
                case OfferField.What: offer.What = ServiceOffer.CheckWhat(text); break;
                case OfferField.When: offer.When = ServiceOffer.CheckWhen(text); break;
                case OfferField.District:
                    offer.DistrictCode = DraftSteps.DistrictCode(text, districts)
                        ?? throw new DomainValidationException(DomainErrorCodes.Invalid, "districtCode", "没有找到这个区，请回复列表里的数字。");
                    break;
            }
            return null;
        }
        catch (DomainValidationException e)
        {
            return field == OfferField.District ? e.Message + "\n" + Question(field, districts) : e.Message;
        }
    }

    /// <summary>
    /// Stores the confirmed offer as submitted, linked to the volunteer behind the openid when there is one. Null when it is
    /// stored; otherwise what to say (the draft is kept for another 确认).
    /// </summary>
    public async Task<string?> SubmitAsync(string openId, OfferDraft draft, IReadOnlyList<CodeName> districts, TimeProvider clock,
        CancellationToken ct)
    {
        if (draft.FirstMissing() is { } missing) return Question(missing, districts);
        try
        {
            var now = clock.GetUtcNow();
            var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.OpenId == openId).Select(v => new { v.Id, v.Name })
                .FirstOrDefaultAsync(ct);
            var offer = ServiceOffer.Submit(openId, volunteer?.Id, volunteer?.Name, draft.What, draft.When, draft.DistrictCode,
                districts.Any(d => d.Code == draft.DistrictCode), now);
            db.ServiceOffers().Add(offer);
            db.AuditEntries.Add(AuditEntry.Record(volunteer is null ? Actor.System("wechat") : Actor.Volunteer(volunteer.Id),
                "offer.submitted", nameof(ServiceOffer), offer.Id.ToString(), $"district {offer.DistrictCode}", now));
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DomainException e)
        {
            return IntakeTexts.Join(e.Message, ConfirmHow);
        }
        catch (DbUpdateException e)
        {
            logger.LogWarning(e, "A WeChat offer of service failed in the database");
            return "系统正忙，还没提交，请过一会儿再回复“确认”。";
        }
    }
}

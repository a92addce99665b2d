using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>What a person can do with wishes already handed in: see how they are going, withdraw one, add a photo.</summary>
public sealed class WishProgress(WishDbContext db, TimeProvider clock)
{
    private const int Listed = 5;

    public async Task<string> DescribeAsync(string openId, CancellationToken ct)
    {
        var wishes = await OwnWishes(openId).OrderByDescending(w => w.SubmittedAt).Take(Listed + 1)
            .Select(w => new { w.Code, w.Content, w.Status, w.RejectReason, w.Round })
            .ToListAsync(ct);
        if (wishes.Count == 0) return "您还没有提交过心愿。发送“心愿”就可以开始。";

        var lines = new List<string> { "您的心愿：" };
        foreach (var w in wishes.Take(Listed))
        {
            var (words, next) = Plain(w.Status, w.RejectReason, w.Round);
            lines.Add($"{w.Code} {IntakeTexts.Shorten(w.Content, 12)}\n状态：{words}。{next}");
        }
        if (wishes.Count > Listed) lines.Add($"（只列出最近{Listed}个）");
        if (wishes.Any(w => w.Status is WishStatus.Submitted or WishStatus.Verified or WishStatus.Published))
            lines.Add("要撤回还没被认领的心愿，发送“取消”加编号。");
        return IntakeTexts.Join([.. lines]);
    }

    /// <summary>"取消 W202612-0001": withdraws the sender's own wish while no volunteer has claimed it.</summary>
    public async Task<string> WithdrawAsync(string openId, string code, CancellationToken ct)
    {
        var wish = await OwnWishes(openId).FirstOrDefaultAsync(w => w.Code == code, ct);
        if (wish is null) return $"没有找到您的心愿 {code}。发送“查询”可以看到您的心愿编号。";
        switch (wish.Status)
        {
            case WishStatus.Withdrawn: return $"心愿 {code} 已经撤回了。";
            case WishStatus.Rejected: return $"心愿 {code} 没有通过审核，不需要撤回。";
            case WishStatus.Claimed or WishStatus.Fulfilled or WishStatus.Confirmed:
                return $"心愿 {code} 已经有志愿者认领，不能在这里撤回了。如有变化，请告诉联系您的志愿者或工作人员。";
        }
        wish.Withdraw("受助人在公众号撤回", Actor.Beneficiary(wish.BeneficiaryId), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A volunteer claimed it (or staff changed it) in the same moment: let the person look again.
            return $"心愿 {code} 的状态刚刚有变化，请发送“查询”看看最新情况。";
        }
        return $"心愿 {code} 已撤回。想留新的心愿，发送“心愿”。";
    }

    /// <summary>A photo sent outside a draft goes to the person's wish still under review, if there is one.</summary>
    public async Task<string?> AttachPhotoAsync(string openId, DraftPhoto photo, CancellationToken ct)
    {
        var wish = await OwnWishes(openId).Where(w => w.Status == WishStatus.Submitted || w.Status == WishStatus.Verified)
            .OrderByDescending(w => w.SubmittedAt).FirstOrDefaultAsync(ct);
        if (wish is null) return null;
        if (wish.Photos.Count >= Wish.MaxPhotos) return $"心愿 {wish.Code} 已经有{Wish.MaxPhotos}张照片了，这张没有加上。";
        wish.AddPhoto(WishPhoto.Create(photo.MediaId, photo.PicUrl, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return $"照片已加到心愿 {wish.Code} 上（共{wish.Photos.Count}张）。";
    }

    private IQueryable<Wish> OwnWishes(string openId) =>
        db.Wishes.Where(w => db.Beneficiaries.Any(b => b.Id == w.BeneficiaryId && b.OpenId == openId));

    /// <summary>The status in plain words, and what happens next.</summary>
    private static (string Words, string Next) Plain(WishStatus status, string? rejectReason, Round round) => status switch
    {
        WishStatus.Submitted => ("已提交", "工作人员会尽快核实。"),
        WishStatus.Verified => ("审核通过", $"将在{round.Month}月发布，请志愿者认领。"),
        WishStatus.Published => ("已发布", "正在等志愿者认领。"),
        WishStatus.Claimed => ("已被认领", "志愿者会联系您，请留意电话。"),
        WishStatus.Fulfilled => ("已达成", "工作人员会回访，请留意电话。"),
        WishStatus.Confirmed => ("已圆满完成", "感谢您的信任。"),
        WishStatus.Rejected => ("没有通过审核", rejectReason is null ? "" : $"原因：{IntakeTexts.Shorten(rejectReason, 30)}"),
        WishStatus.Withdrawn => ("已撤回", ""),
        _ => (status.ChineseName(), ""),
    };
}

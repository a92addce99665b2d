namespace WeChatWish.Console.Shared;

/// <summary>What the audit log's action codes mean, in Chinese; unknown codes are shown as they are.</summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["wish.submitted"] = "提交心愿", ["wish.verified"] = "审核通过", ["wish.rejected"] = "审核不通过", ["wish.published"] = "发布心愿",
        ["wish.claimed"] = "认领心愿", ["wish.fulfilled"] = "完成心愿", ["wish.confirmed"] = "回访确认", ["wish.withdrawn"] = "撤回心愿",
        ["wish.flag_overridden"] = "特批提示项", ["beneficiary.viewed"] = "查看受助人信息", ["beneficiary.exported"] = "导出受助人信息",
        ["beneficiary.erased"] = "删除个人信息", ["claim.revoked"] = "撤销认领", ["follow_up.recorded"] = "记录回访",
        ["staff.signed_in"] = "登录", ["staff.login_failed"] = "登录失败", ["staff.locked_out"] = "账号锁定", ["staff.created"] = "创建账号",
        ["staff.deactivated"] = "停用账号", ["staff.activated"] = "启用账号", ["staff.password_reset"] = "重置密码",
        ["staff.password_changed"] = "修改密码", ["round.published"] = "发布轮次", ["round.publication_scheduled"] = "定时发布",
        ["round.publication_cancelled"] = "取消定时发布", ["notification.created"] = "发送通知", ["notification.cancelled"] = "取消通知",
    };

    public static string Name(string action) => Names.GetValueOrDefault(action, action);
}

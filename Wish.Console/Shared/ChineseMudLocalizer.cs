using Microsoft.Extensions.Localization;
using MudBlazor;

namespace WeChatWish.Console.Shared;

/// <summary>MudBlazor ships English texts only; these are the ones the console's components show, in Chinese.</summary>
public sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudAlert_Close"] = "关闭",
        ["MudBaseDatePicker_NextMonth"] = "下个月",
        ["MudBaseDatePicker_PrevMonth"] = "上个月",
        ["MudBaseDatePicker_NextYear"] = "下一年",
        ["MudBaseDatePicker_PrevYear"] = "上一年",
        ["MudBaseDatePicker_Open"] = "选择日期",
        ["MudTimePicker_Open"] = "选择时间",
        ["MudChip_Close"] = "移除",
        ["MudDialog_Close"] = "关闭",
        ["MudSnackbar_Close"] = "关闭",
        ["MudFormComponent_Required"] = "必填",
        ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_DragAndDrop"] = "把文件拖到这里",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Increment"] = "加一",
        ["MudInput_Decrement"] = "减一",
        ["MudSelect_SelectAll"] = "全选",
        ["MudTable_Loading"] = "加载中…",
        ["MudTable_SelectAllRows"] = "全选",
        ["MudTable_SelectRow"] = "选择",
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudDataGrid_Loading"] = "加载中…",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_RowsPerPage"] = "每页",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_InfoFormat"] = "{first_item}-{last_item} / 共 {all_items} 条",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudPagination_CurrentPage"] = "当前页",
        ["MudTabs_ScrollLeft"] = "向左",
        ["MudTabs_ScrollRight"] = "向右",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : base[key];
}

using System.Linq.Expressions;
using FluentValidation;

namespace WeChatWish.Api.Staff;

/// <summary>The page and page-size rules every paged staff list shares, worded once.</summary>
public static class Paging
{
    public static void PagingRules<T>(this AbstractValidator<T> validator, Expression<Func<T, int?>> page,
        Expression<Func<T, int?>> pageSize, int maxPageSize)
    {
        validator.RuleFor(page).GreaterThanOrEqualTo(1).WithMessage("页码从1开始。");
        validator.RuleFor(pageSize).InclusiveBetween(1, maxPageSize).WithMessage($"每页条数应在1到{maxPageSize}之间。");
    }
}

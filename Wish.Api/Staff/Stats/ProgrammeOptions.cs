using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Staff.Stats;

/// <summary>The <c>Programme</c> section: the plan's yearly numbers the dashboard measures against.</summary>
public sealed class ProgrammeOptions
{
    public const string SectionName = "Programme";

    public int YearlyTarget { get; set; } = 600;

    public decimal YearlyBudget { get; set; } = 50_000m;
}

public sealed class ProgrammeOptionsValidator : IValidateOptions<ProgrammeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgrammeOptions options)
    {
        var failures = new List<string>();
        if (options.YearlyTarget is < 1 or > 1_000_000) failures.Add("Programme:YearlyTarget must be between 1 and 1,000,000");
        if (options.YearlyBudget is < 1 or > 1_000_000_000) failures.Add("Programme:YearlyBudget must be between 1 and 1,000,000,000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

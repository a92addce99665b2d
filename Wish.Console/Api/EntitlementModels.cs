namespace WeChatWish.Console.Api;

public sealed record EntitlementProgramme(Guid Id, string Name, string Provider, string Unit, int PerWeek, int PerMonth, DateOnly ValidFrom,
    DateOnly? ValidTo, int People, DateTimeOffset CreatedAt);

public sealed record EntitlementRedemption(Guid Id, Guid ProgrammeId, Guid PersonId, string WorkNumber, string Name, int Items, string Unit,
    DateTimeOffset At, int WeekRemaining, int MonthRemaining, DateTimeOffset? UndoneAt, string? UndoReason);

public sealed record EntitlementReport(string Month, int People, int Served, int Items, int Unused);
public sealed record RosterImported(int Imported);

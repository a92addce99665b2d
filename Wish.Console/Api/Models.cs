namespace WeChatWish.Console.Api;

// The API's answers as the pages read them; enum values stay the API's lowercase strings.

public sealed record Breakdown(string Key, string? Name, int Total, int Fulfilled);

public sealed record YearStats(
    int Year, string? DistrictCode, int Total, Dictionary<string, int> ByStatus, List<Breakdown> ByDistrict,
    List<Breakdown> ByCategory, List<Breakdown> ByMonth, int Fulfilled, int Target, decimal TargetProgress,
    decimal FulfilledCost, decimal Budget, decimal BudgetUsed, int ActiveVolunteers, decimal ServiceHours, decimal ConfirmedServiceHours);

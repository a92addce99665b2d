using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace WeChatWish.Api.Infrastructure;

/// <summary>The <c>ConnectionStrings</c> section: PostgreSQL and Redis, checked at start so a typo fails fast.</summary>
public sealed class ConnectionStringsOptions
{
    public const string SectionName = "ConnectionStrings";

    public string Postgres { get; set; } = "";
    public string Redis { get; set; } = "";
}

public sealed class ConnectionStringsOptionsValidator : IValidateOptions<ConnectionStringsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionStringsOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Postgres))
            failures.Add("ConnectionStrings:Postgres is missing (e.g. Host=127.0.0.1;Database=wechatwish;Username=...;Password=...)");
        else
        {
            try
            {
                var parsed = new NpgsqlConnectionStringBuilder(options.Postgres);
                if (string.IsNullOrWhiteSpace(parsed.Host)) failures.Add("ConnectionStrings:Postgres has no Host");
                if (string.IsNullOrWhiteSpace(parsed.Database)) failures.Add("ConnectionStrings:Postgres has no Database");
            }
            catch (ArgumentException e)
            {
                failures.Add($"ConnectionStrings:Postgres is malformed: {e.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Redis))
            failures.Add("ConnectionStrings:Redis is missing (e.g. 127.0.0.1:6379)");
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.Redis).EndPoints.Count == 0)
                    failures.Add("ConnectionStrings:Redis names no endpoint");
            }
            catch (ArgumentException e)
            {
                failures.Add($"ConnectionStrings:Redis is malformed: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

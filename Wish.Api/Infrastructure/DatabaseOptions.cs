namespace WeChatWish.Api.Infrastructure;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Apply migrations and seed reference data at start (Development and deploy/run.sh); production runs them as a step of its own.</summary>
    public bool InitializeOnStartup { get; set; }
}

namespace WeChatWish.Tests.Infrastructure;

public static class TestEnvironment
{
    /// <summary>The test database; deploy/test.sh sets it, the default matches deploy/infra.sh.</summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("WISH_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=wechatwish_test;Username=postgres;Password=postgres";
}

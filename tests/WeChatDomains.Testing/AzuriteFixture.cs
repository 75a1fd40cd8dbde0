using Xunit;

namespace WeChatDomains.Testing;

/// <summary>
/// xunit collection fixture: one Azurite for every test class in <see cref="AzuriteCollection"/>.
/// Tests isolate themselves with unique table and queue names (see <see cref="UniqueName"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>Connection string of the running Azurite.</summary>
    public string ConnectionString => _instance?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>A name unique to this run, valid as a table or queue name (letters and digits, starts with a letter).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <inheritdoc />
    public async Task InitializeAsync() => _instance = await AzuriteInstance.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }
}

/// <summary>
/// Name of the xunit collection that shares one <see cref="AzuriteFixture"/>. xunit finds collection definitions
/// only in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(AzuriteCollection.Name)] public sealed class AzuriteCollectionDefinition : ICollectionFixture&lt;AzuriteFixture&gt;;</c>.
/// </summary>
public static class AzuriteCollection
{
    /// <summary>Collection name to put on test classes.</summary>
    public const string Name = "Azurite";
}

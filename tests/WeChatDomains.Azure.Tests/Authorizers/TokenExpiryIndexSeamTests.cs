using Azure;
using Azure.Data.Tables;
using Moq;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Tests.Authorizers;

/// <summary>
/// What <see cref="TokenExpiryIndex"/> sends to the table, at the SDK's seam: Table Storage refuses a transaction over
/// two partitions, and Azurite does not, so only this shows it.
/// </summary>
public sealed class TokenExpiryIndexSeamTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly Mock<TableClient> _table = new();
    private readonly List<List<TableTransactionAction>> _transactions = [];

    [Fact]
    public async Task AddManyAsync_AuthorizersOfEveryShard_Issue16_EachTransactionInOnePartitionAllRowsSent()
    {
        var authorizers = Enumerable.Range(0, 120).Select(i => ("wxseam" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), (DateTimeOffset?)T0.AddMinutes(i), (DateTimeOffset?)T0.AddMinutes(i - 5))).ToList();

        await CreateSut().AddManyAsync(authorizers, CancellationToken.None);

        Assert.All(_transactions, actions => Assert.Single(actions.Select(a => a.Entity.PartitionKey).Distinct()));
        Assert.All(_transactions, actions => Assert.InRange(actions.Count, 1, 2 * TokenExpiryIndex.ImportBatch));
        var rows = _transactions.SelectMany(actions => actions).Select(a => (TableEntity)a.Entity).ToList();
        Assert.Equal(240, rows.Count);
        Assert.All(rows, row => Assert.Equal(TokenExpiryIndex.PartitionOf(row.GetString("AppId")), row.PartitionKey));
    }

    [Fact]
    public async Task AddAsync_OneAuthorizer_BothRowsInOneTransactionInItsShard()
    {
        await CreateSut().AddAsync("wxaaaaaaaaaaaaaaa1", T0, T0.AddMinutes(-5), CancellationToken.None);

        var actions = Assert.Single(_transactions);
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal("tokens|02", a.Entity.PartitionKey));
    }

    private TokenExpiryIndex CreateSut()
    {
        _table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((actions, _) => _transactions.Add([.. actions]))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns(_table.Object);
        return new TokenExpiryIndex(new TableStorageTables(service.Object, "t"));
    }
}

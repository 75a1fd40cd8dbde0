using Microsoft.Playwright;

namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>A table of the dashboard, read by column header (so a reordered column does not break a test).</summary>
internal sealed class TableView(ILocator table)
{
    public ILocator Rows => table.Locator("tbody tr");

    /// <summary>The row whose first cell is <paramref name="key"/> (a commandId, an attempt number).</summary>
    public ILocator Row(string key) => Rows.Filter(new() { Has = table.Page.Locator("td:first-child", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(key)}$") }) });

    /// <summary>The cell under the header <paramref name="column"/> of the row whose first cell is <paramref name="key"/>.</summary>
    public Task<ILocator> CellAsync(string key, string column) => CellAsync(Row(key), column);

    /// <summary>The cell of <paramref name="row"/> under the header <paramref name="column"/>.</summary>
    public async Task<ILocator> CellAsync(ILocator row, string column)
    {
        var headers = await table.Locator("thead th").AllTextContentsAsync();
        var index = headers.ToList().FindIndex(h => h.Trim() == column);
        Assert.True(index >= 0, $"no column '{column}' in [{string.Join(", ", headers)}]");
        return row.Locator("td").Nth(index);
    }
}

/// <summary>A definition list of the dashboard (health, a command's details): the value after a term.</summary>
internal sealed class DefinitionsView(ILocator list)
{
    public ILocator Value(string term) => list.Locator($"dt:text-is(\"{term}\") + dd");
}

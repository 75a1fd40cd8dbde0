using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace WeChatDomains.Azure.Tests.Vault;

/// <summary>A Key Vault HTTP response with a status and headers, to build real <see cref="RequestFailedException"/>s.</summary>
internal sealed class FakeResponse(int status, params (string Name, string Value)[] headers) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; } = new MemoryStream();

    public override string ClientRequestId { get; set; } = "test";

    public static RequestFailedException Failure(int status, params (string Name, string Value)[] headers) =>
        new(new FakeResponse(status, headers));

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => headers.Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}

using Microsoft.AspNetCore.Http;
using WeChatDomains.Host.Api;

namespace WeChatDomains.Host.Tests.Api;

/// <summary>
/// A body over the cap is read to its end before the 413: answering while the client still writes made the server close
/// the connection under it, and the client saw a reset instead of the 413 (the end-to-end corpus test, one run in four).
/// </summary>
public sealed class RequestBodyReaderTests
{
    private const int Cap = 4096;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyOverTheCap_ReadToItsEndThenNull(bool withContentLength)
    {
        var body = new MemoryStream(new byte[(Cap * 10) + 17]);
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = withContentLength ? body.Length : null;

        var read = await RequestBodyReader.ReadAsync(context.Request, Cap, CancellationToken.None);

        Assert.Null(read);
        Assert.True(body.Position == body.Length, $"read {body.Position} of {body.Length} bytes before answering");
    }

    [Fact]
    public async Task ReadAsync_BodyFarOverTheCap_NotReadAtAll()
    {
        var body = new MemoryStream(new byte[(Cap * RequestBodyReader.DrainFactor) + 1]);
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = body.Length;

        Assert.Null(await RequestBodyReader.ReadAsync(context.Request, Cap, CancellationToken.None));
        Assert.Equal(0, body.Position);
    }

    [Fact]
    public async Task ReadAsync_BodyAtTheCap_ReturnedWhole()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[Cap]);

        Assert.Equal(Cap, (await RequestBodyReader.ReadAsync(context.Request, Cap, CancellationToken.None))?.Length);
    }
}

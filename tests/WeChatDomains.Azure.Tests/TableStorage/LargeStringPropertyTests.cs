using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Tests.TableStorage;

public sealed class LargeStringPropertyTests
{
    [Fact]
    public void Write_ShortValue_OneProperty()
    {
        var entity = new TableEntity("p", "r");

        LargeStringProperty.Write(entity, "Body", "{}", maxChunks: 3);

        Assert.Equal("{}", entity.GetString("Body"));
        Assert.False(entity.ContainsKey("BodyChunks"));
        Assert.Equal("{}", LargeStringProperty.Read(entity, "Body"));
    }

    [Fact]
    public void Write_SurrogatePairAtBoundary_NeverSplitsIt()
    {
        var entity = new TableEntity("p", "r");
        var value = new string('a', TableStorageConstants.MaxStringChars - 1) + "🙂" + "tail";

        LargeStringProperty.Write(entity, "Body", value, maxChunks: 3);

        Assert.Equal(2, entity.GetInt32("BodyChunks"));
        Assert.True(entity.GetString("Body").Length < TableStorageConstants.MaxStringChars);
        Assert.Equal(value, LargeStringProperty.Read(entity, "Body"));
    }

    [Fact]
    public void Write_BeyondMaxChunks_CutsAndMarksTruncated()
    {
        var entity = new TableEntity("p", "r");
        var value = new string('x', (TableStorageConstants.MaxStringChars * 2) + 10);

        LargeStringProperty.Write(entity, "Body", value, maxChunks: 2);

        Assert.True(entity.GetBoolean("BodyTruncated"));
        Assert.Equal(TableStorageConstants.MaxStringChars * 2, LargeStringProperty.Read(entity, "Body")!.Length);
    }

    [Fact]
    public void Fit_LongValue_CutToOneProperty()
    {
        Assert.Equal(TableStorageConstants.MaxStringChars, LargeStringProperty.Fit(new string('x', 40_000))!.Length);
        Assert.Null(LargeStringProperty.Fit(null));
    }
}

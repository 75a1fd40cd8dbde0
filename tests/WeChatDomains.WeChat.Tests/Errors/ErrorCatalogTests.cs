using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.WeChat.Tests.Errors;

public sealed class ErrorCatalogTests
{
    // DESIGN section 4, row by row: every code the table names, with the class it names.
    public static TheoryData<int, WeChatErrorClass> DesignTable => new()
    {
        { 0, WeChatErrorClass.Success },
        { 89019, WeChatErrorClass.NoChange },
        { 89022, WeChatErrorClass.NoChange },
        { -1, WeChatErrorClass.Transient },
        { 40001, WeChatErrorClass.TokenInvalid },
        { 40014, WeChatErrorClass.TokenInvalid },
        { 42001, WeChatErrorClass.TokenInvalid },
        { 61005, WeChatErrorClass.TicketInvalid },
        { 61006, WeChatErrorClass.TicketInvalid },
        { 45011, WeChatErrorClass.RateLimited },
        { 45009, WeChatErrorClass.DailyQuota },
        { 86102, WeChatErrorClass.MonthlyQuota },
        { 89030, WeChatErrorClass.MonthlyQuota },
        { 85018, WeChatErrorClass.Configuration },
        { 89020, WeChatErrorClass.Configuration },
        { 89021, WeChatErrorClass.Configuration },
        { 61028, WeChatErrorClass.Configuration },
        { 45082, WeChatErrorClass.Configuration },
        { 86103, WeChatErrorClass.Configuration },
        { 61004, WeChatErrorClass.Configuration },
        { 61007, WeChatErrorClass.Configuration },
        { 61011, WeChatErrorClass.Configuration },
        { 48001, WeChatErrorClass.Configuration },
        { 40164, WeChatErrorClass.Configuration },
        { 41004, WeChatErrorClass.Configuration },
        { 40125, WeChatErrorClass.Configuration },
        { 506015, WeChatErrorClass.Configuration },
        { 85017, WeChatErrorClass.Configuration },
        { 86100, WeChatErrorClass.InvalidRequest },
        { 86101, WeChatErrorClass.InvalidRequest },
        { 85015, WeChatErrorClass.InvalidRequest },
        { 85016, WeChatErrorClass.InvalidRequest },
        { 89029, WeChatErrorClass.InvalidRequest },
        { 89231, WeChatErrorClass.InvalidRequest },
        { 65316, WeChatErrorClass.InvalidRequest },
        { 40052, WeChatErrorClass.InvalidRequest },
        { 47001, WeChatErrorClass.InvalidRequest },
        { 44002, WeChatErrorClass.InvalidRequest },
        { 41001, WeChatErrorClass.InvalidRequest },
        { 45104, WeChatErrorClass.InvalidRequest },
        { 9410016, WeChatErrorClass.InvalidRequest },
        { 61003, WeChatErrorClass.AuthorizationLost },
        { 61023, WeChatErrorClass.AuthorizationLost },
        { 42002, WeChatErrorClass.AuthorizationLost },
        { 40013, WeChatErrorClass.AuthorizationLost },

        // Issue 14: set_prefetchdnsdomain's codes, from WeChat's page (not in DESIGN section 4's table).
        { 9420000, WeChatErrorClass.MonthlyQuota },
        { 9420001, WeChatErrorClass.Configuration },
        { 9420002, WeChatErrorClass.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(DesignTable))]
    public void Classify_CodeFromDesignTable_HasItsClassAndAMeaning(int code, WeChatErrorClass expected)
    {
        WeChatErrorCode errcode = code;

        Assert.Equal(expected, errcode.Class);
        Assert.Equal(expected, ErrorCatalog.Classify(errcode));
        Assert.False(string.IsNullOrWhiteSpace(errcode.Entry!.Meaning));
    }

    [Theory]
    [InlineData(12345)]
    [InlineData(-2)]
    [InlineData(99999999)]
    public void Classify_CodeNotInCatalog_IsUnknownButRepresentable(int code)
    {
        var errcode = WeChatErrorCode.FromInt32(code);

        Assert.Equal(WeChatErrorClass.Unknown, errcode.Class);
        Assert.Null(errcode.Entry);
        Assert.Equal(code, errcode.Value);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), errcode.ToString());
    }

    [Fact]
    public void Entries_EveryCatalogCodeIsInTheDesignTable()
    {
        var design = DesignTable.Select(row => (int)row[0]).ToHashSet();

        Assert.All(ErrorCatalog.Entries, entry => Assert.Contains(entry.Code, design));
        Assert.Equal(ErrorCatalog.Entries.Count, ErrorCatalog.Entries.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void StaticMembers_CarryTheirCatalogClass()
    {
        Assert.Equal(WeChatErrorClass.TokenInvalid, WeChatErrorCode.AccessTokenExpired.Class);
        Assert.Equal(WeChatErrorClass.MonthlyQuota, WeChatErrorCode.MonthlyModificationsSpent.Class);
        Assert.True(WeChatErrorCode.Ok.IsSuccess);
    }
}

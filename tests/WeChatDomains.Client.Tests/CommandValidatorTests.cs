using WeChatDomains.Core.Tests.Commands;

namespace WeChatDomains.Client.Tests;

/// <summary>The client refuses exactly what the service refuses, with the same reasons (the corpus of Core's tests).</summary>
public sealed class CommandValidatorTests
{
    public static TheoryData<string> BadCases() => new(CorpusCase.Names(CorpusCase.Bad));

    public static TheoryData<string> GoodCases() => new(CorpusCase.Names(CorpusCase.Good));

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Validate_BadCorpusCase_ExactlyTheExpectedReasons(string name)
    {
        var corpusCase = CorpusCase.Load(CorpusCase.Bad, name);
        var expected = corpusCase.ExpectedReasons();

        var errors = CommandValidator.Validate(corpusCase.Message);

        var actual = string.Join(Environment.NewLine, errors);
        Assert.True(errors.Count == expected.Count, $"{name}: {errors.Count} reason(s), expected {expected.Count}:{Environment.NewLine}{actual}");
        foreach (var (path, contains) in expected)
        {
            Assert.True(errors.Any(e => e.Path == path && e.Message.Contains(contains, StringComparison.OrdinalIgnoreCase)), $"{name}: no reason at {path} containing '{contains}':{Environment.NewLine}{actual}");
        }
    }

    [Theory]
    [MemberData(nameof(GoodCases))]
    public void Validate_GoodCorpusCase_NoReason(string name)
    {
        var errors = CommandValidator.Validate(CorpusCase.Load(CorpusCase.Good, name).Message);

        Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void EnsureValid_Invalid_ThrowsWithEveryReasonNotServerSide()
    {
        var command = DomainCommands.ModifyDomain("bad id!", "wx1234567890abcdef", DomainChange.Add, new ServerDomainLists { Request = ["http://api.example.com"] });

        var e = Assert.Throws<CommandRejectedException>(() => CommandValidator.EnsureValid(command));

        Assert.False(e.ServerSide);
        Assert.Equal(400, e.StatusCode);
        Assert.Equal(["body.requestdomain[0]", "commandId"], e.Errors.Select(x => x.Path).Order(StringComparer.Ordinal));
        Assert.Contains("body.requestdomain[0]", e.Message, StringComparison.Ordinal);
    }
}

using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Tests.Commands;

public sealed class BadCorpusTests
{
    public static TheoryData<string> Cases() => new(CorpusCase.Names(CorpusCase.Bad));

    [Fact]
    public void Corpus_Bad_HoldsAtLeastSixtyCases() => Assert.True(CorpusCase.Names(CorpusCase.Bad).Count() >= 60);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_BadCorpusCase_RejectsWithExactlyTheExpectedReasons(string name)
    {
        var corpusCase = CorpusCase.Load(CorpusCase.Bad, name);
        var expected = corpusCase.ExpectedReasons();

        var result = CommandParser.Parse(corpusCase.Message);

        Assert.False(result.IsValid, $"{name} ({corpusCase.Description}) was accepted.");
        Assert.Null(result.Command);
        Assert.NotEmpty(expected);
        var actual = string.Join(Environment.NewLine, result.Errors);
        foreach (var (path, contains) in expected)
        {
            Assert.True(result.Errors.Any(e => Matches(e, path, contains)), $"{name}: no reason at {path} containing '{contains}'. Reasons:{Environment.NewLine}{actual}");
        }

        foreach (var error in result.Errors)
        {
            Assert.True(expected.Any(x => Matches(error, x.Path, x.Contains)), $"{name}: unexpected reason '{error}'. Reasons:{Environment.NewLine}{actual}");
        }
    }

    private static bool Matches(ValidationError error, string path, string contains) =>
        error.Path == path && error.Message.Contains(contains, StringComparison.OrdinalIgnoreCase);
}

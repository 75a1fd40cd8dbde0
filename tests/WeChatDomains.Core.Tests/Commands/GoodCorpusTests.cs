using System.Text.Json;
using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Tests.Commands;

public sealed class GoodCorpusTests
{
    public static TheoryData<string> Cases() => new(CorpusCase.Names(CorpusCase.Good));

    [Fact]
    public void Corpus_Good_HoldsAtLeastTwentyCases() => Assert.True(CorpusCase.Names(CorpusCase.Good).Count() >= 20);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_GoodCorpusCase_YieldsTheExpectedCommand(string name)
    {
        var corpusCase = CorpusCase.Load(CorpusCase.Good, name);
        var expected = corpusCase.Root.GetProperty("expected");

        var result = CommandParser.Parse(corpusCase.Message);

        Assert.True(result.IsValid, $"{name} was rejected: {string.Join("; ", result.Errors)}");
        var command = result.Command;
        Assert.Equal(StringOf(expected, "commandId"), command.CommandId);
        Assert.Equal(StringOf(expected, "api"), command.Api);
        Assert.Equal(StringOf(expected, "authorizerAppId"), command.AuthorizerAppId);
        Assert.Equal(StringOf(expected, "requestedBy"), command.RequestedBy);
        Assert.Equal(StringOf(expected, "action"), command.Action);
        Assert.Equal(ExpectedLists(expected), CommandLists.Of(command.Body));
        Assert.Equal(BoolOf(expected, "isModifyPublishedTogether"), PublishedTogether(command.Body));
        Assert.Equal(ExpectedDuplicates(expected), command.RemovedDuplicates.Select(d => (d.Path, d.DuplicateOf)));
        if (corpusCase.Root.TryGetProperty("command", out var sent) && sent.TryGetProperty("body", out var body))
        {
            Assert.Equal(body.GetRawText(), command.RawBody);
        }
    }

    private static bool? PublishedTogether(CommandBody body) => body switch
    {
        JumpDomainsBody jump => jump.IsModifyPublishedTogether,
        PlatformServerDomainsBody platform => platform.IsModifyPublishedTogether,
        _ => null,
    };

    private static string? StringOf(JsonElement expected, string name) =>
        expected.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? BoolOf(JsonElement expected, string name) =>
        expected.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static SortedDictionary<string, string[]> ExpectedLists(JsonElement expected)
    {
        var lists = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        if (expected.TryGetProperty("lists", out var value))
        {
            foreach (var list in value.EnumerateObject())
            {
                lists[list.Name] = list.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
            }
        }

        return lists;
    }

    private static List<(string Path, string DuplicateOf)> ExpectedDuplicates(JsonElement expected) =>
        expected.TryGetProperty("removedDuplicates", out var value)
            ? value.EnumerateArray().Select(d => (d.GetProperty("path").GetString()!, d.GetProperty("duplicateOf").GetString()!)).ToList()
            : [];
}

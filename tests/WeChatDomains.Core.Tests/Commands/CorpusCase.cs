using System.Text;
using System.Text.Json;
using WeChatDomains.Testing;

namespace WeChatDomains.Core.Tests.Commands;

/// <summary>One file of the validation corpus (see Corpus/README.md for the format).</summary>
internal sealed record CorpusCase(string Name, string Description, byte[] Message, JsonElement Root)
{
    public const string Bad = "bad";
    public const string Good = "good";

    public static string Folder(string kind) =>
        Path.Combine(RepositoryPaths.Root, "tests", "WeChatDomains.Core.Tests", "Commands", "Corpus", kind);

    public static IEnumerable<string> Names(string kind) =>
        Directory.GetFiles(Folder(kind), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static CorpusCase Load(string kind, string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder(kind), name + ".json"), Encoding.UTF8);
        var root = JsonDocument.Parse(text).RootElement.Clone();
        return new CorpusCase(name, root.GetProperty("description").GetString()!, MessageOf(root), root);
    }

    /// <summary>The reasons a bad case expects: a path and a text its message contains.</summary>
    public IReadOnlyList<(string Path, string Contains)> ExpectedReasons() =>
        [.. Root.GetProperty("expectedReasons").EnumerateArray().Select(r => (r.GetProperty("path").GetString()!, r.GetProperty("contains").GetString()!))];

    private static byte[] MessageOf(JsonElement root)
    {
        if (root.TryGetProperty("command", out var command))
        {
            return Encoding.UTF8.GetBytes(command.GetRawText());
        }

        if (root.TryGetProperty("commandRaw", out var raw))
        {
            return Encoding.UTF8.GetBytes(raw.GetString()!);
        }

        if (root.TryGetProperty("commandBase64", out var base64))
        {
            return Convert.FromBase64String(base64.GetString()!);
        }

        throw new InvalidDataException("A corpus case needs command, commandRaw or commandBase64.");
    }
}

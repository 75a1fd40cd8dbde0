using System.Text.Json;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Reads a domain list of a body: checks each entry, lowercases it, drops duplicates (recording them) and applies the
/// list's limit to the distinct entries.
/// </summary>
internal sealed class DomainListReader(ValidationErrors errors, List<RemovedDuplicate> removed)
{
    /// <summary>Reads a JSON array of <c>scheme://host</c> strings; null when it is not an array.</summary>
    public DomainListRead? ReadArray(JsonElement value, DomainListSpec list, string path, int limit)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"must be an array of strings (found {JsonFields.KindName(value.ValueKind)})");
            return null;
        }

        var entries = new List<(string Path, string? Text)>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            entries.Add((itemPath, JsonFields.ReadString(item, itemPath, errors)));
        }

        return Collect(entries, path, limit, (text, problems) => DomainEntryValidator.Normalize(text, list, problems));
    }

    /// <summary>Reads a <c>;</c>-separated string of bare hosts (<paramref name="list"/>); null when it is not a string.</summary>
    public DomainListRead? ReadHostString(JsonElement value, DomainListSpec list, string path, int limit)
    {
        var text = JsonFields.ReadString(value, path, errors);
        if (text is null)
        {
            return null;
        }

        var parts = text.Length == 0 ? [] : text.Split(CommandConstants.JumpDomainSeparator);
        var entries = new List<(string Path, string? Text)>();
        for (var i = 0; i < parts.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (parts[i].Length == 0)
            {
                errors.Add(itemPath, "empty host: two ';' in a row, or a ';' at the start or end");
                entries.Add((itemPath, null));
                continue;
            }

            entries.Add((itemPath, parts[i]));
        }

        return Collect(entries, path, limit, (host, problems) => BareHostValidator.Normalize(host, problems, list.Name));
    }

    /// <summary>Reads hosts already taken out of their JSON (the <c>url</c> of each <c>prefetch_dns_domain</c> entry).</summary>
    public DomainListRead ReadHosts(List<(string Path, string? Text)> entries, DomainListSpec list, string path, int limit) =>
        Collect(entries, path, limit, (host, problems) => BareHostValidator.Normalize(host, problems, list.Name));

    private DomainListRead Collect(
        List<(string Path, string? Text)> entries, string path, int limit, Func<string, List<string>, string?> normalize)
    {
        var distinct = new List<string>();
        var firstPathOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (entryPath, text) in entries)
        {
            if (text is null)
            {
                continue;
            }

            problems.Clear();
            var normalized = normalize(text, problems);
            foreach (var problem in problems)
            {
                errors.Add(entryPath, problem);
            }

            if (normalized is null)
            {
                continue;
            }

            if (firstPathOf.TryGetValue(normalized, out var keptPath))
            {
                removed.Add(new RemovedDuplicate(entryPath, text, keptPath));
                continue;
            }

            firstPathOf.Add(normalized, entryPath);
            distinct.Add(normalized);
        }

        if (distinct.Count > limit)
        {
            errors.Add(path, $"holds {distinct.Count} distinct domains; at most {limit} are allowed");
        }

        return new DomainListRead(distinct, entries.Count);
    }
}

/// <summary>A list as read: its distinct normalized entries and how many entries were sent (valid or not).</summary>
internal sealed record DomainListRead(IReadOnlyList<string> Distinct, int EntryCount);

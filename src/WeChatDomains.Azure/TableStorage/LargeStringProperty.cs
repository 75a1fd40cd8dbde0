using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Strings that can outgrow one property (64 KiB). A long value is split over <c>{name}</c>, <c>{name}1</c>, ... with
/// <c>{name}Chunks</c> holding the count; past the allowed chunks it is cut and <c>{name}Truncated</c> is set to true.
/// Cuts never split a surrogate pair.
/// </summary>
internal static class LargeStringProperty
{
    public static void Write(TableEntity entity, string name, string? value, int maxChunks)
    {
        if (value is null)
        {
            return;
        }

        var chunks = 0;
        var start = 0;
        do
        {
            var length = ChunkLength(value, start);
            entity[chunks == 0 ? name : name + chunks.ToString(System.Globalization.CultureInfo.InvariantCulture)] = value.Substring(start, length);
            start += length;
            chunks++;
        }
        while (start < value.Length && chunks < maxChunks);

        if (chunks > 1)
        {
            entity[name + "Chunks"] = chunks;
        }

        if (start < value.Length)
        {
            entity[name + "Truncated"] = true;
        }
    }

    /// <summary>
    /// <see cref="Write"/> for a merge over an older value: the chunk count and the truncation flag are always written,
    /// so chunks an older, longer value left behind are not read back. Nothing is written for a null value.
    /// </summary>
    public static void WriteReplacing(TableEntity entity, string name, string? value, int maxChunks)
    {
        if (value is null)
        {
            return;
        }

        Write(entity, name, value, maxChunks);
        entity.TryAdd(name + "Chunks", 1);
        entity.TryAdd(name + "Truncated", false);
    }

    public static string? Read(TableEntity entity, string name)
    {
        var first = entity.GetString(name);
        var chunks = entity.GetInt32(name + "Chunks") ?? 1;
        if (first is null || chunks <= 1)
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var i = 1; i < chunks; i++)
        {
            builder.Append(entity.GetString(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return builder.ToString();
    }

    /// <summary>A value cut to fit one property (short texts: error messages, reasons).</summary>
    public static string? Fit(string? value) =>
        value is null || value.Length <= TableStorageConstants.MaxStringChars ? value : value[..ChunkLength(value, 0)];

    private static int ChunkLength(string value, int start)
    {
        var length = Math.Min(TableStorageConstants.MaxStringChars, value.Length - start);
        if (start + length < value.Length && char.IsHighSurrogate(value[start + length - 1]))
        {
            length--;
        }

        return length;
    }
}

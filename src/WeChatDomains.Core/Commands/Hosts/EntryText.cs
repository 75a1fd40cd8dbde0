namespace WeChatDomains.Core.Commands;

/// <summary>Checks shared by every list entry: not empty, bounded, no whitespace or control characters; and URL tails.</summary>
internal static class EntryText
{
    /// <summary>Adds the problems of the entry as text; returns false when it cannot be read further.</summary>
    public static bool CheckCommon(string entry, List<string> problems)
    {
        if (entry.Length == 0)
        {
            problems.Add("entry is empty");
            return false;
        }

        if (entry.Length > CommandConstants.MaxDomainEntryLength)
        {
            problems.Add($"entry is {entry.Length} characters long; at most {CommandConstants.MaxDomainEntryLength} are allowed");
            return false;
        }

        if (entry.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add("entry contains whitespace or control characters");
            return false;
        }

        return true;
    }

    /// <summary>Adds a problem for each of path, query and fragment in <paramref name="tail"/> (text after the authority).</summary>
    public static void CheckTail(string tail, List<string> problems)
    {
        var fragment = tail.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            problems.Add("must not have a fragment (#...)");
            tail = tail[..fragment];
        }

        var query = tail.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            problems.Add("must not have a query (?...)");
            tail = tail[..query];
        }

        if (tail.Length > 0 && tail != "/")
        {
            problems.Add($"must not have a path (found {tail}); give the host only");
        }
    }
}

namespace WeChatDomains.Core.Commands;

/// <summary>A list entry that was dropped because the same list already held it (compared after normalization).</summary>
/// <param name="Path">The dropped entry, for example <c>body.requestdomain[3]</c>.</param>
/// <param name="Value">The entry as it was sent.</param>
/// <param name="DuplicateOf">The entry that was kept, for example <c>body.requestdomain[0]</c>.</param>
public sealed record RemovedDuplicate(string Path, string Value, string DuplicateOf);

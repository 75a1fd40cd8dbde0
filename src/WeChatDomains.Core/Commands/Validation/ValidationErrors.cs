namespace WeChatDomains.Core.Commands;

/// <summary>Collects the reasons found while parsing one command.</summary>
internal sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public int Count => _errors.Count;

    public IReadOnlyList<ValidationError> Items => _errors;

    public void Add(string path, string message) => _errors.Add(new ValidationError(path, message));
}

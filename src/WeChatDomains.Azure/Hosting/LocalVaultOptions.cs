namespace WeChatDomains.Azure.Hosting;

/// <summary>Where the local file vault keeps its Data Protection-encrypted secrets (section <c>LocalVault</c>).</summary>
public sealed class LocalVaultOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "LocalVault";

    /// <summary>Default folder, relative to the content root.</summary>
    public const string DefaultFolder = ".local/vault";

    /// <summary>The vault folder.</summary>
    public string Folder { get; set; } = DefaultFolder;
}

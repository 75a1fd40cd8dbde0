using WeChatDomains.Core.Profiles;

namespace WeChatDomains.Core.Tests.Profiles;

/// <summary>The planner as a table: (desired, observed) -&gt; changes, per list, with the validation's normalization rules.</summary>
public sealed class ProfilePlannerTests
{
    private static readonly DomainProfile Registered = ProfileDocuments.Valid(ProfileDocuments.Registered);
    private static readonly DomainProfile Direct = ProfileDocuments.Valid(ProfileDocuments.Direct);

    private static Dictionary<string, IReadOnlyList<string>> MatchingServer(DomainProfile p) =>
        DomainProfile.ServerListsOf(p.Mode).ToDictionary(l => l, l => p.Server[l]);

    /// <summary>list, observed entries of that list (the other lists match), expected add, expected remove.</summary>
    public static TheoryData<string, string[], string[], string[]> ServerCases => new()
    {
        { "requestdomain", [], ["https://api.example.com"], [] },
        { "requestdomain", ["https://api.example.com", "https://old.example.com"], [], ["https://old.example.com"] },
        { "requestdomain", ["https://old.example.com"], ["https://api.example.com"], ["https://old.example.com"] },
        { "wsrequestdomain", [], ["wss://api.example.com"], [] },
        { "uploaddomain", ["https://up.example.com"], [], ["https://up.example.com"] },
        { "downloaddomain", ["https://other.example.com"], ["https://cdn.example.com"], ["https://other.example.com"] },
        { "requestdomain", ["HTTPS://API.EXAMPLE.COM"], [], [] },
        { "requestdomain", ["https://api.example.com/"], [], [] },
        { "requestdomain", ["https://api.example.com."], [], [] },
        { "requestdomain", ["https://Api.Example.Com./", "https://api.example.com"], [], [] },
    };

    [Theory]
    [MemberData(nameof(ServerCases))]
    public void Plan_RegisteredServerList_AddsAndRemovesExactly(string list, string[] observed, string[] add, string[] remove)
    {
        var server = MatchingServer(Registered);
        server[list] = observed;

        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.OfPlatform(Registered.Mode, server, Registered.WebviewDomain));

        var expected = add.Length + remove.Length == 0 ? [] : new[] { new PlannedChange("modify_domain", list, add, remove) };
        Assert.Equal(Describe(expected), Describe(plan.Changes));
        Assert.Equal(expected.Length, plan.ModificationsNeeded);
    }

    [Theory]
    [InlineData(new string[0], new[] { "https://h5.example.com" }, new string[0])]
    [InlineData(new[] { "https://h5.example.com", "https://old.example.com" }, new string[0], new[] { "https://old.example.com" })]
    [InlineData(new[] { "HTTPS://H5.EXAMPLE.COM/" }, new string[0], new string[0])]
    public void Plan_Webview_AddsAndRemovesWithoutSpendingQuota(string[] observed, string[] add, string[] remove)
    {
        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.OfPlatform(Registered.Mode, MatchingServer(Registered), observed));

        var expected = add.Length + remove.Length == 0 ? [] : new[] { new PlannedChange("setwebviewdomain", "webviewdomain", add, remove) };
        Assert.Equal(Describe(expected), Describe(plan.Changes));
        Assert.Equal(0, plan.ModificationsNeeded);
        Assert.Equal(expected.Length, plan.Commands.Count);
    }

    [Theory]
    [InlineData("udpdomain", "udp://rt.example.com:8000")]
    [InlineData("tcpdomain", "tcp://rt.example.com:9000")]
    public void Plan_DirectMode_ComparesUdpAndTcpThroughModifyDomainDirectly(string list, string entry)
    {
        var server = MatchingServer(Direct);
        server[list] = [];

        var plan = ProfilePlanner.Plan(Direct, ObservedDomains.OfPlatform(Direct.Mode, server, Direct.WebviewDomain));

        Assert.Equal(Describe([new PlannedChange("modify_domain_directly", list, [entry], [])]), Describe(plan.Changes));
        Assert.Equal("set", (string?)plan.Commands.Single().Body["action"]);
        Assert.Equal("modify_domain_directly", plan.Commands.Single().Api);
    }

    [Fact]
    public void Plan_RegisteredMode_IgnoresUdpAndTcpTheApiCannotSet()
    {
        var server = MatchingServer(Registered);
        server["udpdomain"] = ["udp://rt.example.com"];

        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.OfPlatform(Registered.Mode, server, Registered.WebviewDomain));

        Assert.True(plan.Matches, $"{plan.Changes.Count} changes: {Describe(plan.Changes)}");
    }

    [Fact]
    public void Plan_SeveralServerListsDiffer_OneSetHoldingEveryList()
    {
        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.OfPlatform(Registered.Mode, new Dictionary<string, IReadOnlyList<string>>(), []));

        var server = plan.Commands.Where(c => c.Api == "modify_domain").ToList();
        Assert.Single(server);
        Assert.Equal(1, plan.ModificationsNeeded);
        Assert.Equal(2, plan.Commands.Count);
        Assert.Equal("""{"action":"set","requestdomain":["https://api.example.com"],"wsrequestdomain":["wss://api.example.com"],"uploaddomain":[],"downloaddomain":["https://cdn.example.com"]}""", server[0].Body.ToJsonString());
    }

    [Fact]
    public void Plan_ProfileClearsEveryServerList_DeletesWhatIsThereInsteadOfAnEmptySet()
    {
        var empty = ProfileDocuments.Valid("""{"mode":"direct"}""");
        var observed = new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = ["https://old.example.com"] };

        var plan = ProfilePlanner.Plan(empty, ObservedDomains.OfPlatform(empty.Mode, observed, []));

        Assert.Equal("""{"action":"delete","requestdomain":["https://old.example.com"]}""", plan.Commands.Single().Body.ToJsonString());
    }

    [Fact]
    public void Plan_Matching_NoCallAtAll()
    {
        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.OfPlatform(Registered.Mode, MatchingServer(Registered), Registered.WebviewDomain));

        Assert.True(plan.Matches);
        Assert.Empty(plan.Commands);
    }

    [Fact]
    public void Plan_NeverRead_PlansNothingAndDoesNotClaimAMatch()
    {
        var plan = ProfilePlanner.Plan(Registered, ObservedDomains.Unknown);

        Assert.False(plan.Observed);
        Assert.False(plan.Matches);
        Assert.Empty(plan.Commands);
    }

    /// <summary>Issue 15 drift: a domain added in WeChat's console is in the Mini Program's own (mp) lists, out of the platform's reach.</summary>
    [Fact]
    public void Plan_ConsoleAddedADomain_ListedAsNotCorrectableWithNoCommand()
    {
        var observed = new ObservedDomains(
            new DomainLists(MatchingServer(Registered), Registered.WebviewDomain),
            DomainLists.Empty,
            new DomainLists(new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = ["https://IMG.example.com/"] }, ["https://console.example.com"]),
            null);

        var plan = ProfilePlanner.Plan(Registered, observed);

        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Commands);
        Assert.False(plan.Matches, "a console-added domain must keep it from matching");
        Assert.True(plan.NothingToApply);
        Assert.Equal(
            "get_effective_domain.requestdomain mp [https://img.example.com] | get_effective_webviewdomain.webviewdomain mp [https://console.example.com]",
            string.Join(" | ", plan.Uncorrectable.Select(u => $"{u.Api}.{u.List} {u.Source} [{string.Join(",", u.Extra)}]")));
        Assert.All(plan.Uncorrectable, u => Assert.Equal(ProfilePlanner.ConsoleReason, u.Reason));
    }

    [Fact]
    public void Plan_ProfileDomainOnlyInTheConsoleLists_NotMissingSinceWeChatUsesIt()
    {
        var third = MatchingServer(Registered);
        third["downloaddomain"] = [];
        var mp = new Dictionary<string, IReadOnlyList<string>> { ["downloaddomain"] = ["https://cdn.example.com"] };

        var plan = ProfilePlanner.Plan(Registered, new ObservedDomains(new DomainLists(third, Registered.WebviewDomain), DomainLists.Empty, new DomainLists(mp, []), null));

        Assert.True(plan.Matches, $"changes: {Describe(plan.Changes)}; not correctable: {plan.Uncorrectable.Count}");
    }

    [Fact]
    public void Plan_ConsoleRemovedAProfileDomain_MissingAndOneSetPutsItInThePlatformsLists()
    {
        var third = MatchingServer(Registered);
        third["downloaddomain"] = [];

        var plan = ProfilePlanner.Plan(Registered, new ObservedDomains(new DomainLists(third, Registered.WebviewDomain), DomainLists.Empty, DomainLists.Empty, null));

        Assert.Equal("modify_domain.downloaddomain +[https://cdn.example.com] -[]", Describe(plan.Changes));
        Assert.Empty(plan.Uncorrectable);
        Assert.Equal("""["https://cdn.example.com"]""", plan.Commands.Single().Body["downloaddomain"]!.ToJsonString());
    }

    [Fact]
    public void Plan_ExtraInTheConsoleAndThePlatformsLists_PlatformsPartCorrectableConsolePartNot()
    {
        var extra = "https://old.example.com";
        var third = MatchingServer(Registered);
        third["requestdomain"] = ["https://api.example.com", extra];
        var mp = new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = [extra] };

        var plan = ProfilePlanner.Plan(Registered, new ObservedDomains(new DomainLists(third, Registered.WebviewDomain), DomainLists.Empty, new DomainLists(mp, []), null));

        Assert.Equal($"modify_domain.requestdomain +[] -[{extra}]", Describe(plan.Changes));
        Assert.Equal("requestdomain mp " + extra, string.Join(" | ", plan.Uncorrectable.Select(u => $"{u.List} {u.Source} {string.Join(",", u.Extra)}")));
        Assert.Single(plan.Commands);
    }

    [Fact]
    public void Plan_DirectProfile_ThirdListsAreForeignAndTheDirectListsAreItsOwn()
    {
        var direct = MatchingServer(Direct);
        var third = new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = ["https://legacy.example.com"] };

        var plan = ProfilePlanner.Plan(Direct, new ObservedDomains(new DomainLists(third, []), new DomainLists(direct, Direct.WebviewDomain), DomainLists.Empty, null));

        Assert.Empty(plan.Changes);
        Assert.Equal("requestdomain third https://legacy.example.com", string.Join(" | ", plan.Uncorrectable.Select(u => $"{u.List} {u.Source} {string.Join(",", u.Extra)}")));
    }

    [Fact]
    public void Plan_OnlyTheConsoleListsWereRead_Unobserved()
    {
        var plan = ProfilePlanner.Plan(Registered, new ObservedDomains(DomainLists.Unknown, DomainLists.Empty, DomainLists.Empty, null));

        Assert.False(plan.Observed);
    }

    private static string Describe(IEnumerable<PlannedChange> changes) =>
        string.Join(" | ", changes.Select(c => $"{c.Api}.{c.List} +[{string.Join(",", c.Add)}] -[{string.Join(",", c.Remove)}]"));
}

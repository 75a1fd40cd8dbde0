using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tests.Processing;

public sealed class OutcomePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 15, 30, TimeSpan.Zero);

    private static OutcomePolicy CreateSut() => new(new ProcessingOptions());

    [Theory]
    [InlineData(WeChatErrorClass.Success)]
    [InlineData(WeChatErrorClass.NoChange)]
    public void Decide_SuccessClasses_SucceedAndComplete(WeChatErrorClass errorClass)
    {
        var decision = CreateSut().Decide(errorClass, 1, Now, 0.5, "ok");

        Assert.Equal(CommandState.Succeeded, decision.State);
        Assert.IsType<Disposition.Complete>(decision.Disposition);
    }

    [Theory]
    [InlineData(WeChatErrorClass.Transient)]
    [InlineData(WeChatErrorClass.TokenInvalid)]
    [InlineData(WeChatErrorClass.Unknown)]
    public void Decide_RetryableClassWithinBudget_RetriesAfterADelayThroughTheQueue(WeChatErrorClass errorClass)
    {
        var decision = CreateSut().Decide(errorClass, 1, Now, 0.5, "-1 system error");

        Assert.Equal(CommandState.Deferred, decision.State);
        var retry = Assert.IsType<Disposition.RetryAfter>(decision.Disposition);
        Assert.InRange(retry.Delay, ProcessingConstants.RetryBaseDelay / 2, ProcessingConstants.RetryBaseDelay);
        Assert.Equal(DeferralWake.Queue, decision.WakeBy);
        Assert.Equal(Now + retry.Delay, decision.NextAttemptAt);
    }

    [Fact]
    public void Decide_TransientAtAttemptBudget_FailsAndDeadLetters()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.Transient, ProcessingConstants.MaxAttempts, Now, 0.5, "-1");

        Assert.Equal(CommandState.Failed, decision.State);
        Assert.Equal("Transient", Assert.IsType<Disposition.DeadLetter>(decision.Disposition).Reason);
    }

    [Fact]
    public void Decide_UnknownCode_FailsAfterItsSmallerBudget()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.Unknown, ProcessingConstants.UnknownCodeAttempts, Now, 0.5, "12345");

        Assert.Equal(CommandState.Failed, decision.State);
        Assert.Equal("Unknown", Assert.IsType<Disposition.DeadLetter>(decision.Disposition).Reason);
    }

    [Theory]
    [InlineData(WeChatErrorClass.Configuration)]
    [InlineData(WeChatErrorClass.InvalidRequest)]
    [InlineData(WeChatErrorClass.AuthorizationLost)]
    public void Decide_NonRetryableClass_FailsAtOnce(WeChatErrorClass errorClass)
    {
        var decision = CreateSut().Decide(errorClass, 1, Now, 0.5, "85018");

        Assert.Equal(CommandState.Failed, decision.State);
        Assert.Equal(errorClass.ToString(), Assert.IsType<Disposition.DeadLetter>(decision.Disposition).Reason);
        Assert.Null(decision.NextAttemptAt);
    }

    [Fact]
    public void Decide_TicketInvalid_DefersForTheNextPushByTimer()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.TicketInvalid, 1, Now, 0.5, "61006");

        Assert.Equal(Now + TimeSpan.FromMinutes(10), Assert.IsType<Disposition.Deferred>(decision.Disposition).Until);
        Assert.Equal(DeferralWake.Timer, decision.WakeBy);
    }

    [Fact]
    public void Decide_RateLimited_DefersToTheNextMinutePlusJitter()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.RateLimited, 1, Now, 0.5, "45011");

        var until = Assert.IsType<Disposition.Deferred>(decision.Disposition).Until;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 16, 0, TimeSpan.Zero) + (ProcessingConstants.RateLimitJitter / 2), until);
    }

    [Fact]
    public void Decide_DailyQuota_DefersToMidnightCst()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.DailyQuota, 1, Now, 0.5, "45009");

        // 10:15 UTC is 18:15 CST; the next CST midnight is 16:00 UTC the same day.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), Assert.IsType<Disposition.Deferred>(decision.Disposition).Until);
    }

    [Fact]
    public void Decide_MonthlyQuota_DefersToTheFirstOfNextMonthCst()
    {
        var decision = CreateSut().Decide(WeChatErrorClass.MonthlyQuota, 1, Now, 0.5, "86102");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, ChinaTime.Offset), Assert.IsType<Disposition.Deferred>(decision.Disposition).Until);
        Assert.Equal(CommandState.Deferred, decision.State);
    }

    [Fact]
    public void RetryDelay_GrowsExponentiallyUpToTheCap()
    {
        var sut = CreateSut();

        Assert.True(sut.RetryDelay(3, 0.99) > sut.RetryDelay(2, 0.99));
        Assert.True(sut.RetryDelay(30, 0.99) <= ProcessingConstants.RetryMaxDelay);
    }

    [Fact]
    public void Decide_EveryClass_HasADecision()
    {
        var sut = CreateSut();

        foreach (var errorClass in Enum.GetValues<WeChatErrorClass>())
        {
            Assert.NotNull(sut.Decide(errorClass, 1, Now, 0.1, "x").Disposition);
        }
    }
}

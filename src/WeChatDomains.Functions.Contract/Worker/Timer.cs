// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Extensions.Timer.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirror of <c>TimerTriggerAttribute</c>.</summary>
public sealed class TimerTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Mirror of <c>TimerTriggerAttribute(string schedule)</c>; <see cref="UseMonitor"/> starts true.</summary>
    public TimerTriggerAttribute(string schedule)
    {
        Schedule = schedule;
        UseMonitor = true;
    }

    /// <summary>The NCRONTAB expression (or %setting%).</summary>
    public string Schedule { get; private set; }

    /// <summary>Whether schedule occurrences are persisted.</summary>
    public bool UseMonitor { get; set; }

    /// <summary>Whether the function also runs when the host starts.</summary>
    public bool RunOnStartup { get; set; }
}

/// <summary>Mirror of <c>TimerInfo</c>.</summary>
public class TimerInfo
{
    /// <summary>The schedule's last and next occurrences.</summary>
    public ScheduleStatus? ScheduleStatus { get; set; }

    /// <summary>Whether this run is later than scheduled.</summary>
    public bool IsPastDue { get; set; }
}

/// <summary>Mirror of <c>ScheduleStatus</c>.</summary>
public class ScheduleStatus
{
    /// <summary>The last occurrence.</summary>
    public DateTime Last { get; set; }

    /// <summary>The next occurrence.</summary>
    public DateTime Next { get; set; }

    /// <summary>When the status was last written.</summary>
    public DateTime LastUpdated { get; set; }
}

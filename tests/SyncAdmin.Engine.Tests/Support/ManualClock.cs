namespace SyncAdmin.Engine.Tests.Support;

/// <summary>A clock a test moves by hand (for "older than 7 days" and lease expiry).</summary>
public sealed class ManualClock : TimeProvider
{
    public ManualClock(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

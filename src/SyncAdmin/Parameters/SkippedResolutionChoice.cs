using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Parameters;

/// <summary>Resolve-SkippedRecord's parameter set as the engine's resolution, and the words ShouldProcess uses for it.</summary>
internal static class SkippedResolutionChoice
{
    public static SkippedResolution From(Side? keep, bool retry, bool restore, bool removeCoupling)
    {
        var chosen = (keep is null ? 0 : 1) + (retry ? 1 : 0) + (restore ? 1 : 0) + (removeCoupling ? 1 : 0);
        if (chosen != 1) throw new ArgumentException("Choose one of -Keep, -Retry, -Restore or -RemoveCoupling.");
        if (keep is not null) return keep == Side.Local ? SkippedResolution.KeepLocal : SkippedResolution.KeepIntegration;
        return retry ? SkippedResolution.Retry : restore ? SkippedResolution.Restore : SkippedResolution.RemoveCoupling;
    }

    public static string Action(SkippedResolution resolution) => resolution switch
    {
        SkippedResolution.KeepLocal => "Keep the local record's values and synchronize them now",
        SkippedResolution.KeepIntegration => "Keep the integration record's values and synchronize them now",
        SkippedResolution.Retry => "Clear the skipped flag so the next run synchronizes the record",
        SkippedResolution.Restore => "Recreate the deleted record from the one that still exists",
        _ => "Remove the coupling",
    };
}

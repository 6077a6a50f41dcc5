namespace SyncAdmin.Parameters;

/// <summary>When a bulk deletion asks "are you sure?" on top of ShouldProcess. Never under -Force; never when -Confirm was
/// given either way (-Confirm already asked; -Confirm:$false means a runbook said yes). Otherwise it asks.</summary>
internal static class ConfirmationRule
{
    public static bool AsksToContinue(bool force, bool confirmGiven) => !force && !confirmGiven;
}

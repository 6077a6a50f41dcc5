namespace SyncAdmin.Parameters;

/// <summary>When a bulk deletion asks "are you sure?" on top of ShouldProcess. Never under -Force; never when -Confirm was
/// given either way (-Confirm already asked; -Confirm:$false means a runbook said yes). Otherwise it asks.</summary>
internal static class ConfirmationRule
{
    public static bool AsksToContinue(bool force, bool confirmGiven) => !force && !confirmGiven;

    /// <summary>-Force without -Confirm and without -WhatIf goes ahead without ShouldProcess, so not even a lowered
    /// $ConfirmPreference makes a runbook prompt. -WhatIf still only reports.</summary>
    public static bool BypassesShouldProcess(bool force, bool confirmGiven, bool whatIf) => force && !confirmGiven && !whatIf;
}

namespace SyncAdmin.Parameters;

/// <summary>The local and integration keys a cmdlet was given for one record. PowerShell binds a piped $null to a
/// [string] parameter as "", so empty means "not given".</summary>
internal sealed record RecordKeys(string? Local, string? Integration)
{
    public static RecordKeys Of(string? local, string? integration) =>
        new(string.IsNullOrEmpty(local) ? null : local, string.IsNullOrEmpty(integration) ? null : integration);

    public bool IsEmpty => Local is null && Integration is null;

    public string Describe(string mapping) =>
        (Local, Integration) switch
        {
            (not null, not null) => $"{mapping} local {Local} <-> integration {Integration}",
            (not null, null) => $"{mapping} local {Local}",
            _ => $"{mapping} integration {Integration}",
        };
}

# SyncAdmin, loaded from a clone after building:  dotnet build; Import-Module ./SyncAdmin.psd1
# The module itself (SyncAdmin.dll, views, help, its dependencies folder) is laid out by the build in out/SyncAdmin, with
# its own manifest (module/SyncAdmin.psd1); this manifest nests it so help and views resolve from that folder.
@{
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = 'cd056c16-b662-40a3-bea8-8bb22fdd77eb'
    Author               = 'SyncAdmin contributors'
    CompanyName          = 'SyncAdmin'
    Copyright            = '(c) SyncAdmin contributors.'
    Description          = 'Keeps records of two business systems in sync and gives administrators the synchronization error log, skipped records and manual coupling (development manifest; run dotnet build first).'
    PowerShellVersion    = '7.4'
    NestedModules        = @('out/SyncAdmin/SyncAdmin.psd1')
    CmdletsToExport      = @(
        'Connect-SyncStore'
        'Set-IntegrationMapping'
        'Get-IntegrationMapping'
        'Invoke-RecordSync'
        'Get-SyncJob'
        'Get-SyncError'
        'Remove-SyncError'
        'Get-SkippedRecord'
        'Resolve-SkippedRecord'
        'Get-Coupling'
        'New-Coupling'
        'Remove-Coupling'
        'Remove-IntegrationMapping'
        'Test-SyncSetup'
        'Get-SyncRecord'
        'Remove-SyncJob'
        'Compare-SyncedRecord'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}

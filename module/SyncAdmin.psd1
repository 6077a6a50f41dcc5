# The manifest of the installable module: the build copies it to out/SyncAdmin/ beside SyncAdmin.dll.
# Copy out/SyncAdmin to a folder on $env:PSModulePath to install. (The top-level SyncAdmin.psd1 loads this one from a clone.)
@{
    RootModule           = 'SyncAdmin.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = 'cd056c16-b662-40a3-bea8-8bb22fdd77eb'
    Author               = 'SyncAdmin contributors'
    CompanyName          = 'SyncAdmin'
    Copyright            = '(c) SyncAdmin contributors.'
    Description          = 'Keeps records of two business systems in sync (integration table mappings, couplings, watermarks) and gives administrators the synchronization error log, skipped records and manual coupling, in the manner of Business Central and Dataverse.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('SyncAdmin.format.ps1xml')
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
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Sync', 'Integration', 'ERP', 'CRM', 'BusinessCentral', 'Dataverse', 'SQLite', 'SqlServer')
            ReleaseNotes = 'First version: mappings from YAML, synchronization with content-based change detection, error log, skipped records, couplings.'
        }
    }
}

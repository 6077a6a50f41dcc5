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
        'Remove-IntegrationMapping'
        'Test-SyncSetup'
        'Get-SyncRecord'
        'Remove-SyncJob'
        'Compare-SyncedRecord'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Sync', 'Synchronization', 'Integration', 'ERP', 'CRM', 'BusinessCentral', 'Dataverse', 'SQLite', 'SqlServer', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # The project's home and licence (LICENSE at the root of the repository).
            ProjectUri   = 'https://github.com/syncadmin/SyncAdmin'
            LicenseUri   = 'https://github.com/syncadmin/SyncAdmin/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0
- Mappings from YAML, synchronization with content-based change detection, the error log, skipped records, couplings.
- Pipelines are typed where they delete or resolve: Remove-SyncError takes only sync errors, Remove-Coupling only
  couplings, Resolve-SkippedRecord only skipped records, couplings and errors. Errors and skipped records lead to their
  coupling and back (Get-SyncError | Get-Coupling | Get-SyncError).
- Views laid out for 120 columns (counters and status first, messages wrapped) that still show the counters at 80.
- Times are DateTimeOffset (UTC); -PassThru on Resolve-SkippedRecord; a missing id asked for by id is an error;
  Invoke-RecordSync -Verbose names connections, watermarks, pages and counters.
- The troubleshooting kit: Test-SyncSetup (setup checks before a run), Get-SyncRecord (the live rows behind an error),
  watermarks moved with Set-IntegrationMapping, Get-SyncError -Summary/-Category/-Direction, Remove-SyncJob -OlderThan,
  Compare-SyncedRecord (drift, lost counterparts, candidate matches) piping into New-Coupling.
'@
        }
    }
}

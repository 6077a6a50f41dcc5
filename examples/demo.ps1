#!/usr/bin/env pwsh
#Requires -Version 7.4
<#
.SYNOPSIS
    The seeds' story with the SyncAdmin cmdlets: first sync, edits on both sides, a conflict, an error from a deleted
    record, reading the log, resolving, purging old errors.
.DESCRIPTION
    Creates a fresh ERP (erp.db) and CRM (crm.db) from examples/erp.sql and crm.sql in -Folder, imports
    examples/mappings.yaml (a one-way CURRENCY mapping and a bidirectional CUSTOMER mapping) into a new store there, and
    walks the administrator's workflow. The ERP and CRM users' edits are plain SQL, run by examples/SyncAdmin.Demo.
    Build first (dotnet build): the module is imported from ./SyncAdmin.psd1.
.EXAMPLE
    ./examples/demo.ps1
#>
[CmdletBinding()]
param([string] $Folder = (Join-Path ([IO.Path]::GetTempPath()) 'syncadmin-demo-ps'))

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
Import-Module (Join-Path $root 'SyncAdmin.psd1') -Force

$tool = Get-ChildItem -Path (Join-Path $PSScriptRoot 'SyncAdmin.Demo/bin') -Filter 'SyncAdmin.Demo.dll' -Recurse -ErrorAction SilentlyContinue |
    Sort-Object LastWriteTime -Descending | Select-Object -First 1 -ExpandProperty FullName
if (-not $tool) { throw 'Build first: dotnet build (examples/SyncAdmin.Demo edits the sample databases).' }

function Invoke-Sql([string] $Database, [string] $Sql) {
    $output = & dotnet $tool sql (Join-Path $Folder $Database) $Sql
    if ($LASTEXITCODE -ne 0) { throw "SQL failed: $Sql" }
    if ($Sql -match '^\s*SELECT') { $output | ConvertFrom-Json }
}
function Get-Stamp { [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture) }
function Edit-Customer([string] $No, [string] $Set) { Invoke-Sql erp.db "UPDATE Customer SET $Set, LastModifiedAt = '$(Get-Stamp)' WHERE No = '$No'" }
function Edit-Account([string] $Number, [string] $Set) { Invoke-Sql crm.db "UPDATE account SET $Set, modifiedon = '$(Get-Stamp)' WHERE accountnumber = '$Number'" }
function Show-Accounts { Invoke-Sql crm.db 'SELECT accountnumber, name, telephone1, emailaddress1, creditlimit FROM account ORDER BY accountnumber' | Format-Table | Out-Host }
function Step([string] $Title, [string] $Command) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    Write-Host "   PS> $Command" -ForegroundColor DarkGray
}

Remove-Item -Path $Folder -Recurse -Force -ErrorAction SilentlyContinue
& dotnet $tool create $Folder | Out-Null
$env:SYNCADMIN_DEMO = $Folder          # the mapping file's connection strings say ${env:SYNCADMIN_DEMO}
Write-Host "Folder: $Folder"
Write-Host 'ERP (erp.db): 2 currencies, 4 customers (40000 is blocked). CRM (crm.db): empty.'

Step '1. Connect to a new store and import the mappings' 'Connect-SyncStore -Path store.db -Create; Set-IntegrationMapping -Path mappings.yaml -PassThru'
Connect-SyncStore -Path (Join-Path $Folder 'store.db') -Create
Set-IntegrationMapping -Path (Join-Path $PSScriptRoot 'mappings.yaml') -PassThru | Format-Table | Out-Host

Step '2. First synchronization' 'Invoke-RecordSync'
Invoke-RecordSync | Format-Table | Out-Host
Show-Accounts

Step '3. Edits on both sides' 'Invoke-RecordSync -Name CUSTOMER'
Write-Host 'ERP: customer 10000''s phone becomes 555-0199. CRM: Trey Research''s e-mail becomes contact@treyresearch.example.'
Edit-Customer 10000 "Phone = '555-0199'"
Edit-Account 20000 "emailaddress1 = 'contact@treyresearch.example'"
Invoke-RecordSync -Name CUSTOMER | Format-Table | Out-Host
Show-Accounts

Step '4. A conflict, and a record deleted in one app' 'Invoke-RecordSync   (twice)'
Write-Host 'Both apps change customer 10000''s credit limit (ERP 7500, CRM 9000). The CRM deletes the account of 30000; the ERP then edits 30000.'
Edit-Customer 10000 'CreditLimit = 7500'
Edit-Account 10000 'creditlimit = 9000'
Invoke-Sql crm.db "DELETE FROM account WHERE accountnumber = '30000'"
Edit-Customer 30000 "Phone = '555-0333'"
Invoke-RecordSync | Format-Table | Out-Host
Write-Host 'Again: a record that fails twice with the same message is skipped until an admin resolves it.'
Invoke-RecordSync | Format-Table | Out-Host

Step '5. Read the error log' 'Get-SyncError'
Get-SyncError | Format-Table | Out-Host

Step '6. Look at the skipped records' 'Get-SkippedRecord | Format-List;  (Get-SkippedRecord)[0].Fields'
Get-SkippedRecord | Format-List | Out-Host
Get-SkippedRecord | Where-Object LocalKey -EQ '10000' | Select-Object -ExpandProperty Fields | Format-Table | Out-Host

Step '7. Resolve the conflict: keep the ERP''s credit limit' 'Get-SkippedRecord | Where-Object LocalKey -eq 10000 | Resolve-SkippedRecord -Keep Local'
Get-SkippedRecord | Where-Object LocalKey -EQ '10000' | Resolve-SkippedRecord -Keep Local | Format-Table | Out-Host
Show-Accounts

Step '8. Clean up the log' 'Remove-SyncError -OlderThan 7 -PassThru;  Remove-SyncError -All -Force -PassThru'
Write-Host "Entries older than 7 days removed: $(Remove-SyncError -OlderThan 7 -PassThru) (none is that old yet)."
Write-Host "All entries removed: $(Remove-SyncError -All -Force -PassThru)."
Write-Host 'Customer 30000 is still skipped and still says why (the reason lives on the coupling, not in the log):'
Get-SkippedRecord | Format-Table | Out-Host

Step '9. Restore the deleted account' 'Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -Restore'
Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -Restore | Format-Table | Out-Host
Show-Accounts

Step '10. Everything is in step' 'Invoke-RecordSync; Get-IntegrationMapping'
Invoke-RecordSync | Format-Table | Out-Host
Get-IntegrationMapping | Format-Table | Out-Host

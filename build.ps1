#!/usr/bin/env pwsh
#Requires -Version 7.4
<#
.SYNOPSIS
    Builds SyncAdmin, lays out the module in out/SyncAdmin, and runs the tests: xunit, then the Pester suite.
.DESCRIPTION
    The same layout comes from a plain dotnet build (or dotnet publish) of src/SyncAdmin, so machines without pwsh can
    build the module; this script adds the Pester suite, which needs pwsh.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Configuration Debug -SkipPester
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')][string] $Configuration = 'Release',
    [switch] $SkipTests,
    [switch] $SkipPester
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Step([string] $Title, [scriptblock] $Command) {
    Write-Host "== $Title" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Title failed (exit code $LASTEXITCODE)." }
}

Invoke-Step 'Build (and lay out out/SyncAdmin)' { dotnet build SyncAdmin.sln -c $Configuration }
if (-not $SkipTests) {
    Invoke-Step 'xunit tests' { dotnet test SyncAdmin.sln -c $Configuration --no-build }
    if (-not $SkipPester) {
        # A separate pwsh, so this session's modules and preferences play no part.
        $env:SYNCADMIN_SAMPLE_TOOL = Join-Path $PSScriptRoot "examples/SyncAdmin.Demo/bin/$Configuration/net10.0/SyncAdmin.Demo.dll"
        Invoke-Step 'Pester suite' { & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/pester/run.ps1') }
    }
}
Write-Host "The module is in $(Join-Path $PSScriptRoot 'out/SyncAdmin'). Load it with: Import-Module ./SyncAdmin.psd1"

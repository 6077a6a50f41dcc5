#!/usr/bin/env pwsh
#Requires -Version 7.4
<#
.SYNOPSIS
    Builds SyncAdmin, lays out the module in out/SyncAdmin, and runs every test: xunit and the Pester suite.
.DESCRIPTION
    The same as the README's commands: dotnet build lays out the module (as does dotnet publish of src/SyncAdmin), and
    dotnet test runs the xunit projects and the Pester suite (tests/pester/SyncAdmin.Pester.csproj runs it in the
    PowerShell pinned in .config/dotnet-tools.json, a local .NET tool, whichever pwsh runs this script).
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Configuration Debug -SkipPester
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')][string] $Configuration = 'Release',
    [switch] $SkipTests,
    # Runs only the xunit tests; dotnet test says that the Pester suite was skipped.
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
    $pester = if ($SkipPester) { @('-p:SkipPester=true') } else { @() }
    Invoke-Step 'Tests: xunit and Pester' { dotnet test SyncAdmin.sln -c $Configuration --no-build @pester }
}
Write-Host "The module is in $(Join-Path $PSScriptRoot 'out/SyncAdmin'). Load it with: Import-Module ./SyncAdmin.psd1"

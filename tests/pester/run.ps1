#!/usr/bin/env pwsh
# Runs the Pester suite against the built module (build first: dotnet build, or build.ps1).
# Installs Pester 5 for the current user when it is missing. Exits non-zero when a test fails.
[CmdletBinding()]
param([string] $Path = $PSScriptRoot, [string] $ResultFile)

$ErrorActionPreference = 'Stop'
$pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0' | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) {
    Write-Host 'Pester 5 is not installed; installing it for the current user.'
    Install-Module -Name Pester -MinimumVersion 5.0.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.0.0

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ResultFile) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $ResultFile
}
Invoke-Pester -Configuration $configuration

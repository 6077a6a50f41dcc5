#!/usr/bin/env pwsh
#Requires -Version 7.4
<#
.SYNOPSIS
    Lists every package the module ships and fails on a version known to be vulnerable, or on a README that lists
    something else than what ships.
.DESCRIPTION
    Reads the engine's .deps.json in the laid-out module (out/SyncAdmin/dependencies), which names every package whose
    files are in the module folder, with its version. Each is checked against known-vulnerable.csv (package, affected
    ranges, advisory, fixed versions: a small list kept with the code, starting with the SqlClient advisory of CVE-2024-0056).
    The README's install section lists what ships between its "shipped-dependencies" markers; a list that drifted from
    the deps file fails too. Exit code 0: all clear; 1: a problem, each one printed.
.EXAMPLE
    dotnet pwsh tools/dependencies/Test-ShippedDependencies.ps1
#>
[CmdletBinding()]
param(
    [string] $DepsFile = (Join-Path $PSScriptRoot '../../out/SyncAdmin/dependencies/SyncAdmin.Engine.deps.json'),
    [string] $Advisories = (Join-Path $PSScriptRoot 'known-vulnerable.csv'),
    # The README whose list of shipped packages must match; empty to skip that check.
    [string] $Readme = (Join-Path $PSScriptRoot '../../README.md')
)

$ErrorActionPreference = 'Stop'

# True when $Version falls in one NuGet-style range: "<1.2.3", "[1.0.0,1.2.3)", "[1.0.0,1.2.3]", "(1.0.0,)".
function Test-InRange([version] $Version, [string] $Range) {
    $Range = $Range.Trim()
    if ($Range.StartsWith('<')) { return $Version -lt [version]$Range.Substring(1) }
    if ($Range -notmatch '^(?<open>[\[(])\s*(?<low>[^,]*)\s*,\s*(?<high>[^\])]*)\s*(?<close>[\])])$') { throw "Cannot read the range '$Range' in $Advisories." }
    if ($Matches.low) {
        $low = [version]$Matches.low
        if ($Matches.open -eq '[' -and $Version -lt $low) { return $false }
        if ($Matches.open -eq '(' -and $Version -le $low) { return $false }
    }
    if ($Matches.high) {
        $high = [version]$Matches.high
        if ($Matches.close -eq ')' -and $Version -ge $high) { return $false }
        if ($Matches.close -eq ']' -and $Version -gt $high) { return $false }
    }
    $true
}

function ConvertTo-Version([string] $Text) { [version](($Text -split '[-+]')[0]) }

$deps = Get-Content -Raw -LiteralPath $DepsFile | ConvertFrom-Json -AsHashtable
$shipped = foreach ($library in $deps.libraries.GetEnumerator() | Where-Object { $_.Value.type -eq 'package' } | Sort-Object Key) {
    $name, $version = $library.Key -split '/', 2
    [pscustomobject]@{ Package = $name; Version = $version }
}
Write-Host "The module ships $(@($shipped).Count) packages ($DepsFile):"
$shipped | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

$problems = [System.Collections.Generic.List[string]]::new()
$known = Import-Csv -LiteralPath $Advisories
foreach ($package in $shipped) {
    foreach ($advisory in $known | Where-Object Package -EQ $package.Package) {
        $version = ConvertTo-Version $package.Version
        if ($advisory.Affected -split '\|' | Where-Object { Test-InRange $version $_ }) {
            $problems.Add("$($package.Package) $($package.Version) is vulnerable: $($advisory.Advisory). Fixed in $($advisory.Fixed).")
        }
    }
}

if ($Readme) {
    $text = Get-Content -Raw -LiteralPath $Readme
    if ($text -notmatch '(?s)<!-- shipped-dependencies -->(?<list>.*?)<!-- /shipped-dependencies -->') {
        $problems.Add("$Readme has no list of shipped packages between <!-- shipped-dependencies --> markers.")
    }
    else {
        $listed = @([regex]::Matches($Matches.list, '(?m)^\|\s*`?(?<name>[A-Za-z0-9._]+)`?\s*\|\s*(?<version>[0-9][^ |]*)\s*\|') |
            ForEach-Object { "$($_.Groups['name'].Value) $($_.Groups['version'].Value)" })
        $actual = @($shipped | ForEach-Object { "$($_.Package) $($_.Version)" })
        foreach ($missing in $actual | Where-Object { $_ -notin $listed }) { $problems.Add("$Readme does not list '$missing', which ships.") }
        foreach ($extra in $listed | Where-Object { $_ -notin $actual }) { $problems.Add("$Readme lists '$extra', which does not ship.") }
    }
}

if ($problems.Count -gt 0) {
    foreach ($problem in $problems) { Write-Host "FAIL: $problem" }
    exit 1
}
Write-Host "No shipped package is in a known-vulnerable range ($Advisories), and the README lists exactly what ships."
exit 0

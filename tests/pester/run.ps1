#!/usr/bin/env pwsh
# Runs the Pester suite against the built module. `dotnet test` calls it (tests/pester/SyncAdmin.Pester.csproj) with the
# Pester module it restored from NuGet; run by hand, it finds that same restored package. It never installs anything
# from the PowerShell Gallery. Exits non-zero when a test fails or none ran.
[CmdletBinding()]
param(
    [string] $Path = $PSScriptRoot,
    # Pester.psd1 of the pinned Pester package (its tools/ folder is the module).
    [string] $PesterModule,
    # The built examples/SyncAdmin.Demo.dll the suite edits the sample databases with.
    [string] $SampleTool,
    [string] $ResultFile,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Normal'
)

$ErrorActionPreference = 'Stop'
if (-not $PesterModule) {
    $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Packages.props'))
    $version = @($props.Project.PropertyGroup.PesterVersion | Where-Object { $_ })[0]
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $PesterModule = Join-Path $packages "pester/$version/tools/Pester.psd1"
}
if (-not (Test-Path -LiteralPath $PesterModule)) {
    throw "Pester is not restored ($PesterModule). Run: dotnet restore tests/pester/SyncAdmin.Pester.csproj (or dotnet test)."
}
if ($SampleTool) { $env:SYNCADMIN_SAMPLE_TOOL = $SampleTool }
# Where the suite finds the other versions of the dependencies it loads beside the module (restored with Pester).
$env:SYNCADMIN_NUGET_PACKAGES = (Resolve-Path (Join-Path (Split-Path -Parent $PesterModule) '../../..')).Path
Import-Module $PesterModule -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Output.Verbosity = $Verbosity
$configuration.Output.RenderMode = 'Plaintext'   # captured by MSBuild and CI logs: no ANSI escapes
if ($ResultFile) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $ResultFile
}
# The tests run with PowerShell's default preferences, not this script's.
$ErrorActionPreference = 'Continue'
Write-Host "Pester $((Get-Module Pester).Version) in PowerShell $($PSVersionTable.PSVersion) ($PSHOME)"
$configuration.Run.PassThru = $true
$result = Invoke-Pester -Configuration $configuration
if ($result.TotalCount -eq 0) { Write-Host 'No Pester test ran.'; exit 1 }
# Failed blocks and containers (a BeforeAll that threw, a file that does not parse) count as failures too.
if ($result.Result -ne 'Passed') {
    Write-Host "Pester: $($result.FailedCount) test(s), $($result.FailedBlocksCount) block(s), $($result.FailedContainersCount) file(s) failed."
    exit 1
}
exit 0

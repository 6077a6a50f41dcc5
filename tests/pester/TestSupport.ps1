# Helpers the Pester suite dot-sources. The sample ERP and CRM are created and edited with examples/SyncAdmin.Demo
# (built with the solution), the suite's stand-in for a sqlite3 client, so no other tool is needed.

# $PSScriptRoot inside a function is this file's folder, wherever the function is called from.
function Get-RepositoryRoot { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }

# The top-level manifest: Import-Module ./SyncAdmin.psd1 after building, as the README says.
function Get-ModuleManifestPath { Join-Path (Get-RepositoryRoot) 'SyncAdmin.psd1' }

function Get-SampleTool {
    if ($env:SYNCADMIN_SAMPLE_TOOL) { return $env:SYNCADMIN_SAMPLE_TOOL }
    $built = Get-ChildItem -Path (Join-Path (Get-RepositoryRoot) 'examples/SyncAdmin.Demo/bin') -Filter 'SyncAdmin.Demo.dll' -Recurse -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $built) { throw 'examples/SyncAdmin.Demo is not built; run dotnet build first.' }
    $built.FullName
}

function Invoke-SampleSql {
    param(
        [Parameter(Mandatory)][string] $Database,
        [Parameter(Mandatory)][string] $Sql,
        [switch] $Raw
    )
    $output = & dotnet (Get-SampleTool) sql $Database $Sql
    if ($LASTEXITCODE -ne 0) { throw "SQL failed on ${Database}: $Sql" }
    $text = $output -join "`n"
    if ($Raw) { return $text }
    if ($Sql -match '^\s*SELECT') { return @($text | ConvertFrom-Json) }
    [int]$text
}

# A fresh ERP, CRM and mapping file in TestDrive (the store is created by Connect-SyncStore).
function New-SampleSetting {
    param([string] $Name = 'sample')
    $directory = Join-Path $TestDrive $Name
    New-Item -ItemType Directory -Path $directory -Force | Out-Null
    & dotnet (Get-SampleTool) create $directory | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Could not create the sample databases in $directory" }
    $mappings = Join-Path $directory 'mappings.yaml'
    $template = Get-Content -Raw -Path (Join-Path (Get-RepositoryRoot) 'examples/mappings.yaml')
    # Forward slashes: a backslash starts an escape in a YAML double-quoted string.
    Set-Content -Path $mappings -Value $template.Replace('${env:SYNCADMIN_DEMO}', $directory.Replace('\', '/')) -NoNewline
    [pscustomobject]@{
        Directory = $directory
        Erp       = Join-Path $directory 'erp.db'
        Crm       = Join-Path $directory 'crm.db'
        Store     = Join-Path $directory 'store.db'
        Mappings  = $mappings
    }
}

# A sample whose store has two skipped records (a conflict on 10000, an account of 30000 deleted in the CRM) and their
# errors; the session is connected to it.
function New-TroubledSample {
    param([string] $Name = 'troubled')
    $sample = New-SampleSetting -Name $Name
    Connect-SyncStore -Path $sample.Store -Create
    Set-IntegrationMapping -Path $sample.Mappings
    Invoke-RecordSync | Out-Null
    Set-SampleCustomer $sample '10000' 'CreditLimit = 7500'
    Set-SampleAccount $sample '10000' 'creditlimit = 9000'
    Invoke-SampleSql $sample.Crm "DELETE FROM account WHERE accountnumber = '30000'" | Out-Null
    Set-SampleCustomer $sample '30000' "Phone = '555-0333'"
    Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
    Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
    $sample
}

# The text of one column of a rendered table, its wrapped lines joined: the column starts where its header starts and
# ends where the next header starts (or at the end of the line).
function Get-TableColumnText {
    param([Parameter(Mandatory)][string] $Table, [Parameter(Mandatory)][string] $Header)
    $lines = $Table -split "`r?`n"
    $headerLine = $lines | Where-Object { $_ -match "(^|\s)$([regex]::Escape($Header))(\s|$)" } | Select-Object -First 1
    if (-not $headerLine) { throw "No column '$Header' in:`n$Table" }
    $start = [regex]::Match($headerLine, "(?<=^|\s)$([regex]::Escape($Header))(?=\s|$)").Index
    $next = [regex]::Match($headerLine.Substring($start + $Header.Length), '\S')
    $end = if ($next.Success) { $start + $Header.Length + $next.Index } else { [int]::MaxValue }
    $body = $lines | Select-Object -Skip ([array]::IndexOf($lines, $headerLine) + 2)
    ($body | Where-Object { $_.Length -gt $start } | ForEach-Object { $_.Substring($start, [Math]::Min($end, $_.Length) - $start) }) -join ''
}

# What a command says under -WhatIf: ShouldProcess writes it to the host, not to a stream, so it is read from a transcript.
function Get-WhatIfText {
    param([Parameter(Mandatory)][scriptblock] $Script)
    $file = Join-Path $TestDrive "whatif-$([guid]::NewGuid().ToString('N')).txt"
    Start-Transcript -Path $file -UseMinimalHeader | Out-Null
    try { & $Script | Out-Null } finally { Stop-Transcript | Out-Null }
    Get-Content -Raw -LiteralPath $file
}

function Get-UtcStamp { [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", [Globalization.CultureInfo]::InvariantCulture) }

function Set-SampleCustomer {
    param($Sample, [string] $No, [string] $Assignments)
    Invoke-SampleSql $Sample.Erp "UPDATE Customer SET $Assignments, LastModifiedAt = '$(Get-UtcStamp)' WHERE No = '$No'" | Out-Null
}

function Set-SampleAccount {
    param($Sample, [string] $AccountNumber, [string] $Assignments)
    Invoke-SampleSql $Sample.Crm "UPDATE account SET $Assignments, modifiedon = '$(Get-UtcStamp)' WHERE accountnumber = '$AccountNumber'" | Out-Null
}

function Get-SampleAccount {
    param($Sample, [string] $AccountNumber)
    Invoke-SampleSql $Sample.Crm "SELECT * FROM account WHERE accountnumber = '$AccountNumber'" | Select-Object -First 1
}

# Every row of every table of the given databases, as text: equal snapshots mean nothing was written.
function Get-DatabaseSnapshot {
    param([string[]] $Database)
    $parts = foreach ($db in $Database) {
        if (-not (Test-Path -LiteralPath $db)) { "${db}: (no file)"; continue }
        foreach ($table in Invoke-SampleSql $db "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            "${db}/$($table.name): " + (Invoke-SampleSql $db "SELECT * FROM [$($table.name)] ORDER BY 1" -Raw)
        }
    }
    $parts -join "`n"
}

# Older versions of the module's dependencies (Directory.Packages.props, Beside*Version; restored by the suite's project),
# copied into one folder with the native SQLite for this platform, as another module would ship them.
function Get-OtherDependencyFolder {
    param([Parameter(Mandatory)][string] $Destination)
    $props = [xml](Get-Content -Raw (Join-Path (Get-RepositoryRoot) 'Directory.Packages.props'))
    $versions = $props.Project.PropertyGroup | Where-Object { $_.BesideSqlClientVersion } | Select-Object -First 1
    $packages = if ($env:SYNCADMIN_NUGET_PACKAGES) { $env:SYNCADMIN_NUGET_PACKAGES }
                elseif ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES }
                else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $platform = if ($IsWindows) { 'win' } else { 'unix' }
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $native = if ($IsWindows) { 'e_sqlite3.dll' } elseif ($IsMacOS) { 'libe_sqlite3.dylib' } else { 'libe_sqlite3.so' }
    $files = @(
        "microsoft.data.sqlclient/$($versions.BesideSqlClientVersion)/runtimes/$platform/lib/net6.0/Microsoft.Data.SqlClient.dll"
        "microsoft.data.sqlite.core/$($versions.BesideSqliteVersion)/lib/net8.0/Microsoft.Data.Sqlite.dll"
        "sqlitepclraw.core/$($versions.BesideSqlitePclRawVersion)/lib/netstandard2.0/SQLitePCLRaw.core.dll"
        "sqlitepclraw.provider.e_sqlite3/$($versions.BesideSqlitePclRawVersion)/lib/net6.0/SQLitePCLRaw.provider.e_sqlite3.dll"
        "sqlitepclraw.bundle_e_sqlite3/$($versions.BesideSqlitePclRawVersion)/lib/netstandard2.0/SQLitePCLRaw.batteries_v2.dll"
        "sqlitepclraw.lib.e_sqlite3/$($versions.BesideSqlitePclRawVersion)/runtimes/$rid/native/$native"
        "yamldotnet/$($versions.BesideYamlDotNetVersion)/lib/net8.0/YamlDotNet.dll"
    )
    New-Item -ItemType Directory -Path $Destination -Force | Out-Null
    foreach ($file in $files) {
        $path = Join-Path $packages $file
        if (-not (Test-Path -LiteralPath $path)) { throw "Not restored: $path (dotnet restore tests/pester/SyncAdmin.Pester.csproj)" }
        Copy-Item -LiteralPath $path -Destination $Destination
    }
    $Destination
}

# How to start this same PowerShell again. A pwsh installed as a .NET tool runs under the dotnet host, so the process
# path is dotnet's and pwsh.dll (in $PSHOME) must be named as its first argument.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'pwsh') { return , @($process) }
    , @($process, (Join-Path $PSHOME 'pwsh.dll'))
}

# Runs a script in a new, non-interactive pwsh (a runbook's situation) and returns its exit code and output.
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 180)
    $pwsh = Get-PwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Script)) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    $process = [System.Diagnostics.Process]::Start($start)
    $output = $process.StandardOutput.ReadToEndAsync()
    $errors = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "The child pwsh did not finish within $TimeoutSeconds seconds (a prompt waiting for input?)"
    }
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; Error = $errors.Result }
}

#Requires -Version 7.4
# The dependency check CI runs (tools/dependencies/Test-ShippedDependencies.ps1): it passes on what the module ships and
# fails on a version in a known-vulnerable range, at every boundary of a range, and on a README that lists something else.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $check = Join-Path (Get-RepositoryRoot) 'tools/dependencies/Test-ShippedDependencies.ps1'

    # A deps file naming the given packages, as the SDK writes one.
    function New-DepsFile([hashtable] $Packages) {
        $libraries = [ordered]@{ 'SyncAdmin.Engine/1.0.0' = @{ type = 'project' } }
        foreach ($name in $Packages.Keys) { $libraries["$name/$($Packages[$name])"] = @{ type = 'package'; serviceable = $true } }
        $path = Join-Path $TestDrive ("deps-" + [guid]::NewGuid().ToString('N') + '.json')
        @{ libraries = $libraries } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $path
        $path
    }

    function Invoke-Check([string[]] $Arguments) {
        $pwsh = Get-PwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $check @Arguments 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
}

Describe 'Test-ShippedDependencies' {
    It 'passes on the built module and lists what ships, SqlClient 7 among it' {
        $result = Invoke-Check @()
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Output | Should -Match 'Microsoft\.Data\.SqlClient\s+7\.'
        $result.Output | Should -Match 'Microsoft\.Data\.Sqlite\.Core\s+10\.'
        $result.Output | Should -Match 'YamlDotNet\s+18\.'
    }

    It 'fails on Microsoft.Data.SqlClient <_>, naming CVE-2024-0056 and the fixed versions' -ForEach '2.1.4', '1.0.19269.1', '3.0.0', '3.1.4', '4.0.4', '5.0.1', '5.1.2' {
        $deps = New-DepsFile @{ 'Microsoft.Data.SqlClient' = $_; 'YamlDotNet' = '18.1.0' }
        $result = Invoke-Check @('-DepsFile', $deps, '-Readme', '')
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match "Microsoft\.Data\.SqlClient $([regex]::Escape($_)) is vulnerable: CVE-2024-0056"
        $result.Output | Should -Match 'Fixed in 2\.1\.7, 3\.1\.5, 4\.0\.5, 5\.1\.3'
    }

    It 'passes Microsoft.Data.SqlClient <_>, outside every affected range' -ForEach '2.1.7', '3.1.5', '4.0.5', '5.1.3', '5.2.2', '6.1.1', '7.1.1' {
        $deps = New-DepsFile @{ 'Microsoft.Data.SqlClient' = $_ }
        (Invoke-Check @('-DepsFile', $deps, '-Readme', '')).ExitCode | Should -Be 0
    }

    It 'fails on the other packages of the list: <Package> <Version>' -ForEach @(
        @{ Package = 'System.Data.SqlClient'; Version = '4.8.5' }
        @{ Package = 'System.IdentityModel.Tokens.Jwt'; Version = '6.33.0' }
        @{ Package = 'Microsoft.IdentityModel.JsonWebTokens'; Version = '7.0.3' }
    ) {
        $result = Invoke-Check @('-DepsFile', (New-DepsFile @{ $Package = $Version }), '-Readme', '')
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match ([regex]::Escape("$Package $Version is vulnerable"))
    }

    It 'fails when the README lists a package that does not ship, or misses one that does' {
        $deps = New-DepsFile @{ 'YamlDotNet' = '18.1.0'; 'Microsoft.Data.Sqlite.Core' = '10.0.15' }
        $readme = Join-Path $TestDrive 'README.md'
        Set-Content -LiteralPath $readme -Value "<!-- shipped-dependencies -->`n| package | version | why |`n|---|---|---|`n| ``YamlDotNet`` | 16.3.0 | yaml |`n<!-- /shipped-dependencies -->"
        $result = Invoke-Check @('-DepsFile', $deps, '-Readme', $readme)
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match "lists 'YamlDotNet 16\.3\.0', which does not ship"
        $result.Output | Should -Match "does not list 'YamlDotNet 18\.1\.0'"
        $result.Output | Should -Match "does not list 'Microsoft\.Data\.Sqlite\.Core 10\.0\.15'"
    }
}

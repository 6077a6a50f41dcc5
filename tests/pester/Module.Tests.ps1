#Requires -Version 7.4
# The module as PowerShell sees it: exported cmdlets, help, views, tab completion, and its own load context.

BeforeDiscovery {
    $designCmdlets = @(
        'Connect-SyncStore', 'Set-IntegrationMapping', 'Get-IntegrationMapping', 'Invoke-RecordSync', 'Get-SyncJob', 'Get-SyncError',
        'Remove-SyncError', 'Get-SkippedRecord', 'Resolve-SkippedRecord', 'Get-Coupling', 'New-Coupling', 'Remove-Coupling',
        'Remove-IntegrationMapping', 'Test-SyncSetup', 'Get-SyncRecord', 'Remove-SyncJob', 'Compare-SyncedRecord')
    $viewTypes = @(
        'SyncAdmin.Engine.State.SyncJob', 'SyncAdmin.Engine.State.SyncError', 'SyncAdmin.Engine.Admin.MappingStatus',
        'SyncAdmin.Engine.Admin.SkippedRecord', 'SyncAdmin.Engine.Admin.FieldComparison', 'SyncAdmin.Engine.State.Coupling',
        'SyncAdmin.Engine.Admin.MappingChange', 'SyncAdmin.Engine.Sync.RecordPreview', 'SyncAdmin.SyncStoreInfo',
        'SyncAdmin.Engine.Admin.SetupCheckResult', 'SyncAdmin.Engine.Admin.SyncRecord', 'SyncAdmin.Engine.Admin.SyncErrorSummary',
        'SyncAdmin.Engine.Admin.WatermarkChange', 'SyncAdmin.Engine.Admin.ReconciliationFinding')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
    $designCmdlets = @(
        'Connect-SyncStore', 'Set-IntegrationMapping', 'Get-IntegrationMapping', 'Invoke-RecordSync', 'Get-SyncJob', 'Get-SyncError',
        'Remove-SyncError', 'Get-SkippedRecord', 'Resolve-SkippedRecord', 'Get-Coupling', 'New-Coupling', 'Remove-Coupling',
        'Remove-IntegrationMapping', 'Test-SyncSetup', 'Get-SyncRecord', 'Remove-SyncJob', 'Compare-SyncedRecord')
}

Describe 'Import-Module ./SyncAdmin.psd1' {
    It 'exports exactly the cmdlets of the design' {
        $commands = Get-Command -Module SyncAdmin
        $commands.Name | Sort-Object | Should -Be ($designCmdlets | Sort-Object)
        $commands.CommandType | Select-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'loads the cmdlets from the laid-out module folder' {
        $location = (Get-Command Get-SyncError).ImplementingType.Assembly.Location
        $location | Should -Be ([IO.Path]::GetFullPath((Join-Path (Get-RepositoryRoot) 'out/SyncAdmin/SyncAdmin.dll')))
    }
}

Describe 'Get-Help' {
    It '<_> has a synopsis, a description, every parameter described and an example' -ForEach $designCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$_ *"   # the generated stand-in when no help file is found
        ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object Name -NotIn $common) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $parameter.Name
            ($described.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $_ needs a description"
        }
    }

    It 'finds about_SyncAdmin when the module is installed from out/SyncAdmin' {
        $modules = Join-Path (Get-RepositoryRoot) 'out'
        $result = Invoke-ChildPwsh -Script "`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module SyncAdmin; Get-Help about_SyncAdmin | Out-String"
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'Views' {
    It 'has a view for <_>' -ForEach $viewTypes {
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty
    }
}

Describe 'A store and its mappings' {
    BeforeAll {
        $sample = New-SampleSetting
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
    }

    It 'completes mapping names with the tab key' {
        $line = 'Get-IntegrationMapping -Name CU'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('CURRENCY', 'CUSTOMER')
        $line = 'Resolve-SkippedRecord -Mapping CUS'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('CUSTOMER')
    }

    It 'formats its objects with the views (no errors, the columns of the view)' {
        Invoke-RecordSync | Out-Null
        $table = Get-SyncJob | Format-Table | Out-String
        $table | Should -Match 'Inserted'
        $table | Should -Match 'Unchanged'
        Get-IntegrationMapping | Format-Table | Out-String | Should -Match 'IntegrationTable'
    }
}

Describe 'Its own load context' {
    BeforeAll {
        $sample = New-SampleSetting
        # The first SQLite call (Connect-SyncStore) and the first YAML read (Set-IntegrationMapping) load the dependencies.
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        $dependencies = [IO.Path]::GetFullPath((Join-Path (Get-RepositoryRoot) 'out/SyncAdmin/dependencies'))
    }

    It 'maps e_sqlite3 from the module''s runtimes folder' {
        $native = (Get-Process -Id $PID).Modules.FileName | Where-Object { $_ -match 'e_sqlite3' }
        $native | Should -Not -BeNullOrEmpty
        $native | Where-Object { $_.StartsWith([IO.Path]::Combine($dependencies, 'runtimes')) } | Should -Not -BeNullOrEmpty
    }

    It 'loads <_> in the SyncAdmin load context, from the dependencies folder' -ForEach @('SyncAdmin.Engine', 'YamlDotNet', 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core') {
        $name = $_
        $assembly = [AppDomain]::CurrentDomain.GetAssemblies() |
            Where-Object { $_.GetName().Name -eq $name } |
            Where-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'SyncAdmin' }
        $assembly | Should -Not -BeNullOrEmpty
        $assembly.Location | Should -BeLike "$dependencies*"
    }
}

Describe 'Beside other versions of its dependencies (what dbatools, SqlServer or powershell-yaml load)' {
    BeforeAll {
        $other = Get-OtherDependencyFolder -Destination (Join-Path $TestDrive 'other-versions')
        $manifest = Get-ModuleManifestPath
        # Loads the other versions into the default load context and uses each: SQLite (its own native library),
        # YamlDotNet, SqlClient.
        $useOthers = @"
foreach (`$file in 'YamlDotNet', 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2', 'Microsoft.Data.Sqlite', 'Microsoft.Data.SqlClient') {
    Add-Type -Path (Join-Path '$other' "`$file.dll")
}
[SQLitePCL.Batteries_V2]::Init()
`$connection = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source=:memory:')
`$connection.Open()
`$command = `$connection.CreateCommand(); `$command.CommandText = 'SELECT sqlite_version()'
'other sqlite ' + `$command.ExecuteScalar()
`$connection.Dispose()
'other yaml ' + ([YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([IO.StringReader]::new('a: 1'))['a'])
'other sqlclient ' + [Microsoft.Data.SqlClient.SqlConnectionStringBuilder]::new('Server=sql01;Database=CRM').InitialCatalog
"@
        # What each assembly of interest is, its version and its load context; which native SQLite libraries are mapped.
        $census = @"
foreach (`$assembly in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -in 'YamlDotNet', 'Microsoft.Data.Sqlite', 'Microsoft.Data.SqlClient', 'SQLitePCLRaw.core' }) {
    'assembly {0} {1} {2}' -f `$assembly.GetName().Name, `$assembly.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$assembly).Name
}
foreach (`$native in (Get-Process -Id `$PID).Modules.FileName | Where-Object { `$_ -match 'e_sqlite3' }) { 'native ' + `$native }
"@
        function Invoke-BesideScript([string] $Script) {
            $result = Invoke-ChildPwsh -Script "`$ErrorActionPreference = 'Stop'`n$Script`n$census"
            $result.Error | Should -BeNullOrEmpty
            $result.ExitCode | Should -Be 0
            @($result.Output -split "`r?`n" | Where-Object { $_.Trim() })
        }
        $dependencies = [IO.Path]::GetFullPath((Join-Path (Get-RepositoryRoot) 'out/SyncAdmin/dependencies'))
    }

    It 'works with them loaded <_>, and they keep working' -ForEach 'first', 'afterwards' {
        $sample = New-SampleSetting -Name "beside-$_"
        $useModule = @"
Import-Module '$manifest'
Connect-SyncStore -Path '$($sample.Store)' -Create
Set-IntegrationMapping -Path '$($sample.Mappings)'
'module synced ' + (Invoke-RecordSync | Measure-Object -Property Inserted -Sum).Sum
"@
        $script = if ($_ -eq 'first') { "$useOthers`n$useModule" } else { "$useModule`n$useOthers" }
        $lines = Invoke-BesideScript $script
        $lines | Should -Contain 'module synced 5'
        $lines | Should -Contain 'other yaml 1'
        $lines | Should -Contain 'other sqlclient CRM'
        ($lines | Where-Object { $_ -like 'other sqlite 3.*' }) | Should -Not -BeNullOrEmpty
        foreach ($name in 'YamlDotNet', 'Microsoft.Data.Sqlite', 'Microsoft.Data.SqlClient', 'SQLitePCLRaw.core') {
            $loaded = @($lines | Where-Object { $_ -like "assembly $name *" })
            $loaded.Count | Should -Be 2 -Because "$name is loaded twice: the other version and the module's"
            ($loaded | Where-Object { $_ -like '* SyncAdmin' }).Count | Should -Be 1
            ($loaded | Where-Object { $_ -like '* Default' }).Count | Should -Be 1
        }
        # The module's own versions are the newer ones, in its own context; the others keep theirs.
        ($lines | Where-Object { $_ -like 'assembly YamlDotNet * SyncAdmin' }) | Should -Match 'YamlDotNet 18\.'
        ($lines | Where-Object { $_ -like 'assembly Microsoft.Data.SqlClient * SyncAdmin' }) | Should -Match 'SqlClient [67]\.'
        ($lines | Where-Object { $_ -like 'assembly Microsoft.Data.SqlClient * Default' }) | Should -Match 'SqlClient 5\.'
        # Two native SQLite libraries: the module's from its own folder, the other one from beside its assemblies.
        $natives = @($lines | Where-Object { $_ -like 'native *' })
        ($natives | Where-Object { $_ -like "native $dependencies*" }) | Should -Not -BeNullOrEmpty
        ($natives | Where-Object { $_ -like "native $other*" }) | Should -Not -BeNullOrEmpty
    }
}

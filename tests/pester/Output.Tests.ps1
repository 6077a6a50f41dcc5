#Requires -Version 7.4
# What state-changing cmdlets give back (-PassThru), what a missing id asked for by id does, what -Verbose tells, and
# what runbooks export: times that carry their zone, enums as names.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe '-PassThru on every cmdlet that changes state' {
    BeforeEach {
        $sample = New-TroubledSample -Name ("passthru" + [guid]::NewGuid().ToString('N').Substring(0, 6))
    }

    It 'Resolve-SkippedRecord -Retry and -RemoveCoupling write nothing by default' {
        Get-SkippedRecord -Name CUSTOMER -LocalKey 10000 | Resolve-SkippedRecord -Retry | Should -BeNullOrEmpty
        Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -RemoveCoupling -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'Resolve-SkippedRecord -Retry -PassThru writes the coupling, no longer skipped' {
        $coupling = Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 10000 -Retry -PassThru
        $coupling.GetType().Name | Should -Be 'Coupling'
        $coupling.Skipped | Should -BeFalse
        "$($coupling.To.Result)" | Should -Be 'Pending'
    }

    It 'Resolve-SkippedRecord -RemoveCoupling -PassThru writes the coupling it removed' {
        $coupling = Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -RemoveCoupling -PassThru -Confirm:$false
        $coupling.LocalKey | Should -Be '30000'
        Get-Coupling -Name CUSTOMER -LocalKey 30000 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Resolve-SkippedRecord -Keep and -Restore write the forced job, or with -PassThru the coupling' {
        (Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 10000 -Keep Local).GetType().Name | Should -Be 'SyncJob'
        $restored = Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -Restore -PassThru
        $restored.GetType().Name | Should -Be 'Coupling'
        $restored.IntegrationKey | Should -Be (Get-SampleAccount $sample '30000').accountid
    }

    It 'Remove-Coupling -PassThru, Remove-SyncError -PassThru, Set-IntegrationMapping -PassThru and Connect-SyncStore -PassThru write what they did' {
        (Get-Coupling -Name CUSTOMER -LocalKey 20000 | Remove-Coupling -PassThru -Confirm:$false).LocalKey | Should -Be '20000'
        Remove-SyncError -Id 1 -PassThru -Confirm:$false | Should -Be 1
        (Set-IntegrationMapping -Name CUSTOMER -BatchSize 100 -PassThru).Change.ToString() | Should -Be 'Changed'
        (Connect-SyncStore -Path $sample.Store -Create -PassThru).Mappings | Should -Be 2
    }
}

Describe 'Asking by id for what does not exist is an error' {
    BeforeAll {
        $sample = New-TroubledSample -Name byid
    }

    It '<Command> is <ErrorId> (ObjectNotFound), and the ids that exist are still written' -ForEach @(
        @{ Command = 'Get-SyncJob -Id 1, 999'; ErrorId = 'SyncJobNotFound'; Expected = 1 }
        @{ Command = 'Get-SyncError -Id 1, 999'; ErrorId = 'SyncErrorNotFound'; Expected = 1 }
        @{ Command = 'Get-Coupling -Name CUSTOMER -LocalKey 99999'; ErrorId = 'CouplingNotFound'; Expected = 0 }
        @{ Command = 'Get-SkippedRecord -Name CUSTOMER -LocalKey 20000'; ErrorId = 'SkippedRecordNotFound'; Expected = 0 }
        @{ Command = 'Get-IntegrationMapping -Name NOPE'; ErrorId = 'MappingNotFound'; Expected = 0 }
    ) {
        $ErrorActionPreference = 'Continue'
        $output = @(& ([scriptblock]::Create($Command)) 2>&1)
        $problems = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $found = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $found.Count | Should -Be $Expected
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'with -ErrorAction Stop, Get-SyncJob -Id 999 throws' {
        { Get-SyncJob -Id 999 -ErrorAction Stop } | Should -Throw -ErrorId 'SyncJobNotFound*'
    }
}

Describe 'Invoke-RecordSync -Verbose' {
    It 'says which connections, the watermark used, each page read, and the counters' {
        $sample = New-SampleSetting -Name verbose
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync -Name CURRENCY | Out-Null
        $first = @(Invoke-RecordSync -Name CUSTOMER -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $first | Should -Match "CUSTOMER ToIntegrationTable: from Customer \(connection 'erp', sqlite\) to account \(connection 'crm', sqlite\)"
        $first | Should -Match 'no watermark yet: first run'
        $first | Should -Match 'page 1 \(changes\): 3 record\(s\) read'
        $first | Should -Match 'done: 3 inserted, 0 modified'
        $first | Should -Match 'watermark moved to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z'
        Set-SampleCustomer $sample '10000' "Phone = '555-0199'"
        $second = @(Invoke-RecordSync -Name CUSTOMER -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $second | Should -Match 'records modified since .*\(watermark .* minus 5 s overlap\)'
        $second | Should -Match 'done: 0 inserted, 1 modified'
        $second | Should -Not -Match 'Data Source'
    }
}

Describe 'What runbooks export' {
    BeforeAll {
        $sample = New-TroubledSample -Name export
        $csv = Join-Path $TestDrive 'export.csv'
    }

    It 'Export-Csv writes times with their zone (<_>)' -ForEach @('Get-SyncJob', 'Get-SyncError', 'Get-SkippedRecord', 'Get-Coupling', 'Get-IntegrationMapping') {
        & ([scriptblock]::Create("$_ | Export-Csv -Path '$csv'"))
        $rows = @(Import-Csv -Path $csv)
        $rows.Count | Should -BeGreaterThan 0
        $timeColumns = $rows[0].PSObject.Properties.Name | Where-Object { $_ -match 'At$|Watermark$|Time$|Stamp$' }
        $timeColumns | Should -Not -BeNullOrEmpty
        foreach ($row in $rows) {
            foreach ($column in $timeColumns) {
                if ($row.$column) { $row.$column | Should -Match '[+-]\d\d:\d\d$' -Because "$column carries its offset" }
            }
        }
    }

    It 'ConvertTo-Json -EnumsAsStrings writes directions and statuses as names (without it they are numbers)' {
        $job = Get-SyncJob -Newest 1
        ($job | ConvertTo-Json -EnumsAsStrings | ConvertFrom-Json).Direction | Should -BeIn 'ToIntegrationTable', 'FromIntegrationTable'
        ($job | ConvertTo-Json | ConvertFrom-Json).Direction | Should -BeOfType [long]
        $job | ConvertTo-Json -EnumsAsStrings | Should -Match '"StartedAt":\s*"[^"]+(Z|[+-]00:00)"'
    }
}

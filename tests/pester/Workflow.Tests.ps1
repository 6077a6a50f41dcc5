#Requires -Version 7.4
# The seeds' story ("Troubleshooting Synchronization Errors") through the real module, on SQLite files in TestDrive:
# import, first sync, edits on both sides, a conflict, a deleted record, the error log, resolving, purging.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'The admin workflow' {
    BeforeAll {
        $sample = New-SampleSetting
        Connect-SyncStore -Path $sample.Store -Create
    }

    It 'connects to a new store and reports it' {
        $info = Connect-SyncStore -Path $sample.Store -Create -PassThru
        $info.Location | Should -Be $sample.Store
        $info.SchemaVersion | Should -BeGreaterThan 0
        Test-Path $sample.Store | Should -BeTrue
    }

    It 'imports the mappings from YAML' {
        $changes = Set-IntegrationMapping -Path $sample.Mappings -PassThru
        $changes.Name | Should -Be @('CURRENCY', 'CUSTOMER')
        $changes.Change | ForEach-Object ToString | Should -Be @('Added', 'Added')
        (Get-IntegrationMapping).Name | Should -Be @('CURRENCY', 'CUSTOMER')
        (Set-IntegrationMapping -Path $sample.Mappings -PassThru).Change | ForEach-Object ToString | Should -Be @('Unchanged', 'Unchanged')
    }

    It 'checks a file against the live tables with -ValidateSchema and refuses one they do not fit' {
        (Set-IntegrationMapping -Path $sample.Mappings -ValidateSchema -PassThru).Change | ForEach-Object ToString | Should -Be @('Unchanged', 'Unchanged')
        $bad = Join-Path $TestDrive 'bad-column.yaml'
        (Get-Content -Raw $sample.Mappings) -replace 'integrationField: telephone1', 'integrationField: phone2' | Set-Content $bad
        Set-IntegrationMapping -Path $bad -ValidateSchema -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        "$($failed[0])" | Should -Match "'phone2' is not a column of account"
        (Get-IntegrationMapping CUSTOMER).Definition.Fields.IntegrationField | Should -Contain 'telephone1'
    }

    It 'synchronizes: one job per pass, in dependsOn order' {
        $jobs = @(Invoke-RecordSync)
        $jobs.Count | Should -Be 3
        "$($jobs[0].Mapping) $($jobs[0].Direction)" | Should -Be 'CURRENCY ToIntegrationTable'
        ($jobs | Measure-Object -Property Inserted -Sum).Sum | Should -Be 5
        $jobs.Status | ForEach-Object ToString | Select-Object -Unique | Should -Be 'Succeeded'
        (Get-SampleAccount $sample '10000').name | Should -Be 'Adatum Corporation'
        (Get-IntegrationMapping CUSTOMER).CoupledCount | Should -Be 3
    }

    It 'carries edits made on both sides' {
        Set-SampleCustomer $sample '10000' "Phone = '555-0199'"
        Set-SampleAccount $sample '20000' "emailaddress1 = 'contact@treyresearch.example'"
        $jobs = @(Invoke-RecordSync -Name CUSTOMER)
        ($jobs | Where-Object Direction -EQ 'ToIntegrationTable').Modified | Should -Be 1
        ($jobs | Where-Object Direction -EQ 'FromIntegrationTable').Modified | Should -Be 1
        (Get-SampleAccount $sample '10000').telephone1 | Should -Be '555-0199'
        (Invoke-SampleSql $sample.Erp "SELECT Email FROM Customer WHERE No = '20000'").Email | Should -Be 'contact@treyresearch.example'
    }

    It 'counts a conflict and a deleted counterpart as failed records and warns' {
        Set-SampleCustomer $sample '10000' 'CreditLimit = 7500'
        Set-SampleAccount $sample '10000' 'creditlimit = 9000'
        Invoke-SampleSql $sample.Crm "DELETE FROM account WHERE accountnumber = '30000'" | Out-Null
        Set-SampleCustomer $sample '30000' "Phone = '555-0333'"
        $jobs = @(Invoke-RecordSync -WarningVariable warnings -WarningAction SilentlyContinue)
        ($jobs | Measure-Object -Property Failed -Sum).Sum | Should -Be 3
        $jobs.Status | ForEach-Object ToString | Select-Object -Unique | Should -Be 'Succeeded'   # one bad record never stops a job
        ($warnings -join "`n") | Should -Match 'Get-SyncError -JobId'
    }

    It 'skips a record that fails twice with the same message' {
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        $skipped = @(Get-SkippedRecord -Name CUSTOMER)
        $skipped.LocalKey | Sort-Object | Should -Be @('10000', '30000')
        ($skipped | Where-Object LocalKey -EQ '30000').IntegrationExists | Should -BeFalse
        $credit = ($skipped | Where-Object LocalKey -EQ '10000').Fields | Where-Object Field -EQ 'CreditLimit'
        $credit.BaseLocalValue | Should -Be '5000'
        $credit.LocalValue | Should -Be '7500'
        $credit.IntegrationValue | Should -Be '9000'
    }

    It 'reads the error log with source and destination records' {
        $errors = @(Get-SyncError -Name CUSTOMER)
        $errors.Count | Should -Be 5
        $errors.Source | Should -Contain 'Customer 30000'
        ($errors | Where-Object Source -EQ 'Customer 30000' | Select-Object -First 1).Destination | Should -BeLike 'account *'
        @(Get-SyncError -Newest 1).Count | Should -Be 1
        @(Get-SyncError -After (Get-Date).AddMinutes(-10)).Count | Should -Be 5
        @(Get-SyncError -Before (Get-Date).AddDays(-1)).Count | Should -Be 0
        Get-SyncError | Format-Table | Out-String | Should -Match 'Customer 30000'
        Get-SyncError | Format-List | Out-String | Should -Match 'Destination : account '
    }

    It 'keeps the ERP side of the conflict' {
        $job = Get-SkippedRecord -Name CUSTOMER | Where-Object LocalKey -EQ '10000' | Resolve-SkippedRecord -Keep Local
        $job.Kind.ToString() | Should -Be 'Forced'
        (Get-SampleAccount $sample '10000').creditlimit | Should -Be 7500
        (Get-SkippedRecord).LocalKey | Should -Be '30000'
    }

    It 'purges old errors and a skipped record keeps its reason' {
        Remove-SyncError -OlderThan 7 -PassThru | Should -Be 0
        Remove-SyncError -All -Force -PassThru | Should -Be 5
        Get-SyncError | Should -BeNullOrEmpty
        (Get-SkippedRecord -Name CUSTOMER).Reason | Should -Match 'no longer exists'
    }

    It 'restores the deleted account' {
        $job = Resolve-SkippedRecord -Mapping CUSTOMER -LocalKey 30000 -Restore
        $job.Inserted | Should -Be 1
        Get-SampleAccount $sample '30000' | Should -Not -BeNullOrEmpty
        Get-SkippedRecord | Should -BeNullOrEmpty
    }

    It 'ends with everything in step' {
        $jobs = @(Invoke-RecordSync)
        ($jobs | Measure-Object -Property Failed -Sum).Sum | Should -Be 0
        ($jobs | Measure-Object -Property Skipped -Sum).Sum | Should -Be 0
    }

    It 'uncouples and couples records by hand' {
        $coupling = Get-Coupling -Name CUSTOMER -LocalKey 20000
        $coupling.IntegrationKey | Should -Not -BeNullOrEmpty
        ($coupling | Remove-Coupling -PassThru).LocalKey | Should -Be '20000'
        Get-Coupling -Name CUSTOMER -LocalKey 20000 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $new = New-Coupling -Mapping CUSTOMER -LocalKey 20000 -IntegrationKey $coupling.IntegrationKey
        $new.IntegrationKey | Should -Be $coupling.IntegrationKey
        @(Get-Coupling -Name CUSTOMER).Count | Should -Be 3
    }

    It 'forces chosen records across with -Key' {
        Set-SampleCustomer $sample '20000' "Name = 'Trey Research Ltd'"
        $job = Invoke-RecordSync -Name CUSTOMER -Key 20000 -Direction ToIntegrationTable
        $job.Kind.ToString() | Should -Be 'Forced'
        (Get-SampleAccount $sample '20000').name | Should -Be 'Trey Research Ltd'
    }

    It 'changes one setting of a stored mapping' {
        $change = Set-IntegrationMapping -Name CUSTOMER -UpdateConflictResolution SendUpdateToIntegration -PassThru
        $change.Change.ToString() | Should -Be 'Changed'
        (Get-IntegrationMapping CUSTOMER).Definition.UpdateConflictResolution.ToString() | Should -Be 'SendUpdateToIntegration'
    }

    It 'shows the job history with its counters' {
        @(Get-SyncJob -Name CUSTOMER -Newest 2).Count | Should -Be 2
        (Get-SyncJob -Newest 1).Id | Should -Be (Get-SyncJob | Measure-Object -Property Id -Maximum).Maximum
        Get-SyncJob | Format-Table | Out-String | Should -Match 'Inserted'
    }
}

Describe 'Errors a runbook can catch' {
    BeforeAll {
        $sample = New-SampleSetting
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
    }

    It 'an unknown mapping is MappingNotFound (ObjectNotFound)' {
        Get-IntegrationMapping -Name NOPE -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'NOPE'
    }

    It 'a wildcard that matches nothing is not an error' {
        Get-IntegrationMapping -Name 'NOPE*' -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
    }

    It 'a bad mapping file is one error naming the file, and changes nothing' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        Set-Content -Path $bad -Value "mappings:`n  - name: [`n"
        Set-IntegrationMapping -Path $bad, $sample.Mappings -ErrorVariable problems -ErrorAction SilentlyContinue
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMappingConfiguration,*'
        $problems[0].Exception.Message | Should -Match 'bad\.yaml'
        (Get-IntegrationMapping).Count | Should -Be 2
    }

    It 'a record that does not exist cannot be coupled (RecordNotFound)' {
        New-Coupling -Mapping CUSTOMER -LocalKey 99999 -IntegrationKey ([guid]::NewGuid()) -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'RecordNotFound,*'
    }

    It 'a direction a one-way mapping does not allow is reported and the other mappings run' {
        $jobs = @(Invoke-RecordSync -Direction FromIntegrationTable -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSyncRequest,*'
        $jobs.Mapping | Should -Be 'CUSTOMER'
    }

    It '-ErrorAction Stop makes a failed item an exception' {
        { Get-IntegrationMapping -Name NOPE -ErrorAction Stop } | Should -Throw -ErrorId 'MappingNotFound*'
    }
}

Describe 'Choosing the store' {
    BeforeAll {
        $sample = New-SampleSetting
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        $manifest = Get-ModuleManifestPath
    }

    It 'without Connect-SyncStore, $env:SYNCADMIN_STORE is the store (runbooks)' {
        $result = Invoke-ChildPwsh -Script "Import-Module '$manifest'; (Get-IntegrationMapping).Name -join ','" -Environment @{ SYNCADMIN_STORE = $sample.Store }
        $result.ExitCode | Should -Be 0
        $result.Output.Trim() | Should -Be 'CURRENCY,CUSTOMER'
    }

    It 'with neither, a command fails with StoreNotConnected and says what to do' {
        $script = "Import-Module '$manifest'; try { Get-SyncError -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $result = Invoke-ChildPwsh -Script $script -Environment @{ SYNCADMIN_STORE = '' }
        $result.Output | Should -Match 'StoreNotConnected'
        $result.Output | Should -Match 'Connect-SyncStore'
    }

    It 'Connect-SyncStore to a path with no store is StoreNotFound and creates nothing; -Create creates it, folder and all' {
        $missing = Join-Path $TestDrive 'not-yet/store.db'
        { Connect-SyncStore -Path $missing } | Should -Throw -ErrorId 'StoreNotFound*'
        Test-Path (Split-Path $missing) | Should -BeFalse
        (Get-IntegrationMapping).Count | Should -Be 2   # the session keeps its store
        $created = Connect-SyncStore -Path $missing -Create -PassThru -Verbose 4>&1
        ($created | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Created a new, empty sync store: SQLite store '$missing'."
        Test-Path $missing | Should -BeTrue
        Get-IntegrationMapping | Should -BeNullOrEmpty
        Connect-SyncStore -Path $sample.Store
    }

    It 'a store that was lost and created anew warns before its first run duplicates what has no matchOn' {
        $fresh = Join-Path $TestDrive 'fresh-store.db'
        Invoke-RecordSync -Name CURRENCY | Out-Null          # the old store synchronized the currencies
        Connect-SyncStore -Path $fresh -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync -Name CURRENCY -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        ($warned -join "`n") | Should -Match 'transactioncurrency already holds rows .* restore the store, or set matchOn'
        Connect-SyncStore -Path $sample.Store
    }

    It 'a store path that does not exist is an error, not a new empty store' {
        $missing = Join-Path $TestDrive 'missing.db'
        $result = Invoke-ChildPwsh -Script "Import-Module '$manifest'; Get-SyncJob" -Environment @{ SYNCADMIN_STORE = $missing }
        $result.ExitCode | Should -Not -Be 0
        Test-Path $missing | Should -BeFalse
    }

    It 'a SQL Server store that cannot be reached is StoreUnavailable, and the password is not shown' {
        $connection = 'Server=127.0.0.1,1;Database=Sync;User ID=sync;Password=Secret123;Connect Timeout=2;Encrypt=false'
        $failure = { Connect-SyncStore -Provider SqlServer -ConnectionString $connection } | Should -Throw -ErrorId 'StoreUnavailable*' -PassThru
        $failure.Exception.Message | Should -Not -Match 'Secret123'
        (Get-IntegrationMapping).Count | Should -Be 2   # the session keeps its store
    }

    It 'a SQL Server store''s password never shows, however it is spelled: <_>' -ForEach @(
        'Password=S3cr3tLIT-p14', 'pwd=S3cr3tLIT-p14', 'Password="Pa55;Tail-Of-S3cr3tLIT-p14"', 'Password=''Pa55;S3cr3tLIT-p14=x''',
        'Password=Pa55;Tail-Of-S3cr3tLIT-p14=9') {
        $connection = "Server=127.0.0.1,1;Database=Sync;User ID=sync;$_;Connect Timeout=1;Encrypt=false"
        $output = try { Connect-SyncStore -Provider SqlServer -ConnectionString $connection -Verbose 4>&1 | Out-String }
                  catch { ($_ | Out-String) + $_.Exception.ToString() + $_.TargetObject }
        $output | Should -Match 'StoreUnavailable|does not parse|Cannot open the SQL Server store'
        $output | Should -Not -Match 'S3cr3tLIT|Pa55'
        (Get-IntegrationMapping).Count | Should -Be 2
    }

    It 'a store on SQL Server works like a SQLite one' -Skip:(-not $env:SYNCADMIN_TEST_SQLSERVER) {
        # The database must exist: SYNCADMIN_TEST_SQLSERVER names one this test may create tables in.
        Connect-SyncStore -Provider SqlServer -ConnectionString $env:SYNCADMIN_TEST_SQLSERVER
        Set-IntegrationMapping -Path $sample.Mappings
        (Get-IntegrationMapping).Name | Should -Contain 'CUSTOMER'
        Connect-SyncStore -Path $sample.Store -Create
    }
}

#Requires -Version 7.4
# The pipelines of the design bind by property name: Get-X | Remove-X, Get-X | Resolve-X, Get-IntegrationMapping | Invoke-RecordSync.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Pipelines' {
    It 'Get-SyncError | Remove-SyncError removes the piped entries' {
        New-TroubledSample -Name errors | Out-Null
        $errors = @(Get-SyncError -Name CUSTOMER -Newest 2)
        $total = @(Get-SyncError).Count
        $errors | Remove-SyncError
        @(Get-SyncError).Count | Should -Be ($total - 2)
        Get-SyncError | Remove-SyncError -Confirm:$false
        Get-SyncError | Should -BeNullOrEmpty
    }

    It 'Get-SkippedRecord | Resolve-SkippedRecord -Keep Local resolves each record' {
        $sample = New-TroubledSample -Name skipped
        $jobs = @(Get-SkippedRecord | Where-Object IntegrationExists | Resolve-SkippedRecord -Keep Local)
        $jobs.Count | Should -Be 1
        (Get-SampleAccount $sample '10000').creditlimit | Should -Be 7500
        # The deleted account cannot be kept: one error for that record, and the pipeline goes on.
        Get-SkippedRecord | Resolve-SkippedRecord -Keep Integration -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SkippedRecordNotResolved,*'
        Get-SkippedRecord | Resolve-SkippedRecord -Restore | Should -Not -BeNullOrEmpty
        Get-SkippedRecord | Should -BeNullOrEmpty
    }

    It 'Get-IntegrationMapping | Invoke-RecordSync runs the piped mappings in dependsOn order' {
        New-SampleSetting -Name order | ForEach-Object { Connect-SyncStore -Path $_.Store -Create; Set-IntegrationMapping -Path $_.Mappings }
        $jobs = @(Get-IntegrationMapping | Sort-Object Name -Descending | Invoke-RecordSync)
        $jobs.Mapping | Should -Be @('CURRENCY', 'CUSTOMER', 'CUSTOMER')
    }

    It 'Get-Coupling | Remove-Coupling uncouples each record' {
        New-SampleSetting -Name couplings | ForEach-Object { Connect-SyncStore -Path $_.Store -Create; Set-IntegrationMapping -Path $_.Mappings }
        Invoke-RecordSync | Out-Null
        (Get-Coupling -Name CUSTOMER | Remove-Coupling -PassThru).Count | Should -Be 3
        Get-Coupling -Name CUSTOMER | Should -BeNullOrEmpty
    }

    It 'Invoke-RecordSync | Get-SyncError shows the errors of the jobs just run' {
        $sample = New-SampleSetting -Name joberrors
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync | Out-Null
        Invoke-SampleSql $sample.Crm "DELETE FROM account WHERE accountnumber = '30000'" | Out-Null
        Set-SampleCustomer $sample '30000' "Phone = '555-0333'"
        $errors = @(Invoke-RecordSync -Name CUSTOMER -Direction ToIntegrationTable -WarningAction SilentlyContinue | Get-SyncError)
        $errors.Count | Should -Be 1
        $errors[0].JobId | Should -Be (Get-SyncJob -Newest 1).Id
        $errors[0].Source | Should -Be 'Customer 30000'
    }

    It 'Get-ChildItem | Set-IntegrationMapping imports each file' {
        $sample = New-SampleSetting -Name files
        Connect-SyncStore -Path $sample.Store -Create
        (Get-ChildItem -Path $sample.Directory -Filter *.yaml | Set-IntegrationMapping -PassThru).Name | Should -Be @('CURRENCY', 'CUSTOMER')
    }

    It 'Import-Csv | New-Coupling couples the listed pairs' {
        $sample = New-SampleSetting -Name csv
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync | Out-Null
        $pairs = Get-Coupling -Name CUSTOMER | Select-Object LocalKey, IntegrationKey
        Get-Coupling -Name CUSTOMER | Remove-Coupling
        $csv = Join-Path $TestDrive 'pairs.csv'
        $pairs | Export-Csv -Path $csv
        (Import-Csv -Path $csv | New-Coupling -Mapping CUSTOMER).Count | Should -Be 3
    }
}

Describe 'Mappings piped to Invoke-RecordSync' {
    BeforeAll {
        $sample = New-SampleSetting -Name invoke
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        $manifest = Get-ModuleManifestPath
    }

    It '<Case> runs the mapping it names, without asking for -Key' -ForEach @(
        @{ Case = 'a MappingStatus (Get-IntegrationMapping CURRENCY)'; Pipe = 'Get-IntegrationMapping CURRENCY' }
        @{ Case = 'a [pscustomobject] with a Name'; Pipe = "[pscustomobject]@{ Name = 'CURRENCY' }" }
        @{ Case = 'a [pscustomobject] with a Mapping'; Pipe = "[pscustomobject]@{ Mapping = 'CURRENCY' }" }
        @{ Case = 'a hashtable turned object from Import-Csv'; Pipe = "'Name','CURRENCY' | ConvertFrom-Csv" }
    ) {
        # A runbook's situation: a prompt for -Key would fail (or hang) a non-interactive pwsh.
        $script = "`$ErrorActionPreference = 'Stop'; Import-Module '$manifest'; ($Pipe | Invoke-RecordSync -Confirm:`$false | ForEach-Object { `$_.Mapping + ' ' + `$_.Status }) -join ','"
        $result = Invoke-ChildPwsh -Script $script -Environment @{ SYNCADMIN_STORE = $sample.Store; SYNCADMIN_DEMO = $sample.Directory }
        $result.Error | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $result.Output.Trim() | Should -Be 'CURRENCY Succeeded'
    }

    It 'Get-IntegrationMapping | Invoke-RecordSync runs every mapping in dependsOn order, in this session too' {
        (Get-IntegrationMapping | Sort-Object Name -Descending | Invoke-RecordSync).Mapping | Should -Be @('CURRENCY', 'CUSTOMER', 'CUSTOMER')
    }

    It '-Key still needs -Name, and a piped mapping does not stand in for it' {
        { Get-IntegrationMapping CUSTOMER | Invoke-RecordSync -Key 10000 -Direction ToIntegrationTable -ErrorAction Stop } | Should -Throw
        (Invoke-RecordSync -Name CUSTOMER -Key 10000 -Direction ToIntegrationTable).Kind.ToString() | Should -Be 'Forced'
    }
}

Describe 'A pipeline never deletes or resolves the wrong thing' {
    BeforeAll {
        $sample = New-TroubledSample -Name wrongtype
        # Objects of every other kind, each with an Id, a Mapping or keys that a careless binding would take.
        $others = [ordered]@{
            SyncJob        = { Get-SyncJob -Newest 1 }
            MappingStatus  = { Get-IntegrationMapping CUSTOMER }
            Coupling       = { Get-Coupling -Name CUSTOMER -LocalKey 20000 }
            SyncError      = { Get-SyncError -Newest 1 }
            SkippedRecord  = { Get-SkippedRecord -Name CUSTOMER -LocalKey 10000 }
            PSCustomObject = { [pscustomobject]@{ Id = 1; Mapping = 'CUSTOMER'; Name = 'CUSTOMER'; LocalKey = '10000'; IntegrationKey = 'x' } }
            Hashtable      = { @{ Id = 1; Mapping = 'CUSTOMER'; LocalKey = '10000' } }
            Number         = { 1 }
            Text           = { 'CUSTOMER' }
        }
        # What a wrong deletion or resolution would change: the log, the couplings and their state, the jobs, both tables.
        function Get-StoreState {
            @(
                Get-SyncError | ForEach-Object { "error $($_.Id)" }
                Get-Coupling | ForEach-Object { "coupling $($_.Id) $($_.LocalKey) $($_.IntegrationKey) $($_.Skipped) $($_.To) $($_.From)" }
                "jobs $(@(Get-SyncJob).Count)"
                Invoke-SampleSql $sample.Erp 'SELECT * FROM Customer ORDER BY No' -Raw
                Invoke-SampleSql $sample.Crm 'SELECT * FROM account ORDER BY accountnumber' -Raw
            ) -join "`n"
        }
    }

    It 'Remove-SyncJob refuses a piped <_> and removes nothing' -ForEach @('SyncError', 'MappingStatus', 'Coupling', 'SkippedRecord', 'PSCustomObject', 'Hashtable', 'Number', 'Text') {
        $before = Get-StoreState
        $object = & $others[$_]
        $object | Remove-SyncJob -Force -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -BeGreaterThan 0
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'InputObjectNotBound*'
        Get-StoreState | Should -Be $before
    }

    It 'Remove-SyncError refuses a piped <_> and removes nothing' -ForEach @('SyncJob', 'MappingStatus', 'Coupling', 'SkippedRecord', 'PSCustomObject', 'Hashtable', 'Number', 'Text') {
        $before = Get-StoreState
        $object = & $others[$_]
        $object | Remove-SyncError -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -BeGreaterThan 0
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'InputObjectNotBound*'
        Get-StoreState | Should -Be $before
    }

    It '<Command> refuses a look-alike of what it takes (every property copied into a [pscustomobject])' -ForEach @(
        @{ Command = 'Remove-SyncError -Confirm:$false'; Real = 'Get-SyncError -Newest 1' }
        @{ Command = 'Remove-Coupling -Confirm:$false'; Real = 'Get-Coupling -Name CUSTOMER -LocalKey 20000' }
        @{ Command = 'Resolve-SkippedRecord -RemoveCoupling -Confirm:$false'; Real = 'Get-SkippedRecord -Name CUSTOMER -LocalKey 10000' }
        @{ Command = 'Resolve-SkippedRecord -Retry'; Real = 'Get-Coupling -Name CUSTOMER -LocalKey 10000' }
        @{ Command = 'Resolve-SkippedRecord -Keep Local'; Real = 'Get-SyncError -Newest 1' }
        @{ Command = 'Remove-IntegrationMapping -Force'; Real = 'Get-IntegrationMapping CUSTOMER' }
        @{ Command = 'Remove-SyncJob -Force -Confirm:$false'; Real = 'Get-SyncJob -Newest 1' }
    ) {
        $before = Get-StoreState
        $lookAlike = & ([scriptblock]::Create($Real)) | Select-Object -Property *
        $lookAlike | Should -Not -BeNullOrEmpty
        $problems = @()
        $lookAlike | & ([scriptblock]::Create("`$input | $Command -ErrorAction SilentlyContinue -ErrorVariable +script:problems"))
        $script:problems.Count | Should -BeGreaterThan 0
        "$($script:problems[0].FullyQualifiedErrorId)" | Should -BeLike 'InputObjectNotBound*'
        Get-StoreState | Should -Be $before
        $script:problems = @()
    }

    It 'Get-SyncJob -Id 2 | Remove-SyncError leaves sync error 2 alone (the issue''s sample)' {
        @(Get-SyncError -Id 2).Count | Should -Be 1
        Get-SyncJob -Id 2 | Remove-SyncError -Confirm:$false -ErrorAction SilentlyContinue
        @(Get-SyncError -Id 2).Count | Should -Be 1
    }

    It 'Remove-Coupling refuses a piped <_> and removes nothing' -ForEach @('SyncJob', 'MappingStatus', 'SyncError', 'SkippedRecord', 'PSCustomObject', 'Hashtable', 'Number', 'Text') {
        $before = Get-StoreState
        $object = & $others[$_]
        $object | Remove-Coupling -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -BeGreaterThan 0
        Get-StoreState | Should -Be $before
    }

    It 'Resolve-SkippedRecord -<Action> refuses a piped <Type> and changes nothing' -ForEach @(
        foreach ($action in 'Retry', 'RemoveCoupling', 'Keep', 'Restore') {
            foreach ($type in 'SyncJob', 'MappingStatus', 'PSCustomObject', 'Hashtable', 'Number', 'Text') { @{ Action = $action; Type = $type } }
        }) {
        $before = Get-StoreState
        $object = & $others[$Type]
        $choice = if ($Action -eq 'Keep') { @{ Keep = 'Local' } } else { @{ $Action = $true } }
        $object | Resolve-SkippedRecord @choice -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -BeGreaterThan 0
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'InputObjectNotBound*'
        Get-StoreState | Should -Be $before
    }

    It 'Remove-SyncError -Id takes explicit ids, and a missing id is an error' {
        $total = @(Get-SyncError).Count
        Remove-SyncError -Id 1, 999 -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        @(Get-SyncError).Count | Should -Be ($total - 1)
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SyncErrorNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'From an error or a skipped record to its coupling, and back' {
    BeforeAll {
        $sample = New-TroubledSample -Name roundtrip
    }

    It 'Get-SkippedRecord | Get-Coupling gives the coupling of each skipped record, not every coupling' {
        $couplings = @(Get-SkippedRecord | Get-Coupling)
        $couplings.LocalKey | Sort-Object | Should -Be @('10000', '30000')
        $couplings.Skipped | Should -Not -Contain $false
    }

    It 'Get-SyncError | Get-Coupling gives the coupling of each error''s record' {
        $errors = @(Get-SyncError -Name CUSTOMER)
        $couplings = @($errors | Get-Coupling)
        $couplings.Count | Should -Be $errors.Count
        ($couplings.LocalKey | Sort-Object -Unique) | Should -Be @('10000', '30000')
    }

    It 'Get-Coupling | Get-SyncError gives the errors of that record only' {
        $errors = @(Get-Coupling -Name CUSTOMER -LocalKey 30000 | Get-SyncError)
        $errors.Count | Should -BeGreaterThan 0
        $errors.LocalKey | Select-Object -Unique | Should -Be '30000'
        @(Get-Coupling -Name CUSTOMER -LocalKey 20000 | Get-SyncError).Count | Should -Be 0
    }

    It 'Get-Coupling | Get-SkippedRecord gives the skipped record of a coupling; a coupling that is not skipped is an error' {
        (Get-Coupling -Name CUSTOMER -LocalKey 10000 | Get-SkippedRecord).Reason | Should -Match 'changed on both sides'
        Get-Coupling -Name CUSTOMER -LocalKey 20000 | Get-SkippedRecord -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SkippedRecordNotFound,*'
    }

    It 'a key without a coupling is an error, as a missing path is for Get-Item' {
        Get-Coupling -Name CUSTOMER -LocalKey 99999 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'CouplingNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'Get-SyncError | Resolve-SkippedRecord -Retry resolves each record once, however many errors it has' {
        $errors = @(Get-SyncError -Name CUSTOMER)
        $errors.Count | Should -BeGreaterThan 2
        $resolved = @($errors | Resolve-SkippedRecord -Retry -PassThru)
        $resolved.LocalKey | Sort-Object | Should -Be @('10000', '30000')
        $resolved.Skipped | Should -Not -Contain $true
        Get-SkippedRecord | Should -BeNullOrEmpty
    }

    It 'Get-Coupling | Resolve-SkippedRecord resolves the coupling''s record' {
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        @(Get-SkippedRecord).Count | Should -Be 2
        (Get-Coupling -Name CUSTOMER -LocalKey 10000 | Resolve-SkippedRecord -Keep Local).Kind.ToString() | Should -Be 'Forced'
        (Get-SampleAccount $sample '10000').creditlimit | Should -Be 7500
        (Get-SkippedRecord).LocalKey | Should -Be '30000'
    }
}

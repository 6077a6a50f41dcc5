#Requires -Version 7.4
# -WhatIf changes nothing anywhere: neither database, nor the store. Every row of every table is compared after each test.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe '-WhatIf' {
    BeforeAll {
        $sample = New-SampleSetting
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync | Out-Null
        # Something of everything: errors, a skipped record (deleted account), and an edit waiting to be synchronized.
        Invoke-SampleSql $sample.Crm "DELETE FROM account WHERE accountnumber = '30000'" | Out-Null
        Set-SampleCustomer $sample '30000' "Phone = '555-0333'"
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        Set-SampleCustomer $sample '10000' "Phone = '555-0199'"
        $databases = @($sample.Erp, $sample.Crm, $sample.Store)
        $before = Get-DatabaseSnapshot $databases
        @(Get-SyncError).Count | Should -BeGreaterThan 0
        @(Get-SkippedRecord).Count | Should -Be 1
    }

    AfterEach {
        Get-DatabaseSnapshot $databases | Should -Be $before
    }

    It 'Connect-SyncStore neither creates the store nor switches the session to it' {
        $other = Join-Path $TestDrive 'other-store.db'
        Connect-SyncStore -Path $other -Create -WhatIf
        Test-Path $other | Should -BeFalse
        (Get-IntegrationMapping).Count | Should -Be 2
    }

    It 'Set-IntegrationMapping -Path validates and stores nothing' {
        $changed = Join-Path $TestDrive 'changed.yaml'
        (Get-Content -Raw $sample.Mappings).Replace('direction: Bidirectional', 'direction: ToIntegrationTable') | Set-Content -Path $changed
        Set-IntegrationMapping -Path $changed -WhatIf
        (Get-IntegrationMapping CUSTOMER).Direction.ToString() | Should -Be 'Bidirectional'
    }

    It 'Set-IntegrationMapping -Name stores nothing' {
        Set-IntegrationMapping -Name CUSTOMER -Direction ToIntegrationTable -BatchSize 10 -WhatIf
        (Get-IntegrationMapping CUSTOMER).Direction.ToString() | Should -Be 'Bidirectional'
    }

    It 'Invoke-RecordSync is a dry run that reports what would happen' {
        $jobs = @(Invoke-RecordSync -WhatIf)
        $jobs.Count | Should -Be 3
        $jobs.Status | ForEach-Object ToString | Select-Object -Unique | Should -Be 'Preview'
        $record = $jobs.Records | Where-Object SourceKey -EQ '10000'
        $record.Action.ToString() | Should -Be 'Modify'
        (Get-SampleAccount $sample '10000').telephone1 | Should -Be '555-0100'
    }

    It 'Invoke-RecordSync -Key writes nothing' {
        Invoke-RecordSync -Name CUSTOMER -Key 10000 -Direction ToIntegrationTable -WhatIf | Out-Null
    }

    It 'Remove-SyncError <_> removes nothing' -ForEach @('-All', '-All -Force', '-OlderThan 0', 'piped') {
        switch ($_) {
            '-All' { Remove-SyncError -All -WhatIf }
            '-All -Force' { Remove-SyncError -All -Force -WhatIf }
            '-OlderThan 0' { Remove-SyncError -OlderThan 0 -WhatIf }
            'piped' { Get-SyncError | Remove-SyncError -WhatIf }
        }
    }

    It 'Remove-SyncError -All -Force removes nothing under $WhatIfPreference' {
        $WhatIfPreference = $true
        try { Remove-SyncError -All -Force } finally { $WhatIfPreference = $false }
    }

    It 'Resolve-SkippedRecord <_> changes nothing' -ForEach @('-Keep Local', '-Keep Integration', '-Retry', '-Restore', '-RemoveCoupling') {
        $skipped = Get-SkippedRecord
        switch ($_) {
            '-Keep Local' { $skipped | Resolve-SkippedRecord -Keep Local -WhatIf }
            '-Keep Integration' { $skipped | Resolve-SkippedRecord -Keep Integration -WhatIf }
            '-Retry' { $skipped | Resolve-SkippedRecord -Retry -WhatIf }
            '-Restore' { $skipped | Resolve-SkippedRecord -Restore -WhatIf }
            '-RemoveCoupling' { $skipped | Resolve-SkippedRecord -RemoveCoupling -WhatIf }
        }
        @(Get-SkippedRecord).Count | Should -Be 1
    }

    It 'Set-IntegrationMapping <_> moves no watermark and says how many records the next run would read' -ForEach @(
        '-ResetWatermark', '-LocalWatermark', '-IntegrationWatermark') {
        $mapping = Get-IntegrationMapping CUSTOMER
        $said = switch ($_) {
            '-ResetWatermark' { Get-WhatIfText { Set-IntegrationMapping -Name CUSTOMER -ResetWatermark -WhatIf } }
            '-LocalWatermark' { Get-WhatIfText { Set-IntegrationMapping -Name CUSTOMER -LocalWatermark (Get-Date).AddDays(-1) -WhatIf } }
            '-IntegrationWatermark' { Get-WhatIfText { Set-IntegrationMapping -Name CUSTOMER -IntegrationWatermark (Get-Date).AddDays(-1) -WhatIf } }
        }
        $said | Should -Match 'the next run reads \d+ record\(s\)'
        $after = Get-IntegrationMapping CUSTOMER
        $after.LocalWatermark | Should -Be $mapping.LocalWatermark
        $after.IntegrationWatermark | Should -Be $mapping.IntegrationWatermark
    }

    It 'Remove-SyncJob <_> removes nothing' -ForEach @('-OlderThan 0', '-OlderThan 0 -Force', 'piped') {
        switch ($_) {
            '-OlderThan 0' { Remove-SyncJob -OlderThan 0 -WhatIf }
            '-OlderThan 0 -Force' { Remove-SyncJob -OlderThan 0 -Force -WhatIf }
            'piped' { Get-SyncJob | Remove-SyncJob -Force -WhatIf }
        }
    }

    It 'Test-SyncSetup, Get-SyncRecord and Compare-SyncedRecord only read' {
        @(Test-SyncSetup).Count | Should -BeGreaterThan 10
        @(Get-SyncError | Get-SyncRecord).Count | Should -BeGreaterThan 0
        @(Compare-SyncedRecord -Name CUSTOMER).Count | Should -BeGreaterThan 0
    }

    It 'New-Coupling from reconciliation findings couples nothing' {
        Compare-SyncedRecord -Name CUSTOMER | New-Coupling -WhatIf
    }

    It 'Remove-Coupling and New-Coupling change nothing' {
        $couplings = @(Get-Coupling -Name CUSTOMER)
        $couplings | Remove-Coupling -WhatIf
        New-Coupling -Mapping CUSTOMER -LocalKey 40000 -IntegrationKey $couplings[0].IntegrationKey -WhatIf
        @(Get-Coupling -Name CUSTOMER).Count | Should -Be $couplings.Count
    }
}

#Requires -Version 7.4
# The pipelines of the design bind by property name: Get-X | Remove-X, Get-X | Resolve-X, Get-IntegrationMapping | Invoke-RecordSync.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force

    # A store with two skipped records (a conflict and a deleted account) and their errors.
    function New-TroubledSample {
        param([string] $Name)
        $sample = New-SampleSetting -Name $Name
        Connect-SyncStore -Path $sample.Store
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
        New-SampleSetting -Name order | ForEach-Object { Connect-SyncStore -Path $_.Store; Set-IntegrationMapping -Path $_.Mappings }
        $jobs = @(Get-IntegrationMapping | Sort-Object Name -Descending | Invoke-RecordSync)
        $jobs.Mapping | Should -Be @('CURRENCY', 'CUSTOMER', 'CUSTOMER')
    }

    It 'Get-Coupling | Remove-Coupling uncouples each record' {
        New-SampleSetting -Name couplings | ForEach-Object { Connect-SyncStore -Path $_.Store; Set-IntegrationMapping -Path $_.Mappings }
        Invoke-RecordSync | Out-Null
        (Get-Coupling -Name CUSTOMER | Remove-Coupling -PassThru).Count | Should -Be 3
        Get-Coupling -Name CUSTOMER | Should -BeNullOrEmpty
    }

    It 'Invoke-RecordSync | Get-SyncError shows the errors of the jobs just run' {
        $sample = New-SampleSetting -Name joberrors
        Connect-SyncStore -Path $sample.Store
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
        Connect-SyncStore -Path $sample.Store
        (Get-ChildItem -Path $sample.Directory -Filter *.yaml | Set-IntegrationMapping -PassThru).Name | Should -Be @('CURRENCY', 'CUSTOMER')
    }

    It 'Import-Csv | New-Coupling couples the listed pairs' {
        $sample = New-SampleSetting -Name csv
        Connect-SyncStore -Path $sample.Store
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync | Out-Null
        $pairs = Get-Coupling -Name CUSTOMER | Select-Object LocalKey, IntegrationKey
        Get-Coupling -Name CUSTOMER | Remove-Coupling
        $csv = Join-Path $TestDrive 'pairs.csv'
        $pairs | Export-Csv -Path $csv
        (Import-Csv -Path $csv | New-Coupling -Mapping CUSTOMER).Count | Should -Be 3
    }
}

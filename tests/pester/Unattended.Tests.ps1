#Requires -Version 7.4
# Runbooks: non-interactive pwsh, nothing prompts under -Force or -Confirm:$false, a prompt that cannot be answered
# fails instead of hanging; Ctrl+C stops a sync cleanly between pages; the progress bar is fed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
    $manifest = Get-ModuleManifestPath

    # A store whose error log has entries (a deleted account, synchronized twice).
    function New-StoreWithErrors {
        param([string] $Name)
        $sample = New-SampleSetting -Name $Name
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Invoke-RecordSync | Out-Null
        Invoke-SampleSql $sample.Crm "DELETE FROM account WHERE accountnumber = '30000'" | Out-Null
        Set-SampleCustomer $sample '30000' "Phone = '555-0333'"
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        $sample
    }
}

Describe 'A runbook (pwsh -NonInteractive, $env:SYNCADMIN_STORE)' {
    It 'synchronizes and purges with -Confirm:$false and -Force, without a prompt' {
        $sample = New-StoreWithErrors -Name runbook
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Invoke-RecordSync -Confirm:`$false -WarningAction SilentlyContinue | Out-Null
Remove-SyncError -OlderThan 7 -Confirm:`$false
Remove-SyncError -All -Force -PassThru
'done'
"@
        $result = Invoke-ChildPwsh -Script $script -Environment @{ SYNCADMIN_STORE = $sample.Store }
        $result.Error | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        ($result.Output -split "`n" | Where-Object { $_.Trim() }) | Should -Be @('2', 'done')
    }

    It 'Remove-SyncError -All <_> does not prompt' -ForEach @('-Force', '-Confirm:$false', '-Force with $ConfirmPreference = Low') {
        $sample = New-StoreWithErrors -Name ("noprompt" + [guid]::NewGuid().ToString('N').Substring(0, 6))
        $command = switch ($_) {
            '-Force' { 'Remove-SyncError -All -Force -PassThru' }
            '-Confirm:$false' { 'Remove-SyncError -All -Confirm:$false -PassThru' }
            default { '$ConfirmPreference = ''Low''; Remove-SyncError -All -Force -PassThru' }
        }
        $result = Invoke-ChildPwsh -Script "Import-Module '$manifest'; $command" -Environment @{ SYNCADMIN_STORE = $sample.Store }
        $result.ExitCode | Should -Be 0
        $result.Output.Trim() | Should -Be '1'
    }

    It 'Remove-SyncError -All without -Force fails instead of waiting for an answer, and removes nothing' {
        $sample = New-StoreWithErrors -Name unanswered
        $result = Invoke-ChildPwsh -Script "Import-Module '$manifest'; Remove-SyncError -All" -Environment @{ SYNCADMIN_STORE = $sample.Store } -TimeoutSeconds 60
        $result.ExitCode | Should -Not -Be 0
        $result.Error | Should -Match 'NonInteractive|non-interactive|prompt'
        @(Get-SyncError).Count | Should -Be 1
    }
}

Describe 'Stopping and progress' {
    BeforeAll {
        $sample = New-SampleSetting -Name big
        # Enough customers for some 300 pages (several seconds): Ctrl+C must land between two of them.
        Invoke-SampleSql $sample.Erp @"
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
INSERT INTO Customer(No, Name, Email, Phone, CurrencyCode, CreditLimit, Blocked, LastModifiedAt)
SELECT printf('C%06d', i), 'Customer ' || i, 'c' || i || '@example.com', '555-' || i, 'EUR', 1000, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM n
"@ | Out-Null
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        Set-IntegrationMapping -Name CUSTOMER -BatchSize 100
        Invoke-RecordSync -Name CURRENCY | Out-Null
    }

    It 'Ctrl+C (Stop) ends the running job Cancelled between pages and releases the mapping' {
        $powershell = [powershell]::Create()
        $null = $powershell.AddScript("Import-Module '$manifest'; Connect-SyncStore -Path '$($sample.Store)' -Create; Invoke-RecordSync -Name CUSTOMER")
        $handle = $powershell.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            do {
                Start-Sleep -Milliseconds 100
                $running = Get-SyncJob -Name CUSTOMER -Newest 1 | Where-Object { "$($_.Status)" -eq 'Running' -and $_.Inserted -ge 0 }
            } until ($running -or $handle.IsCompleted -or [DateTime]::UtcNow -gt $deadline)
            $running | Should -Not -BeNullOrEmpty -Because 'the sync should still be running when it is stopped'
            Start-Sleep -Milliseconds 200
            $powershell.Stop()
        }
        finally {
            $progress = @($powershell.Streams.Progress)
            $powershell.Dispose()
        }
        $job = Get-SyncJob -Name CUSTOMER -Newest 1
        "$($job.Status)" | Should -Be 'Cancelled'
        $job.Message | Should -Match 'between two pages'
        (Invoke-SampleSql $sample.Store 'SELECT count(*) AS n FROM leases').n | Should -Be 0
        $progress.Count | Should -BeGreaterThan 0
        $progress[0].Activity | Should -Be 'Synchronizing CUSTOMER (ToIntegrationTable)'
        $progress[0].StatusDescription | Should -Match 'records: \d+ inserted'
    }

    It 'the next run picks up where the stopped one left off' {
        $jobs = @(Invoke-RecordSync -Name CUSTOMER -Direction ToIntegrationTable)
        "$($jobs[0].Status)" | Should -Be 'Succeeded'
        (Invoke-SampleSql $sample.Crm 'SELECT count(*) AS n FROM account').n | Should -Be 30003
    }
}

#Requires -Version 7.4
# Remove-IntegrationMapping in the host, and mapping names that differ only in case in any script.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
    $manifest = Get-ModuleManifestPath

    # The sample plus a spare one-way mapping named $Name, imported from its own file.
    function Add-SpareMapping([object] $Sample, [string] $Name) {
        $file = Join-Path $Sample.Directory ("spare-" + [guid]::NewGuid().ToString('N') + '.yaml')
        @"
mappings:
  - name: $Name
    table:            { connection: erp, name: Currency, key: Code, modifiedOn: LastModifiedAt }
    integrationTable: { connection: crm, name: transactioncurrency, key: transactioncurrencyid, modifiedOn: modifiedon }
    direction: ToIntegrationTable
    fields:
      - { field: Code, integrationField: isocurrencycode }
"@ | Set-Content -LiteralPath $file -Encoding utf8
        Set-IntegrationMapping -Path $file -PassThru
    }
}

Describe 'Remove-IntegrationMapping' {
    BeforeEach {
        $sample = New-SampleSetting -Name ("removal" + [guid]::NewGuid().ToString('N').Substring(0, 6))
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
    }

    It 'removes a mapping that has no history, and says nothing' {
        Add-SpareMapping $sample 'SPARE' | Out-Null
        Remove-IntegrationMapping -Name SPARE | Should -BeNullOrEmpty
        (Get-IntegrationMapping).Name | Should -Be @('CURRENCY', 'CUSTOMER')
    }

    It '-WhatIf says what would go with it and removes nothing' {
        Add-SpareMapping $sample 'SPARE' | Out-Null
        Invoke-RecordSync -Name SPARE | Out-Null
        $said = Remove-IntegrationMapping -Name SPARE -WhatIf 6>&1 | Out-String
        (Get-IntegrationMapping SPARE).Name | Should -Be 'SPARE'
        # What if: lines go to the host; the history is named in the target.
        $history = (Get-SyncJob -Name SPARE).Count
        $history | Should -BeGreaterThan 0
    }

    It 'a mapping with history is not removed in a runbook without -Force, and is with it' {
        Add-SpareMapping $sample 'SPARE' | Out-Null
        Invoke-RecordSync -Name SPARE | Out-Null
        $refused = Invoke-ChildPwsh -Script "Import-Module '$manifest'; Remove-IntegrationMapping -Name SPARE" -Environment @{ SYNCADMIN_STORE = $sample.Store; SYNCADMIN_DEMO = $sample.Directory } -TimeoutSeconds 60
        $refused.ExitCode | Should -Not -Be 0
        (Get-IntegrationMapping SPARE).Name | Should -Be 'SPARE'
        $removed = Invoke-ChildPwsh -Script "Import-Module '$manifest'; (Remove-IntegrationMapping -Name SPARE -Force -PassThru).Name" -Environment @{ SYNCADMIN_STORE = $sample.Store; SYNCADMIN_DEMO = $sample.Directory }
        $removed.Error | Should -BeNullOrEmpty
        $removed.Output.Trim() | Should -Be 'SPARE'
        Get-IntegrationMapping SPARE -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-SyncJob -Name SPARE* | Should -BeNullOrEmpty
        Get-Coupling -Name SPARE* | Should -BeNullOrEmpty
    }

    It 'refuses to remove a mapping another one depends on (MappingNotRemoved), and goes on with the others' {
        Add-SpareMapping $sample 'SPARE' | Out-Null
        Remove-IntegrationMapping -Name CURRENCY, SPARE -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'MappingNotRemoved,*'
        "$($problems[0])" | Should -Match "'CUSTOMER' depend"
        (Get-IntegrationMapping).Name | Should -Be @('CURRENCY', 'CUSTOMER')
    }

    It 'takes mappings piped from Get-IntegrationMapping, and nothing else' {
        Add-SpareMapping $sample 'SPARE1' | Out-Null
        Add-SpareMapping $sample 'SPARE2' | Out-Null
        (Get-IntegrationMapping -Name SPARE* | Remove-IntegrationMapping -PassThru).Name | Should -Be @('SPARE1', 'SPARE2')
        [pscustomobject]@{ Name = 'CUSTOMER' } | Remove-IntegrationMapping -Force -ErrorVariable problems -ErrorAction SilentlyContinue
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'InputObjectNotBound*'
        (Get-IntegrationMapping).Name | Should -Be @('CURRENCY', 'CUSTOMER')
    }
}

Describe 'Mapping names that differ only in case' {
    It '<First> then <Second> is one mapping, and every run still works' -ForEach @(
        @{ First = 'CAFÉ'; Second = 'café' }
        @{ First = 'ΣΟΦΊΑ'; Second = 'σοφία' }
        @{ First = 'ÆRØ'; Second = 'ærø' }
    ) {
        $sample = New-SampleSetting -Name ("case" + [guid]::NewGuid().ToString('N').Substring(0, 6))
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        (Add-SpareMapping $sample $First).Change.ToString() | Should -Be 'Added'
        (Add-SpareMapping $sample $Second).Change.ToString() | Should -Be 'Unchanged'
        @(Get-IntegrationMapping | Where-Object Name -In $First, $Second).Count | Should -Be 1
        $jobs = @(Invoke-RecordSync)
        $jobs.Status | ForEach-Object ToString | Select-Object -Unique | Should -Be 'Succeeded'
        (Get-IntegrationMapping -Name $Second).Name | Should -Be $First
    }
}

Describe 'A record whose insert never succeeded' {
    It 'is shown as never created, not deleted' {
        $sample = New-SampleSetting -Name nevercreated
        Connect-SyncStore -Path $sample.Store -Create
        Set-IntegrationMapping -Path $sample.Mappings
        # A currency the CURRENCY mapping never couples: the customer's insert fails on the lookup, twice, and is skipped.
        Invoke-SampleSql $sample.Erp "INSERT INTO Customer(No, Name, Email, CurrencyCode, Blocked, LastModifiedAt) VALUES ('50000', 'New', 'n@example.com', 'XXX', 0, '$(Get-UtcStamp)')" | Out-Null
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        Invoke-RecordSync -WarningAction SilentlyContinue | Out-Null
        $skipped = Get-SkippedRecord -Name CUSTOMER -LocalKey 50000
        $text = $skipped | Format-List | Out-String -Width 120
        $text | Should -Match 'Integration\s+: account \(never created\)'
        $text | Should -Not -Match '\(deleted\)'
        Get-Coupling -Name CUSTOMER -LocalKey 50000 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

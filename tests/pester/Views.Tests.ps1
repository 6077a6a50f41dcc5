#Requires -Version 7.4
# The default views as an admin sees them: at 120 columns (a console) and 80 (a runbook's log). What matters comes first
# (counters, status, the record), messages wrap instead of being cut, nested objects read as text, no time is 0001-01-01.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
    $sample = New-TroubledSample -Name views

    function Assert-FitsWidth([string] $Text, [int] $Width) {
        $long = @($Text -split "`r?`n" | Where-Object { $_.Length -gt $Width })
        $long | Should -BeNullOrEmpty -Because "no line may be wider than $Width columns"
    }

    function Get-HeaderLine([string] $Table) { ($Table -split "`r?`n" | Where-Object { $_ -match '\S' } | Select-Object -First 1).Trim() }
}

Describe 'Default table views at <_> columns' -ForEach 80, 120 {
    BeforeAll { $width = $_ }

    It 'Get-SyncJob shows status and every counter but Deleted at 80, and also Deleted, Kind and Started at 120' {
        $table = Get-SyncJob | Out-String -Width $width
        Assert-FitsWidth $table $width
        $headers = (Get-HeaderLine $table) -split '\s+'
        foreach ($column in 'Id', 'Mapping', 'Pass', 'Status', 'Inserted', 'Modified', 'Unchanged', 'Skipped', 'Failed') { $headers | Should -Contain $column }
        if ($width -ge 120) { foreach ($column in 'Deleted', 'Kind', 'Started') { $headers | Should -Contain $column } }
        # No header is squeezed into a fragment of itself.
        $headers | Where-Object { $_ -notin 'Id', 'Mapping', 'Pass', 'Status', 'Inserted', 'Modified', 'Unchanged', 'Skipped', 'Failed', 'Deleted', 'Kind', 'Started' } |
            Should -BeNullOrEmpty
    }

    It 'Get-IntegrationMapping shows the counters and the last run' {
        $table = Get-IntegrationMapping | Out-String -Width $width
        Assert-FitsWidth $table $width
        $headers = (Get-HeaderLine $table) -split '\s+'
        foreach ($column in 'Name', 'Direction', 'Coupled', 'Failed', 'Skipped', 'Errors', 'LastRun') { $headers | Should -Contain $column }
        if ($width -ge 120) { $headers | Should -Contain 'Tables' }
    }

    It 'Get-SyncError shows each message whole, wrapped' {
        $errors = @(Get-SyncError)
        $table = $errors | Out-String -Width $width
        Assert-FitsWidth $table $width
        $shown = (Get-TableColumnText -Table $table -Header 'Message') -replace '\s', ''
        foreach ($error in $errors) { $shown | Should -BeLike "*$($error.Message -replace '\s', '')*" }
    }

    It 'Get-SkippedRecord shows the record and its whole reason, wrapped' {
        $records = @(Get-SkippedRecord)
        $table = $records | Out-String -Width $width
        Assert-FitsWidth $table $width
        $table | Should -Match 'Customer 10000'
        $shown = (Get-TableColumnText -Table $table -Header 'Reason') -replace '\s', ''
        foreach ($record in $records) { $shown | Should -BeLike "*$($record.Reason -replace '\s', '')*" }
    }

    It 'Get-Coupling shows both keys and both directions' {
        $table = Get-Coupling -Name CUSTOMER | Out-String -Width $width
        Assert-FitsWidth $table $width
        foreach ($coupling in Get-Coupling -Name CUSTOMER) { $table | Should -Match ([regex]::Escape($coupling.IntegrationKey)) }
        $table | Should -Match 'Mapping: CUSTOMER'
        foreach ($column in 'LocalKey', 'IntegrationKey', 'To', 'From') { ((Get-HeaderLine ($table -replace '(?m)^\s*Mapping: .*$', '')) -split '\s+') | Should -Contain $column }
    }

    It 'the troubleshooting kit''s tables fit: <_>' -ForEach @(
        'Test-SyncSetup', 'Get-SyncError -Summary', 'Compare-SyncedRecord -Name CUSTOMER',
        'Set-IntegrationMapping -Name CUSTOMER -LocalWatermark (Get-Date).AddMinutes(-5) -PassThru') {
        $table = & ([scriptblock]::Create("$_ | Out-String -Width $width"))
        $table | Should -Not -BeNullOrEmpty
        Assert-FitsWidth $table $width
        $table | Should -Not -Match 'SyncAdmin\.(Engine|Parameters)\.'
    }

    It 'Get-SyncRecord is a list that fits, its fields one per line' {
        $text = Get-SyncRecord -Mapping CUSTOMER -LocalKey 10000 | Out-String -Width $width
        Assert-FitsWidth $text $width
        foreach ($label in 'Mapping', 'Local', 'Integration', 'To', 'From', 'Skipped', 'Fields') { $text | Should -Match "(?m)^$label\s+:" }
        ($text -replace '\s', '') | Should -Match ([regex]::Escape("CreditLimit<->creditlimit:base'5000',local'7500'*,integration'9000'*"))
        Assert-FitsWidth ((Get-SyncRecord -Mapping CUSTOMER -LocalKey 10000).Fields | Out-String -Width $width) $width
    }

    It 'the fields of a skipped record and a dry run''s records fit' {
        Assert-FitsWidth ((Get-SkippedRecord).Fields | Out-String -Width $width) $width
        $preview = (Invoke-RecordSync -WhatIf -WarningAction SilentlyContinue).Records | Out-String -Width $width
        Assert-FitsWidth $preview $width
        $preview | Should -Match 'Skipped'
        Assert-FitsWidth (Set-IntegrationMapping -Path $sample.Mappings -PassThru | Out-String -Width $width) $width
    }
}

Describe 'Nested objects read as text' {
    It 'Format-List of <_> names no .NET type' -ForEach @(
        'Get-Coupling -Name CUSTOMER', 'Get-IntegrationMapping', 'Get-SkippedRecord', 'Get-SyncJob -Newest 2', 'Get-SyncError -Newest 2',
        '(Invoke-RecordSync -WhatIf -WarningAction SilentlyContinue).Records', '(Get-SkippedRecord).Fields',
        'Set-IntegrationMapping -Path $sample.Mappings -PassThru', 'Connect-SyncStore -Path $sample.Store -Create -PassThru',
        'Get-SyncRecord -Mapping CUSTOMER -LocalKey 10000', 'Test-SyncSetup -Name CUSTOMER', 'Get-SyncError -Summary',
        'Compare-SyncedRecord -Name CUSTOMER', '(Get-SyncRecord -Mapping CUSTOMER -LocalKey 30000).Fields') {
        $text = & ([scriptblock]::Create("$_ | Format-List | Out-String -Width 120"))
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match 'SyncAdmin\.(Engine|Parameters)\.|System\.Collections|System\.Object\[\]'
    }

    It 'a coupling''s directions, bases and pending intent say what they are' {
        $text = Get-Coupling -Name CUSTOMER -LocalKey 10000 | Format-List | Out-String -Width 120
        $text | Should -Match 'To\s+: Failed \(job \d+, \d{4}-\d\d-\d\d'
        $text | Should -Match 'LocalBase\s+: No = 10000; Name = Adatum Corporation'
        (Get-Coupling -Name CUSTOMER -LocalKey 10000).To.ToString() | Should -Match 'changed on both sides'
    }
}

Describe 'Times' {
    It 'a -WhatIf job has the time of the dry run, not 0001-01-01, and a duration under a minute' {
        $before = [DateTimeOffset]::UtcNow.AddSeconds(-1)
        $jobs = @(Invoke-RecordSync -WhatIf -WarningAction SilentlyContinue)
        $jobs.Count | Should -BeGreaterThan 0
        foreach ($job in $jobs) {
            $job.StartedAt | Should -BeGreaterOrEqual $before
            $job.Duration.TotalMinutes | Should -BeLessThan 1
            $job.Duration.TotalMilliseconds | Should -BeGreaterOrEqual 0
        }
        $text = $jobs | Out-String -Width 120
        $text | Should -Not -Match '0001-01-01'
        $jobs | Format-List | Out-String | Should -Not -Match '0001-01-01|739\d\d\d'
    }
}

#Requires -Version 7.4
# The troubleshooting kit in the real host: Test-SyncSetup, Get-SyncRecord, watermarks, Remove-SyncJob,
# Get-SyncError -Summary and its filters, Compare-SyncedRecord into New-Coupling.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
}

Describe 'Test-SyncSetup' {
    BeforeAll { $sample = New-TroubledSample -Name setup }

    It 'writes one typed result per check, grouped by mapping, and nothing fails on a working sample' {
        $results = @(Test-SyncSetup)
        $results | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique | Should -Be 'SyncAdmin.Engine.Admin.SetupCheckResult'
        $results.Mapping | Select-Object -Unique | Sort-Object | Should -Be @('CURRENCY', 'CUSTOMER')
        @($results | Where-Object { "$($_.Status)" -eq 'Failed' }) | Should -BeNullOrEmpty
        foreach ($check in 'Connection', 'File', 'Read', 'Write', 'Index', 'Clock', 'Schema', 'Lookup') {
            @($results | Where-Object { "$($_.Check)" -eq $check }).Count | Should -BeGreaterThan 0 -Because "a $check check runs"
        }
        Test-SyncSetup -Quiet | Should -BeExactly $true
    }

    It 'takes mappings from the pipeline and by wildcard' {
        (Get-IntegrationMapping CURRENCY | Test-SyncSetup).Mapping | Select-Object -Unique | Should -Be 'CURRENCY'
        (Test-SyncSetup -Name CUST*).Mapping | Select-Object -Unique | Should -Be 'CUSTOMER'
    }

    It 'names a database it cannot open, with the file, and -Quiet says $false' {
        $moved = "$($sample.Crm).away"
        Move-Item $sample.Crm $moved
        try {
            $failed = @(Test-SyncSetup -Name CUSTOMER | Where-Object { "$($_.Status)" -eq 'Failed' })
            $failed.Count | Should -Be 1
            "$($failed[0].Check)" | Should -Be 'Connection'
            $failed[0].Message | Should -Match "Cannot open connection 'crm'"
            $failed[0].Message | Should -Match 'crm\.db'
            Test-SyncSetup -Quiet | Should -BeExactly $false
        }
        finally { Move-Item $moved $sample.Crm }
    }

    It 'lists lookup values that are not coupled and values that exist nowhere' {
        Invoke-SampleSql $sample.Erp "INSERT INTO Currency(Code, Description, LastModifiedAt) VALUES ('CHF', 'Swiss franc', '$(Get-UtcStamp)')" | Out-Null
        Invoke-SampleSql $sample.Erp "UPDATE Customer SET CurrencyCode = 'CHF' WHERE No = '20000'" | Out-Null
        Invoke-SampleSql $sample.Erp "UPDATE Customer SET CurrencyCode = 'ZZZ' WHERE No = '30000'" | Out-Null
        try {
            $lookup = Test-SyncSetup -Name CUSTOMER | Where-Object { "$($_.Check)" -eq 'Lookup' -and $_.Table -eq 'Customer' }
            "$($lookup.Status)" | Should -Be 'Failed'
            $lookup.Message | Should -Match "exist in Currency but are not coupled \('CHF'\)"
            $lookup.Message | Should -Match "do not exist in Currency at all \('ZZZ'\)"
            $lookup.Details | Should -Be @('not coupled: CHF', 'does not exist: ZZZ')
            Test-SyncSetup -Name CUSTOMER -Quiet | Should -BeExactly $false
        }
        finally {
            Invoke-SampleSql $sample.Erp "UPDATE Customer SET CurrencyCode = 'EUR' WHERE No IN ('20000', '30000')" | Out-Null
            Invoke-SampleSql $sample.Erp "DELETE FROM Currency WHERE Code = 'CHF'" | Out-Null
        }
    }

    It 'a name that matches no mapping is an error and -Quiet is $false' {
        Test-SyncSetup -Name NOPE -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'MappingNotFound*'
        Test-SyncSetup -Name NOPE -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
    }

    It 'writes nothing to the databases or the store' {
        $databases = @($sample.Erp, $sample.Crm, $sample.Store)
        $before = Get-DatabaseSnapshot $databases
        Test-SyncSetup | Out-Null
        Get-DatabaseSnapshot $databases | Should -Be $before
    }
}

Describe 'Get-SyncRecord' {
    BeforeAll { $sample = New-TroubledSample -Name records }

    It 'shows the rows behind <_>' -ForEach @('Get-SyncError -Name CUSTOMER', 'Get-SkippedRecord', 'Get-Coupling -Name CUSTOMER -LocalKey 10000',
        'Compare-SyncedRecord -Name CUSTOMER') {
        $records = @(& ([scriptblock]::Create("$_ | Get-SyncRecord")))
        $records.Count | Should -BeGreaterThan 0
        $records | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique | Should -Be 'SyncAdmin.Engine.Admin.SyncRecord'
        $records.Mapping | Select-Object -Unique | Should -Be 'CUSTOMER'
    }

    It 'shows the conflict of 10000 field by field: base, both values, the changed ones marked' {
        $record = Get-SyncRecord -Mapping CUSTOMER -LocalKey 10000
        "$($record.Local)", "$($record.Integration)" | Should -Be @('Exists', 'Exists')
        $limit = $record.Fields | Where-Object Field -EQ 'CreditLimit'
        $limit.BaseLocalValue, $limit.LocalValue, $limit.IntegrationValue | Should -Be @('5000', '7500', '9000')
        $limit.LocalChanged | Should -BeTrue
        $limit.IntegrationChanged | Should -BeTrue
        $text = $record | Out-String -Width 120
        $text | Should -Match "CreditLimit <-> creditlimit: base '5000', local '7500' \*, integration '9000' \*"
        $text | Should -Match "local 'EUR' → '[0-9a-f-]{36}'"
        $text | Should -Match 'Skipped\s+: Cannot update account'
    }

    It 'says the account of 30000 was deleted' {
        $record = Get-SyncRecord -Mapping CUSTOMER -LocalKey 30000
        "$($record.Integration)" | Should -Be 'Deleted'
        ($record | Out-String -Width 120) | Should -Match 'Integration : account [0-9a-f-]{36} \(deleted\)'
    }

    It 'a record not coupled, and a key no row has' {
        "$((Get-SyncRecord CUSTOMER 99999).Local)" | Should -Be 'NotFound'
        Invoke-SampleSql $sample.Erp "INSERT INTO Customer(No, Name, Email, Blocked, LastModifiedAt) VALUES ('50000', 'Fresh', 'fresh@example.com', 0, '$(Get-UtcStamp)')" | Out-Null
        $fresh = Get-SyncRecord -Mapping CUSTOMER -LocalKey 50000
        "$($fresh.Local)", "$($fresh.Integration)" | Should -Be @('Exists', 'NotCoupled')
    }

    It 'a key that does not fit the key column, a missing key and an unknown mapping are errors with their ids' {
        Get-SyncRecord -Mapping CUSTOMER -IntegrationKey 'not-a-guid' -ErrorVariable bad -ErrorAction SilentlyContinue
        "$($bad[0].FullyQualifiedErrorId)" | Should -BeLike 'SyncRecordNotRead*'
        "$($bad[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $bad[0].Exception.Message | Should -Match "'not-a-guid' is not a key of table 'account'"
        Get-SyncRecord -Mapping CUSTOMER -ErrorVariable none -ErrorAction SilentlyContinue
        "$($none[0].FullyQualifiedErrorId)" | Should -BeLike 'RecordKeyMissing*'
        Get-SyncRecord -Mapping NOPE -LocalKey 1 -ErrorVariable unknown -ErrorAction SilentlyContinue
        "$($unknown[0].FullyQualifiedErrorId)" | Should -BeLike 'MappingNotFound*'
    }

    It 'goes on after a bad item in a pipeline' {
        $items = @(
            [pscustomobject]@{ Mapping = 'CUSTOMER'; LocalKey = '10000' }
            [pscustomobject]@{ Mapping = 'CUSTOMER'; IntegrationKey = 'bad' }
            [pscustomobject]@{ Mapping = 'CUSTOMER'; LocalKey = '20000' }
        )
        $records = @($items | Get-SyncRecord -ErrorVariable problems -ErrorAction SilentlyContinue)
        $records.LocalKey | Should -Be @('10000', '20000')
        $problems.Count | Should -Be 1
    }
}

Describe 'Watermarks' {
    BeforeAll { $sample = New-TroubledSample -Name watermarks }

    It 'Get-IntegrationMapping shows both watermarks and Set-IntegrationMapping moves them' {
        $mapping = Get-IntegrationMapping CUSTOMER
        $mapping.LocalWatermark | Should -Not -BeNullOrEmpty
        ($mapping | Format-List | Out-String) | Should -Match 'IntegrationWatermark\s+: \d{4}-\d\d-\d\d'
        $time = [DateTime]::new(2026, 1, 2, 3, 4, 5, [DateTimeKind]::Utc)
        $changes = @(Set-IntegrationMapping -Name CUSTOMER -LocalWatermark $time -PassThru)
        $changes.Count | Should -Be 1
        "$($changes[0].Side)" | Should -Be 'Local'
        $changes[0].NewWatermark.UtcDateTime | Should -Be $time
        (Get-IntegrationMapping CUSTOMER).LocalWatermark.UtcDateTime | Should -Be $time
    }

    It '-ResetWatermark clears both; -WhatIf said how many records the next run reads, and it reads them' {
        $said = Get-WhatIfText { Set-IntegrationMapping -Name CUSTOMER -ResetWatermark -WhatIf }
        # Three customers pass the mapping's filter (Blocked = 0); the fourth is blocked.
        $said | Should -Match 'Local watermark \(Customer\).*the next run reads 3 record\(s\)'
        Set-IntegrationMapping -Name CUSTOMER -ResetWatermark
        $mapping = Get-IntegrationMapping CUSTOMER
        $mapping.LocalWatermark | Should -BeNullOrEmpty
        $mapping.IntegrationWatermark | Should -BeNullOrEmpty
        # An incremental pass now reads every customer the filter selects again, as -WhatIf said.
        $verbose = Invoke-RecordSync -Name CUSTOMER -Direction ToIntegrationTable -WarningAction SilentlyContinue -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match 'page 1 \([^)]*\): 3 record\(s\) read'
        "$verbose" | Should -Match 'no watermark|every record'

        (Get-IntegrationMapping CUSTOMER).LocalWatermark | Should -Not -BeNullOrEmpty
    }

    It 'refuses a time in the future and -ResetWatermark with a time, and changes nothing' {
        $before = (Get-IntegrationMapping CUSTOMER).LocalWatermark
        Set-IntegrationMapping -Name CUSTOMER -LocalWatermark (Get-Date).AddDays(2) -ErrorVariable future -ErrorAction SilentlyContinue
        "$($future[0].FullyQualifiedErrorId)" | Should -BeLike 'WatermarkNotMoved*'
        $future[0].Exception.Message | Should -Match 'in the future'
        Set-IntegrationMapping -Name CUSTOMER -ResetWatermark -LocalWatermark (Get-Date) -ErrorVariable both -ErrorAction SilentlyContinue
        $both[0].Exception.Message | Should -Match 'cannot be combined'
        (Get-IntegrationMapping CUSTOMER).LocalWatermark | Should -Be $before
    }
}

Describe 'Remove-SyncJob' {
    BeforeEach { $sample = New-TroubledSample -Name "jobs$([guid]::NewGuid().ToString('N').Substring(0, 6))" }

    It '-OlderThan keeps the jobs errors and skipped records refer to, says so, and -Force removes them' {
        $referenced = @(Get-SyncError).JobId | Select-Object -Unique
        $all = @(Get-SyncJob).Count
        $removed = Remove-SyncJob -OlderThan 0 -PassThru -WarningVariable warned -WarningAction SilentlyContinue
        $removed | Should -BeGreaterThan 0
        "$warned" | Should -Match 'Kept \d+ job\(s\) that errors in the log, skipped records or unfinished writes still refer to'
        $left = @(Get-SyncJob).Id
        foreach ($id in $referenced) { $left | Should -Contain $id }
        $left.Count | Should -Be ($all - $removed)
        Remove-SyncJob -OlderThan 0 -Force -PassThru | Should -Be $left.Count
        @(Get-SyncJob) | Should -BeNullOrEmpty
        @(Get-SkippedRecord).Reason | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }
    }

    It 'removes piped jobs and jobs by id; a missing id is an error' {
        $job = Get-SyncJob | Where-Object { $_.Id -notin @(Get-SyncError).JobId } | Select-Object -First 1
        $job | Remove-SyncJob
        @(Get-SyncJob).Id | Should -Not -Contain $job.Id
        Remove-SyncJob -Id 999999 -ErrorVariable missing -ErrorAction SilentlyContinue
        "$($missing[0].FullyQualifiedErrorId)" | Should -BeLike 'SyncJobNotFound*'
    }

    It 'a number for -OlderThan is days' {
        Remove-SyncJob -OlderThan 30 -Force -PassThru | Should -Be 0
    }
}

Describe 'Get-SyncError triage' {
    BeforeAll { $sample = New-TroubledSample -Name triage }

    It '-Summary groups by mapping and cause with counts, first and last seen' {
        $all = @(Get-SyncError)
        $summary = @(Get-SyncError -Summary)
        $summary | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique | Should -Be 'SyncAdmin.Engine.Admin.SyncErrorSummary'
        ($summary | Measure-Object Count -Sum).Sum | Should -Be $all.Count
        $summary.Count | Should -BeLessThan $all.Count
        foreach ($group in $summary) {
            $group.Cause | Should -Not -Match '10000|30000'
            $group.FirstSeen | Should -BeLessOrEqual $group.LastSeen
        }
        ($summary | Out-String -Width 120) | Should -Match 'Count Kind\s+Pass LastSeen'
    }

    It 'the errors of piped jobs are summarized together' {
        $jobs = @(Get-SyncJob | Where-Object { $_.Id -in @(Get-SyncError).JobId })
        $jobs.Count | Should -BeGreaterThan 1
        $summary = @($jobs | Get-SyncError -Summary)
        ($summary | Measure-Object Count -Sum).Sum | Should -Be @(Get-SyncError).Count
    }

    It '-Category and -Direction filter' {
        @(Get-SyncError -Category Setup) | Should -BeNullOrEmpty
        @(Get-SyncError -Category Record).Count | Should -Be @(Get-SyncError).Count
        $from = @(Get-SyncError -Direction FromIntegrationTable)
        $from.Count | Should -BeGreaterThan 0
        $from.Direction | ForEach-Object { "$_" } | Select-Object -Unique | Should -Be 'FromIntegrationTable'
        { Get-SyncError -Direction Bidirectional -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Compare-SyncedRecord' {
    BeforeAll {
        $sample = New-TroubledSample -Name compare
        # A change without a new modified-on, and a customer and an account created apart with the same e-mail.
        Invoke-SampleSql $sample.Crm "UPDATE account SET name = 'Silently renamed' WHERE accountnumber = '20000'" | Out-Null
        Invoke-SampleSql $sample.Erp "INSERT INTO Customer(No, Name, Email, Blocked, LastModifiedAt) VALUES ('60000', 'Twin', 'twin@example.com', 0, '$(Get-UtcStamp)')" | Out-Null
        Invoke-SampleSql $sample.Crm "INSERT INTO account(accountid, name, emailaddress1, modifiedon) VALUES ('$([guid]::NewGuid())', 'Twin in CRM', 'twin@example.com', '$(Get-UtcStamp)')" | Out-Null
    }

    It 'finds drift, the lost counterpart and the one-to-one match' {
        $findings = @(Compare-SyncedRecord -Name CUSTOMER)
        $findings | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique | Should -Be 'SyncAdmin.Engine.Admin.ReconciliationFinding'
        $drift = $findings | Where-Object { "$($_.Kind)" -eq 'Drift' }
        $drift.LocalKey | Should -Be '20000'
        $drift.Fields.Field | Should -Be 'Name'
        ($findings | Where-Object { "$($_.Kind)" -eq 'CounterpartGone' }).LocalKey | Should -Be '30000'
        $one = $findings | Where-Object { "$($_.Kind)" -eq 'OneMatch' }
        $one.LocalKey | Should -Be '60000'
        $one.IntegrationKey | Should -Match '^[0-9a-f-]{36}$'
    }

    It '-Kind limits the findings' {
        (Compare-SyncedRecord -Name CUSTOMER -Kind Drift).Kind | ForEach-Object { "$_" } | Should -Be 'Drift'
    }

    It 'pipes into New-Coupling, which couples only the one-to-one match (-WhatIf first)' {
        Compare-SyncedRecord -Name CUSTOMER | New-Coupling -WhatIf
        Get-Coupling -Name CUSTOMER -LocalKey 60000 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $coupled = @(Compare-SyncedRecord -Name CUSTOMER | New-Coupling -Verbose 4>&1)
        $made = @($coupled | Where-Object { $_.GetType().Name -eq 'Coupling' })
        $made.LocalKey | Should -Be '60000'
        @($coupled | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Not coupled \(Drift' }).Count | Should -Be 1
        (Get-Coupling -Name CUSTOMER -LocalKey 60000).IntegrationKey | Should -Be $made.IntegrationKey
        @(Compare-SyncedRecord -Name CUSTOMER -Kind OneMatch) | Should -BeNullOrEmpty
    }

    It 'an unknown mapping is an error' {
        Compare-SyncedRecord -Name NOPE -ErrorVariable problems -ErrorAction SilentlyContinue
        "$($problems[0].FullyQualifiedErrorId)" | Should -BeLike 'MappingNotFound*'
    }
}

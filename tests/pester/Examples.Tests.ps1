#Requires -Version 7.4
# Every ```powershell block of README.md and docs/*.md, run as written on the tour's sample (SyncAdmin.Demo tour: the
# ERP and CRM synchronized, then a conflict on customer 10000 and the account of 30000 deleted, both skipped), each in
# its own copy of it, in that folder, connected to its store. A block passes when it writes no error. A block that
# cannot run here carries a line "<!-- example: not run (reason) -->" just above it and is reported as skipped.

BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $pages = @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'docs') -Filter *.md | Sort-Object Name)
    $examples = foreach ($page in $pages) {
        $lines = Get-Content -LiteralPath $page.FullName
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -ne '```powershell') { continue }
            $start = $i
            $code = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -ne '```'; $i++) { $code.Add($lines[$i]) }
            $note = if ($start -gt 0 -and $lines[$start - 1] -match '^<!-- example: not run \((.+)\) -->$') { $Matches[1] }
            @{ Where = "$($page.Name):$($start + 1)"; Code = $code -join "`n"; NotRun = $note }
        }
    }
    $runnable = @($examples | Where-Object { -not $_.NotRun })
    $notRun = @($examples | Where-Object { $_.NotRun })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    Import-Module (Get-ModuleManifestPath) -Force
    # The runbook example imports the module by name, as an installed module is.
    $env:PSModulePath = (Join-Path (Get-RepositoryRoot) 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
    $template = Join-Path $TestDrive 'tour-template'
    & dotnet (Get-SampleTool) tour $template | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "SyncAdmin.Demo tour failed to create $template" }
    $script:count = 0
}

Describe 'Documented examples' {
    It '<Where> runs on the sample without an error' -ForEach $runnable {
        $script:count++
        $folder = Join-Path $TestDrive "example-$script:count"
        Copy-Item -Path $template -Destination $folder -Recurse
        $saved = @{ SYNCADMIN_DEMO = $env:SYNCADMIN_DEMO; SYNCADMIN_STORE = $env:SYNCADMIN_STORE }
        $env:SYNCADMIN_DEMO = $folder
        Connect-SyncStore -Path (Join-Path $folder 'store.db')
        Push-Location $folder
        try {
            $output = & ([scriptblock]::Create($Code)) *>&1
        }
        catch {
            $output = @($_)
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) { Set-Item -Path "env:$name" -Value $saved[$name] }
        }
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        $errors | Should -BeNullOrEmpty -Because "the example at $Where must run as written:`n$Code"
    }

    It '<Where> is not run: <NotRun>' -ForEach $notRun -Skip {
    }
}

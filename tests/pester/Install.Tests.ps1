#Requires -Version 7.4
# Installing as users install modules: the built module published to a local folder repository with PSResourceGet (it
# ships with pwsh), installed with Install-PSResource, then imported by name in a clean pwsh that runs the help and a
# sync of the sample. The child processes get a home folder of their own, so the repository registration and the
# CurrentUser module folder are the test's, never the machine's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSupport.ps1')
    $moduleFolder = Join-Path (Get-RepositoryRoot) 'out/SyncAdmin'
}

Describe 'The manifest carries what the PowerShell Gallery asks for' {
    It 'has <_>' -ForEach 'Author', 'Description', 'CompanyName', 'Copyright', 'ModuleVersion', 'GUID', 'CompatiblePSEditions', 'PowerShellVersion' {
        $manifest = Import-PowerShellDataFile (Join-Path $moduleFolder 'SyncAdmin.psd1')
        $manifest[$_] | Should -Not -BeNullOrEmpty
    }

    It 'has tags, project and licence URIs, and release notes' {
        $data = (Import-PowerShellDataFile (Join-Path $moduleFolder 'SyncAdmin.psd1')).PrivateData.PSData
        $data.Tags | Should -Contain 'PSEdition_Core'
        foreach ($uri in $data.ProjectUri, $data.LicenseUri) { [uri]::IsWellFormedUriString($uri, 'Absolute') | Should -BeTrue }
        $data.ReleaseNotes | Should -Match '0\.1\.0'
        Test-Path (Join-Path (Get-RepositoryRoot) 'LICENSE') | Should -BeTrue
        Test-ModuleManifest -Path (Join-Path $moduleFolder 'SyncAdmin.psd1') | Should -Not -BeNullOrEmpty
    }
}

Describe 'Publish-PSResource, Install-PSResource, Import-Module SyncAdmin' -Skip:$IsWindows {
    BeforeAll {
        $repository = Join-Path $TestDrive 'repository'
        $homeFolder = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Path $repository, $homeFolder -Force | Out-Null
        $isolated = @{ HOME = $homeFolder; XDG_DATA_HOME = ''; XDG_CONFIG_HOME = ''; XDG_CACHE_HOME = '' }
        $data = Join-Path $homeFolder '.local/share'
        $install = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name SyncAdminLocal -Uri '$repository' -Trusted
Publish-PSResource -Path '$moduleFolder' -Repository SyncAdminLocal
(Install-PSResource -Name SyncAdmin -Repository SyncAdminLocal -Scope CurrentUser -TrustRepository -PassThru).InstalledLocation
"@
        $installed = Invoke-ChildPwsh -Script $install -Environment $isolated -TimeoutSeconds 300
    }

    It 'publishes the module to the folder repository and installs it for the current user' {
        $installed.Error | Should -BeNullOrEmpty
        $installed.ExitCode | Should -Be 0
        Get-ChildItem $repository -Filter 'SyncAdmin.*.nupkg' | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $data 'powershell/Modules/SyncAdmin/*/SyncAdmin.psd1') | Should -BeTrue
    }

    It 'a clean pwsh -NoProfile imports it by name, finds about_SyncAdmin and synchronizes the sample' {
        $sample = New-SampleSetting -Name installed
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module SyncAdmin
(Get-Module SyncAdmin).ModuleBase
(Get-Help about_SyncAdmin | Out-String) -match 'SHORT DESCRIPTION'
Connect-SyncStore -Path '$($sample.Store)' -Create
Set-IntegrationMapping -Path '$($sample.Mappings)'
(Invoke-RecordSync | Measure-Object -Property Inserted -Sum).Sum
"@
        $result = Invoke-ChildPwsh -Script $script -Environment $isolated
        $result.Error | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $lines = @($result.Output -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -BeLike "$data*"
        $lines[1] | Should -Be 'True'
        $lines[2] | Should -Be '5'
    }
}

#Requires -Version 5.1
<#
.SYNOPSIS
    Registers a Windows Task Scheduler job that runs the benchgate suite every night.

.DESCRIPTION
    Creates (or replaces, with -Force) the scheduled task -TaskName for the current user: a
    daily trigger at -At runs Invoke-BenchgateNightly.ps1 (beside this script) with
    powershell.exe -NoProfile -ExecutionPolicy Bypass. That script cds to -RepoPath, runs
    `benchgate start` into results\nightly-<UTC time> and uploads the run when -UploadUrl is
    given. The upload token is read from the BENCHGATE_UPLOAD_TOKEN environment variable of the
    user at run time; it is never part of the task's command line:
        [Environment]::SetEnvironmentVariable('BENCHGATE_UPLOAD_TOKEN', '<token>', 'User')
    -Unregister removes the task. -WhatIf shows what would be done.

.PARAMETER RepoPath
    The benchgate checkout (with its build). Default: two folders above this script.

.PARAMETER At
    The time of day, e.g. "02:00" (local time). Default 02:00.

.PARAMETER TaskName
    The task's name. Default "benchgate-nightly".

.PARAMETER UploadUrl
    An https:// URL for `benchgate upload` (optional).

.PARAMETER StartArgs
    More flags for `benchgate start`, e.g. @('--bench=^mlp$', '--repetitions=5').

.EXAMPLE
    .\Register-BenchgateTask.ps1 -RepoPath C:\src\benchgate -At 01:30 -UploadUrl https://bench.example.com/api/runs
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string]$RepoPath = (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)),
    [ValidatePattern('^([01]?[0-9]|2[0-3]):[0-5][0-9]$')]
    [string]$At = '02:00',
    [ValidatePattern('^[A-Za-z0-9_.-]+$')]
    [string]$TaskName = 'benchgate-nightly',
    [string]$UploadUrl = '',
    [string[]]$StartArgs = @(),
    [switch]$Unregister,
    [switch]$Force
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

if ($Unregister) {
    if ($PSCmdlet.ShouldProcess($TaskName, 'Unregister-ScheduledTask')) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
        Write-Host "benchgate: removed the scheduled task $TaskName"
    }
    return
}

if (-not (Test-Path -LiteralPath $RepoPath -PathType Container)) {
    throw "RepoPath '$RepoPath' is not a folder"
}
$RepoPath = (Resolve-Path -LiteralPath $RepoPath).Path
if ($UploadUrl -and ($UploadUrl -notmatch '^https://[^@/\s]+(/\S*)?$')) {
    throw "UploadUrl '$UploadUrl' is not an https:// URL without user:password@"
}
foreach ($arg in $StartArgs) {
    if ($arg -notmatch '^--[a-z-]+(=[^"`$]*)?$') {
        throw "StartArgs: '$arg' is not a --flag or --flag=value without quotes or `$"
    }
}

$runner = Join-Path $PSScriptRoot 'Invoke-BenchgateNightly.ps1'
if (-not (Test-Path -LiteralPath $runner -PathType Leaf)) {
    throw "$runner is missing"
}

# The command line of the task: every value quoted; no secret in it.
$argList = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass',
    '-File', ('"{0}"' -f $runner), '-RepoPath', ('"{0}"' -f $RepoPath))
if ($UploadUrl) {
    $argList += @('-UploadUrl', ('"{0}"' -f $UploadUrl))
}
if ($StartArgs.Count -gt 0) {
    $argList += @('-StartArgs', (($StartArgs | ForEach-Object { "'{0}'" -f $_ }) -join ','))
}

$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ($argList -join ' ') `
    -WorkingDirectory $RepoPath
$trigger = New-ScheduledTaskTrigger -Daily -At $At
$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -DontStopIfGoingOnBatteries `
    -AllowStartIfOnBatteries -MultipleInstances IgnoreNew `
    -ExecutionTimeLimit (New-TimeSpan -Hours 6)
$principal = New-ScheduledTaskPrincipal -UserId ([Environment]::UserName) -LogonType S4U `
    -RunLevel Limited

$existing = Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
if ($existing -and -not $Force) {
    throw "a task named $TaskName exists already (use -Force to replace it)"
}

if ($PSCmdlet.ShouldProcess($TaskName, "Register-ScheduledTask daily at $At")) {
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger `
        -Settings $settings -Principal $principal `
        -Description "benchgate: nightly benchmark run of $RepoPath" -Force | Out-Null
    Write-Host "benchgate: scheduled task $TaskName runs every day at $At"
    Write-Host "  run it now: Start-ScheduledTask -TaskName $TaskName"
    Write-Host "  its log:    $(Join-Path $RepoPath 'results\nightly.log')"
}

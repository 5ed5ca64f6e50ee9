#Requires -Version 5.1
<#
.SYNOPSIS
    One scheduled benchgate run: cd to the checkout, `benchgate start`, then the upload.

.DESCRIPTION
    Runs `benchgate start --no-ui --output-dir=results/nightly-<UTC time>` in -RepoPath (so its
    bench.yaml applies; `benchgate start` sends the notifications of bench.yaml notify:), then
    `benchgate upload -UploadUrl RUN_DIR` when an URL is given. benchgate is a POSIX program:
    it runs natively when -Benchgate points to a Windows build (MSYS2, Cygwin), otherwise inside
    WSL (wsl.exe --cd REPO -- ./build/src/cli/benchgate ...). Every step is appended to
    results\nightly.log with a time stamp. The upload token comes from the environment variable
    BENCHGATE_UPLOAD_TOKEN (passed on to WSL through WSLENV, never on a command line).
    Exit code: that of benchgate start (0 ok, 1 regression, 3 failed, ...); 2 for bad usage or a
    failed upload after a good run.

.PARAMETER RepoPath
    The benchgate checkout. Default: two folders above this script.

.PARAMETER Benchgate
    A native benchgate executable. Default: none, run through WSL.

.PARAMETER UploadUrl
    An https:// URL for `benchgate upload` (optional).

.PARAMETER StartArgs
    More flags for `benchgate start`.

.PARAMETER DryRun
    Print the commands instead of running them.
#>
[CmdletBinding()]
param(
    [string]$RepoPath = (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)),
    [string]$Benchgate = '',
    [string]$UploadUrl = '',
    [string[]]$StartArgs = @(),
    [switch]$DryRun
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

function Write-Log {
    param([string]$Message)
    $line = '{0} benchgate-nightly: {1}' -f (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'), $Message
    Write-Host $line
    if (-not $DryRun) {
        Add-Content -LiteralPath $script:LogFile -Value $line -Encoding UTF8
    }
}

# Runs benchgate with the arguments, natively or in WSL; returns its exit code.
function Invoke-Benchgate {
    param([string[]]$Arguments)
    if ($Benchgate) {
        $exe = $Benchgate
        $all = $Arguments
    } else {
        $exe = 'wsl.exe'
        $all = @('--cd', $RepoPath, '--', './build/src/cli/benchgate') + $Arguments
    }
    if ($DryRun) {
        Write-Log ("would run: {0} {1}" -f $exe, ($all -join ' '))
        return 0
    }
    & $exe @all
    return $LASTEXITCODE
}

if (-not (Test-Path -LiteralPath $RepoPath -PathType Container)) {
    Write-Error "RepoPath '$RepoPath' is not a folder"
    exit 2
}
if ($UploadUrl -and ($UploadUrl -notmatch '^https://[^@/\s]+(/\S*)?$')) {
    Write-Error "UploadUrl '$UploadUrl' is not an https:// URL without user:password@"
    exit 2
}
Set-Location -LiteralPath $RepoPath
$results = Join-Path $RepoPath 'results'
if (-not (Test-Path -LiteralPath $results)) {
    New-Item -ItemType Directory -Path $results | Out-Null
}
$script:LogFile = Join-Path $results 'nightly.log'
$stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
$runDir = "results/nightly-$stamp"
if ($env:BENCHGATE_UPLOAD_TOKEN) {
    $env:WSLENV = 'BENCHGATE_UPLOAD_TOKEN/u' + $(if ($env:WSLENV) { ':' + $env:WSLENV } else { '' })
}

Write-Log "start: $runDir"
$code = Invoke-Benchgate (@('start', '--no-ui', "--output-dir=$runDir") + $StartArgs)
Write-Log "benchgate start exited $code"

if ($UploadUrl) {
    $resultFile = Join-Path $RepoPath ($runDir + '/result.json')
    if ($DryRun -or (Test-Path -LiteralPath $resultFile)) {
        $up = Invoke-Benchgate @('upload', $UploadUrl, $runDir)
        if ($up -ne 0) {
            Write-Log "warning: the upload of $runDir failed (exit $up)"
            if ($code -eq 0) {
                $code = 2
            }
        } else {
            Write-Log "uploaded $runDir"
        }
    }
}
exit $code

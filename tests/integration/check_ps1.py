#!/usr/bin/env python3
"""check_ps1.py - a structural lint of PowerShell 5.1 scripts, for machines without pwsh.

usage: check_ps1.py FILE.ps1...

PowerShell itself is not available here, so this checks what can be checked without it:
- the tokens: comments (# and <# #>), strings ('...' with '' escapes, "..." with ` escapes and
  $(...) subexpressions), here-strings; (), {} and [] balanced in code, and every string and
  block comment closed;
- a backtick line continuation is the last character of its line;
- "#Requires -Version 5.1", a comment-based help block with .SYNOPSIS, [CmdletBinding()] and
  a param() block before any other statement, Set-StrictMode;
- no syntax newer than Windows PowerShell 5.1 in code (??, ?., &&, ||, the ?: operator);
- every Verb-Noun command is a known cmdlet or a function defined in the file, and the
  parameters given to the ScheduledTasks cmdlets exist;
- a script that calls Register-ScheduledTask also uses New-ScheduledTaskTrigger -Daily and
  New-ScheduledTaskAction.
Exit: 0 clean, 1 problems (each printed as FILE:LINE: problem).
"""
import re
import sys

CMDLETS = {
    "Register-ScheduledTask", "Unregister-ScheduledTask", "New-ScheduledTaskAction",
    "New-ScheduledTaskTrigger", "New-ScheduledTaskSettingsSet", "New-ScheduledTaskPrincipal",
    "Get-ScheduledTask", "Start-ScheduledTask", "New-TimeSpan", "Test-Path", "Resolve-Path",
    "Join-Path", "Split-Path", "Write-Host", "Write-Error", "Write-Warning", "Write-Verbose",
    "Add-Content", "Get-Date", "Set-Location", "New-Item", "Out-Null", "ForEach-Object",
    "Where-Object", "Set-StrictMode", "Get-Content", "Set-Content", "Remove-Item", "Get-Command",
}
PARAMS = {
    "New-ScheduledTaskTrigger": {"Daily", "Weekly", "Once", "AtLogOn", "AtStartup", "At",
                                 "DaysInterval", "DaysOfWeek", "WeeksInterval",
                                 "RandomDelay", "User"},
    "New-ScheduledTaskAction": {"Execute", "Argument", "WorkingDirectory", "Id"},
    "New-ScheduledTaskSettingsSet": {
        "StartWhenAvailable", "DontStopIfGoingOnBatteries", "AllowStartIfOnBatteries",
        "MultipleInstances", "ExecutionTimeLimit", "RestartCount", "RestartInterval",
        "RunOnlyIfNetworkAvailable", "WakeToRun", "Hidden", "DontStopOnIdleEnd", "Priority"},
    "New-ScheduledTaskPrincipal": {"UserId", "LogonType", "RunLevel", "GroupId", "Id"},
    "Register-ScheduledTask": {"TaskName", "TaskPath", "Action", "Trigger", "Settings",
                               "Principal", "Description", "Force", "User", "Password",
                               "RunLevel", "InputObject", "Xml"},
    "Unregister-ScheduledTask": {"TaskName", "TaskPath", "Confirm", "WhatIf", "InputObject"},
    "Get-ScheduledTask": {"TaskName", "TaskPath", "ErrorAction"},
}
PAIRS = {"(": ")", "{": "}", "[": "]"}


class Scanner:
    """Splits a script into code (strings and comments blanked) and reports token errors."""

    def __init__(self, text, path):
        self.t, self.i, self.path, self.errors = text, 0, path, []
        self.code = []  # (line, text) of code, strings replaced by ''

    def line(self, i=None):
        return self.t.count("\n", 0, self.i if i is None else i) + 1

    def error(self, msg, i=None):
        self.errors.append("%s:%d: %s" % (self.path, self.line(i), msg))

    def single(self):
        start, self.i = self.i, self.i + 1
        while self.i < len(self.t):
            if self.t[self.i] == "'":
                if self.t.startswith("''", self.i):
                    self.i += 2
                    continue
                self.i += 1
                return
            self.i += 1
        self.error("a '...' string is not closed", start)

    def double(self):
        start, self.i = self.i, self.i + 1
        while self.i < len(self.t):
            c = self.t[self.i]
            if c == "`":
                self.i += 2
            elif c == '"':
                self.i += 1
                return
            elif self.t.startswith("$(", self.i):
                self.i += 2
                self.scan(")")
            else:
                self.i += 1
        self.error('a "..." string is not closed', start)

    def scan(self, closer=None):
        """Code until closer (or the end); returns when the closer is consumed."""
        stack, out = [], []
        while self.i < len(self.t):
            c = self.t[self.i]
            if self.t.startswith("<#", self.i):
                end = self.t.find("#>", self.i)
                if end < 0:
                    self.error("a <# block comment is not closed")
                    self.i = len(self.t)
                    break
                out.append("\n" * self.t.count("\n", self.i, end))
                self.i = end + 2
            elif c == "#":
                end = self.t.find("\n", self.i)
                self.i = len(self.t) if end < 0 else end
            elif self.t.startswith('@"', self.i) or self.t.startswith("@'", self.i):
                q = self.t[self.i + 1]
                end = self.t.find("\n" + q + "@", self.i)
                if end < 0:
                    self.error("a here-string is not closed")
                    self.i = len(self.t)
                    break
                out.append("''" + "\n" * self.t.count("\n", self.i, end))
                self.i = end + 3
            elif c == "'":
                s = self.i
                self.single()
                out.append("''" + "\n" * self.t.count("\n", s, self.i))
            elif c == '"':
                s = self.i
                self.double()
                out.append("''" + "\n" * self.t.count("\n", s, self.i))
            elif c == "`" and self.i + 1 < len(self.t):
                if self.t[self.i + 1] in " \t":
                    rest = self.t[self.i + 1:self.t.find("\n", self.i) if "\n" in
                                  self.t[self.i:] else len(self.t)]
                    if rest.strip() == "":
                        self.error("a line continuation (`) is followed by blanks")
                out.append(self.t[self.i:self.i + 2])
                self.i += 2
            elif c in PAIRS:
                stack.append((c, self.i))
                out.append(c)
                self.i += 1
            elif c in PAIRS.values():
                if not stack and c == closer:
                    self.i += 1
                    self.code.append("".join(out))
                    return
                if not stack or PAIRS[stack[-1][0]] != c:
                    self.error("'%s' closes nothing that is open" % c)
                else:
                    stack.pop()
                out.append(c)
                self.i += 1
            else:
                out.append(c)
                self.i += 1
        for opener, at in stack:
            self.error("'%s' is never closed" % opener, at)
        if closer:
            self.error("a $( subexpression is not closed")
        self.code.append("".join(out))


def top_level_params(rest):
    """The -Name parameters of a command: those outside the (...) of its arguments."""
    depth, out, i = 0, [], 0
    while i < len(rest):
        c = rest[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                break
        elif c in "|;" and depth == 0:
            break
        elif c == "-" and depth == 0 and (i == 0 or rest[i - 1] in " \t"):
            m = re.match(r"-([A-Za-z]+)", rest[i:])
            if m:
                out.append(m.group(1))
                i += len(m.group(0))
                continue
        i += 1
    return out


def check(path):
    text = open(path, encoding="utf-8-sig").read()
    sc = Scanner(text, path)
    sc.scan()
    errors = sc.errors
    code = sc.code[-1]  # the top level (subexpressions were appended before it)
    if not re.search(r"(?m)^#Requires -Version 5\.1\s*$", text):
        errors.append("%s: no '#Requires -Version 5.1' line" % path)
    if ".SYNOPSIS" not in text:
        errors.append("%s: no comment-based help (.SYNOPSIS)" % path)
    stripped = [ln.strip() for ln in code.splitlines() if ln.strip()]
    if not stripped or not stripped[0].startswith("[CmdletBinding("):
        errors.append("%s: the first statement is not [CmdletBinding(...)]" % path)
    if len(stripped) < 2 or not stripped[1].lower().startswith("param("):
        errors.append("%s: no param( block right after [CmdletBinding()]" % path)
    if "Set-StrictMode" not in code:
        errors.append("%s: no Set-StrictMode" % path)
    for n, ln in enumerate(code.splitlines(), 1):
        for bad, what in (("??", "the ?? operator (PowerShell 7)"), ("?.", "?. (PowerShell 7)"),
                          ("&&", "&& (PowerShell 7)"), ("||", "|| (PowerShell 7)")):
            if bad in ln:
                errors.append("%s:%d: %s" % (path, n, what))
        if re.search(r"\s\?\s[^:]*\s:\s", ln):
            errors.append("%s:%d: the ?: operator (PowerShell 7)" % (path, n))
    defined = set(re.findall(r"(?im)^\s*function\s+([A-Za-z]+-[A-Za-z]+)", code))
    logical = re.sub(r"`\n", " ", code)
    for n, ln in enumerate(logical.splitlines(), 1):
        for name in re.findall(r"(?<![\w$.-])([A-Z][a-z]+-[A-Z][A-Za-z]+)(?![\w-])", ln):
            if name not in CMDLETS and name not in defined:
                errors.append("%s: unknown command %s (line %d of the joined code)" % (path, name, n))
        for cmd, known in PARAMS.items():
            for m in re.finditer(re.escape(cmd) + r"\b", ln):
                for p in top_level_params(ln[m.end():]):
                    if p not in known:
                        errors.append("%s: %s has no parameter -%s" % (path, cmd, p))
    if "Register-ScheduledTask" in code:
        if not re.search(r"New-ScheduledTaskTrigger\s+-Daily", code):
            errors.append("%s: no daily trigger (New-ScheduledTaskTrigger -Daily)" % path)
        if "New-ScheduledTaskAction" not in code:
            errors.append("%s: no New-ScheduledTaskAction" % path)
    return errors


def main(paths):
    errors = []
    for p in paths:
        errors += check(p)
    for e in errors:
        print(e)
    if not errors:
        print("check_ps1.py: %d file(s) clean (structure only: pwsh is not run)" % len(paths))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

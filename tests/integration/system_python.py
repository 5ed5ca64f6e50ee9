"""system_python.py - importing a module that Debian ships for /usr/bin/python3 only.

The python3 on PATH (pyenv, a venv) may lack python3-jsonschema or python3-matplotlib, which
Debian installs for /usr/bin/python3. require() imports the module; when it is missing it runs
the script again under /usr/bin/python3, once, and when that cannot help it prints the skip
and exits 77, the code CTest reads as skipped.
"""
import importlib
import os
import sys

REEXEC_GUARD = "BENCHGATE_SYSTEM_PYTHON_REEXEC"
SYSTEM_PYTHON = "/usr/bin/python3"


def require(module, package):
    """@return the imported module (or does not return: re-exec or exit 77)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        pass
    if (not os.environ.get(REEXEC_GUARD) and os.path.exists(SYSTEM_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)):
        os.environ[REEXEC_GUARD] = "1"
        script = os.path.abspath(sys.argv[0])
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, script] + sys.argv[1:])
    print("SKIP: %s not installed" % package)
    sys.exit(77)

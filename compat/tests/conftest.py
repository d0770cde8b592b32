"""Shared helpers for the tests of the odoo11compat layer.

The tests run with or without the pytest-odoo plugin (registered as
``odoo``): ``pytest compat/tests -p no:odoo`` and plain ``pytest
compat/tests`` both work.  The plugin's session fixture ``load_registry``
opens an Odoo registry on the configured database; these tests need no
database, so it is shadowed below by a fixture of the same name.

Fresh interpreters: the layer is loaded by a ``.pth`` file at start-up, so
whatever the test process sees has already been patched.  To look at an
interpreter *without* the layer, or at the layer's own start-up, the tests
start ``sys.executable`` in a subprocess, with ``-S`` (no ``site``, hence no
``.pth``) and an explicit ``sys.path`` when needed.
"""

import atexit
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile

import pytest

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
COMPAT_DIR = os.path.dirname(TESTS_DIR)
SITE_PACKAGES = sysconfig.get_paths()["purelib"]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's database fixture: no registry is needed here."""
    yield


_EMPTY_DIR = []


def _empty_dir():
    """An empty working directory, so that ``-c``'s ``''`` entry of sys.path
    brings in nothing."""
    if not _EMPTY_DIR:
        path = tempfile.mkdtemp(prefix="odoo11compat-tests-")
        atexit.register(shutil.rmtree, path, True)
        _EMPTY_DIR.append(path)
    return _EMPTY_DIR[0]


def _child_env():
    env = dict(os.environ)
    # The child must see exactly the sys.path the test gives it.
    for name in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONNOUSERSITE"):
        env.pop(name, None)
    return env


def run_python(
    code,
    no_site=False,
    with_compat=False,
    with_site_packages=False,
    args=(),
    flags=(),
    timeout=300,
    cwd=None,
):
    """Run ``code`` in a new interpreter of this virtualenv.

    ``no_site`` starts it with ``-S`` (the ``.pth`` file is not read); then
    ``with_compat`` / ``with_site_packages`` put the layer's directory /
    the venv's site-packages on ``sys.path`` before ``code`` runs.
    Returns the CompletedProcess (stdout/stderr as text).
    """
    prelude = ""
    if no_site:
        if with_site_packages:
            prelude += "import sys; sys.path.append(%r)\n" % SITE_PACKAGES
        if with_compat:
            prelude += "import sys; sys.path.insert(0, %r)\n" % COMPAT_DIR
    cmd = [sys.executable] + list(flags)
    if no_site:
        cmd.append("-S")
    cmd += ["-c", prelude + code] + list(args)
    return subprocess.run(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
        timeout=timeout,
        env=_child_env(),
        cwd=cwd or _empty_dir(),
    )


@pytest.fixture
def python():
    """The :func:`run_python` helper, as a fixture."""
    return run_python

"""Tests of odoo11compat.hook, the post-import hook.

Every test imports throw-away modules written under ``tmp_path`` (with a
name unique to the test), registers callbacks for them, and removes both
the modules and the callbacks afterwards.
"""

import importlib
import importlib.machinery
import inspect
import itertools
import os
import pkgutil
import sys
import traceback
import zipfile

import pytest
from odoo11compat import hook

_COUNTER = itertools.count()


class Sandbox(object):
    """Writes modules under a sys.path entry and cleans up after the test."""

    def __init__(self, root):
        self.root = str(root)
        self.prefix = "hooktest_%d_%d" % (os.getpid(), next(_COUNTER))
        self.registered = []

    def name(self, suffix):
        return "%s_%s" % (self.prefix, suffix)

    def write(self, relpath, text):
        path = os.path.join(self.root, relpath)
        folder = os.path.dirname(path)
        if not os.path.isdir(folder):
            os.makedirs(folder)
        with open(path, "w") as handle:
            handle.write(text)
        importlib.invalidate_caches()
        return path

    def when_imported(self, name, callback):
        self.registered.append(name)
        hook.when_imported(name, callback)

    def cleanup(self):
        for name in list(sys.modules):
            if name.startswith(self.prefix):
                del sys.modules[name]
        for name in self.registered:
            hook._CALLBACKS.pop(name, None)


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    box = Sandbox(tmp_path)
    yield box
    box.cleanup()


def test_finder_is_installed_once():
    assert hook._FINDER in sys.meta_path
    assert sys.meta_path.count(hook._FINDER) == 1


def test_callback_runs_after_the_module_code(sandbox):
    name = sandbox.name("mod")
    sandbox.write(name + ".py", "import sys\nSTATE = 'initial'\nLAST = 42\n")
    seen = []

    def callback(module):
        seen.append(
            (
                module.__name__,
                module.STATE,
                module.LAST,
                sys.modules.get(name) is module,
            )
        )
        module.STATE = "patched"

    sandbox.when_imported(name, callback)
    assert seen == []  # not imported yet: nothing ran
    module = importlib.import_module(name)
    # the whole body had run (LAST is the last line), the module was
    # already in sys.modules, and the patch is visible to the importer
    assert seen == [(name, "initial", 42, True)]
    assert module.STATE == "patched"


def test_callback_runs_once_per_import(sandbox):
    name = sandbox.name("once")
    sandbox.write(name + ".py", "X = 1\n")
    calls = []
    sandbox.when_imported(name, calls.append)
    first = importlib.import_module(name)
    second = importlib.import_module(name)
    namespace = {}
    exec("import %s as again" % name, namespace)
    assert first is second is namespace["again"]
    assert calls == [first]


def test_callbacks_run_in_registration_order(sandbox):
    name = sandbox.name("order")
    sandbox.write(name + ".py", "VALUE = []\n")
    sandbox.when_imported(name, lambda m: m.VALUE.append("first"))
    sandbox.when_imported(name, lambda m: m.VALUE.append("second"))
    assert importlib.import_module(name).VALUE == ["first", "second"]


def test_runs_at_once_if_already_imported(sandbox):
    name = sandbox.name("early")
    sandbox.write(name + ".py", "X = 1\n")
    module = importlib.import_module(name)
    calls = []
    sandbox.when_imported(name, calls.append)
    assert calls == [module]
    # and the module was not wrapped afterwards
    assert not isinstance(module.__spec__.loader, hook._PatchingLoader)


def test_submodule_of_package(sandbox):
    pkg = sandbox.name("pkg")
    sandbox.write(os.path.join(pkg, "__init__.py"), "")
    sandbox.write(os.path.join(pkg, "sub.py"), "WHO = __name__\n")
    seen = []
    sandbox.when_imported(pkg + ".sub", lambda m: seen.append(m.WHO))
    namespace = {}
    exec("from %s import sub" % pkg, namespace)
    assert seen == [pkg + ".sub"]
    assert namespace["sub"].WHO == pkg + ".sub"
    # the parent package was imported normally
    assert not isinstance(sys.modules[pkg].__spec__.loader, hook._PatchingLoader)


def test_package_registered_by_name(sandbox):
    pkg = sandbox.name("regpkg")
    sandbox.write(os.path.join(pkg, "__init__.py"), "INIT = True\n")
    sandbox.write(os.path.join(pkg, "child.py"), "C = 1\n")
    seen = []
    sandbox.when_imported(pkg, lambda m: seen.append(m.INIT))
    module = importlib.import_module(pkg)
    assert seen == [True]
    assert module.__path__ == [os.path.join(sandbox.root, pkg)]
    assert importlib.import_module(pkg + ".child").C == 1


def test_other_imports_are_left_alone(sandbox):
    watched = sandbox.name("watched")
    other = sandbox.name("other")
    sandbox.write(watched + ".py", "X = 1\n")
    sandbox.write(other + ".py", "Y = 2\n")
    calls = []
    sandbox.when_imported(watched, calls.append)

    assert hook._FINDER.find_spec(other) is None
    module = importlib.import_module(other)
    assert calls == []
    assert type(module.__spec__.loader) is importlib.machinery.SourceFileLoader
    assert type(module.__loader__) is importlib.machinery.SourceFileLoader

    watched_module = importlib.import_module(watched)
    assert isinstance(watched_module.__spec__.loader, hook._PatchingLoader)
    assert calls == [watched_module]


def test_unknown_registered_name_falls_through(sandbox):
    name = sandbox.name("missing")
    sandbox.when_imported(name, lambda m: pytest.fail("must not run"))
    assert hook._FINDER.find_spec(name) is None
    with pytest.raises(ImportError):
        importlib.import_module(name)


def test_failing_module_does_not_run_callback(sandbox):
    name = sandbox.name("broken")
    sandbox.write(name + ".py", "X = 1\nraise RuntimeError('broken module')\n")
    calls = []
    sandbox.when_imported(name, calls.append)
    with pytest.raises(RuntimeError):
        importlib.import_module(name)
    assert calls == []
    assert name not in sys.modules


def test_loader_and_source_stay_available(sandbox):
    name = sandbox.name("src")
    source = "def add(a, b):\n    return a + b\n\n\ndef fail():\n    raise KeyError('from fail')\n"
    path = sandbox.write(name + ".py", source)
    sandbox.when_imported(name, lambda m: None)
    module = importlib.import_module(name)

    # the module sees the real loader, the spec keeps the wrapper
    assert type(module.__loader__) is importlib.machinery.SourceFileLoader
    assert module.__spec__.loader.loader is module.__loader__
    assert module.__loader__.get_source(name) == source
    assert module.__spec__.loader.get_source(name) == source  # forwarded
    assert module.__spec__.loader.get_filename(name) == path
    assert module.__spec__.loader.is_package(name) is False
    assert module.__file__ == path
    assert inspect.getsource(module.add) == "def add(a, b):\n    return a + b\n"

    try:
        module.fail()
    except KeyError:
        text = traceback.format_exc()
    assert "raise KeyError('from fail')" in text
    assert path in text


def test_traceback_source_from_zip_via_loader(sandbox, tmp_path):
    """Inside a zip, linecache can only get the lines through the module's
    ``__loader__.get_source``: the hook must not hide it."""
    name = sandbox.name("zipped")
    archive = str(tmp_path / "bundle.zip")
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(
            name + ".py", "def boom():\n    raise ValueError('boom in zip')\n"
        )
    sys.path.insert(0, archive)
    try:
        sandbox.when_imported(name, lambda m: None)
        module = importlib.import_module(name)
        assert isinstance(module.__spec__.loader, hook._PatchingLoader)
        try:
            module.boom()
        except ValueError:
            text = traceback.format_exc()
        assert "raise ValueError('boom in zip')" in text
    finally:
        sys.path.remove(archive)


def test_package_data_through_wrapped_loader(sandbox):
    pkg = sandbox.name("datapkg")
    sandbox.write(os.path.join(pkg, "__init__.py"), "")
    sandbox.write(os.path.join(pkg, "data.txt"), "payload")
    sandbox.when_imported(pkg, lambda m: None)
    module = importlib.import_module(pkg)
    assert isinstance(module.__spec__.loader, hook._PatchingLoader)
    assert pkgutil.get_data(pkg, "data.txt") == b"payload"
    # importlib.resources.files (3.9+), looked up dynamically for vermin
    files = getattr(importlib.import_module("importlib.resources"), "files", None)
    if files is not None:
        assert files(pkg).joinpath("data.txt").read_text() == "payload"


def test_reload_runs_callback_again(sandbox):
    """A reloaded module is re-executed from scratch: the patches must be
    re-applied, and they are."""
    name = sandbox.name("reload")
    sandbox.write(name + ".py", "PATCHED = False\n")

    def patch(module):
        module.PATCHED = True

    sandbox.when_imported(name, patch)
    module = importlib.import_module(name)
    assert module.PATCHED is True
    module = importlib.reload(module)
    assert module.PATCHED is True


def test_when_imported_on_real_odoo_module_was_applied():
    import odoo11compat

    importlib.import_module("odoo.tools.safe_eval")
    assert "odoo.tools.safe_eval" in hook._CALLBACKS
    assert "odoo.tools.safe_eval" in odoo11compat.APPLIED
    module = sys.modules["odoo.tools.safe_eval"]
    assert isinstance(module.__spec__.loader, hook._PatchingLoader)
    assert type(module.__loader__) is importlib.machinery.SourceFileLoader
    # Odoo's own file, still readable for tracebacks
    assert "def safe_eval(" in inspect.getsource(module)

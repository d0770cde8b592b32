"""A minimal post-import hook: run a function right after a module loads.

Odoo's patches must wait until the module they fix exists, and must not
import Odoo early (that would change Odoo's own start-up order).  The hook
is a meta-path finder that answers only for the registered names: it lets
the normal finders locate the module and wraps the loader so that the
patch runs after the module's code.
"""
import importlib.abc
import sys

_CALLBACKS = {}


class PostImportFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname not in _CALLBACKS:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader, _CALLBACKS[fullname])
                return spec
        return None


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, callbacks):
        self.loader = loader
        self.callbacks = callbacks

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = self.loader
        self.loader.exec_module(module)
        for callback in self.callbacks:
            callback(module)

    def __getattr__(self, name):  # get_source, get_code, ... for tracebacks
        return getattr(self.loader, name)


_FINDER = PostImportFinder()


def install():
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def when_imported(name, callback):
    """Call ``callback(module)`` once ``name`` is imported (now if it is)."""
    _CALLBACKS.setdefault(name, []).append(callback)
    if name in sys.modules:
        callback(sys.modules[name])

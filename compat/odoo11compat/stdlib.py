"""Eager patches of the Python standard library.

Each patch restores a name that Odoo 11 or one of its pinned libraries uses
and a later Python removed or changed; its first docstring line says which.
"""
import base64
import collections
import collections.abc
import hmac
import inspect
import resource
import threading
import time
import xml.etree.ElementTree as ElementTree

# collections.Mapping and friends, removed from `collections` in Python 3.10.
ABC_ALIASES = (
    "Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator",
    "AsyncGenerator", "Hashable", "Iterable", "Iterator", "Generator",
    "Reversible", "Sized", "Container", "Callable", "Collection", "Set",
    "MutableSet", "Mapping", "MutableMapping", "MappingView", "KeysView",
    "ItemsView", "ValuesView", "Sequence", "MutableSequence", "ByteString",
)

ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")


def getargspec(func):
    """inspect.getargspec, removed in Python 3.11: the 3.6 behaviour."""
    spec = inspect.getfullargspec(func)
    if spec.kwonlyargs or spec.annotations:
        raise ValueError(
            "Function has keyword-only parameters or annotations"
            ", use inspect.signature() API which can support them"
        )
    return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)


def formatargspec(args, varargs=None, varkw=None, defaults=None):
    """inspect.formatargspec, removed in Python 3.11 (the parts Odoo uses:
    no keyword-only arguments, no annotations)."""
    specs = []
    first_default = len(args) - len(defaults) if defaults else len(args)
    for i, arg in enumerate(args):
        spec = str(arg)
        if i >= first_default:
            spec += "=" + repr(defaults[i - first_default])
        specs.append(spec)
    if varargs is not None:
        specs.append("*" + varargs)
    if varkw is not None:
        specs.append("**" + varkw)
    return "(" + ", ".join(specs) + ")"


def thread_is_alive(self):
    """Thread.isAlive, removed in Python 3.9."""
    return self.is_alive()


def tree_getiterator(self, tag=None):
    """ElementTree.getiterator, removed in Python 3.9 (used by xlrd 1.2)."""
    return list(self.iter(tag))


_hmac_new = hmac.new


def hmac_new(key, msg=None, digestmod=None):
    """hmac.new without digestmod, an error since Python 3.8: MD5 as on 3.6."""
    return _hmac_new(key, msg, digestmod or "md5")


_setrlimit = resource.setrlimit


def setrlimit(res, limits):
    """resource.setrlimit with floats, a TypeError since Python 3.10 (Odoo's
    memory limits are floats after arithmetic)."""
    return _setrlimit(res, tuple(int(limit) for limit in limits))


def _html_escape(text, quote=False):
    """cgi.escape, removed in Python 3.8: only &, < and >, quotes on demand."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;")
    return text


def install(applied):
    def patch(owner, name, value, label):
        if not hasattr(owner, name):
            setattr(owner, name, value)
            applied.append(label)

    missing = [name for name in ABC_ALIASES if not hasattr(collections, name)]
    for name in missing:
        setattr(collections, name, getattr(collections.abc, name))
    if missing:
        applied.append("collections ABC aliases")
    patch(inspect, "getargspec", getargspec, "inspect.getargspec")
    patch(inspect, "formatargspec", formatargspec, "inspect.formatargspec")
    patch(base64, "encodestring", base64.encodebytes, "base64.encodestring")
    patch(base64, "decodestring", base64.decodebytes, "base64.decodestring")
    patch(threading.Thread, "isAlive", thread_is_alive, "Thread.isAlive")
    patch(time, "clock", time.process_time, "time.clock")
    patch(ElementTree.ElementTree, "getiterator", tree_getiterator,
          "ElementTree.getiterator")
    try:
        import cgi  # deprecated in 3.11, gone in 3.13
    except ImportError:  # pragma: no cover
        cgi = None
    if cgi is not None:
        patch(cgi, "escape", _html_escape, "cgi.escape")
    if hmac.new is _hmac_new:
        hmac.new = hmac_new
        applied.append("hmac.new")
    if resource.setrlimit is _setrlimit:
        resource.setrlimit = setrlimit
        applied.append("resource.setrlimit")

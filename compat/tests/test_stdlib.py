"""Tests of odoo11compat.stdlib: each patch restores the Python 3.6 name and
behaviour its docstring promises, and the layer installs once, only where
it is needed.

Expected values are Python 3.6's documented behaviour (and, for HMAC-MD5,
the RFC 2104 test vector), not values read back from the patched functions.
"""

import base64
import cgi
import collections
import collections.abc
import functools
import hashlib
import hmac
import inspect
import json
import resource
import sys
import threading
import time
import xml.etree.ElementTree as ElementTree

import odoo11compat
import pytest
from odoo11compat import hook, stdlib

# What `collections` re-exported from `collections.abc` on Python 3.6
# (_collections_abc.__all__ of 3.6).
PY36_COLLECTIONS_ABCS = (
    "Awaitable",
    "Coroutine",
    "AsyncIterable",
    "AsyncIterator",
    "AsyncGenerator",
    "Hashable",
    "Iterable",
    "Iterator",
    "Generator",
    "Reversible",
    "Sized",
    "Container",
    "Callable",
    "Collection",
    "Set",
    "MutableSet",
    "Mapping",
    "MutableMapping",
    "MappingView",
    "KeysView",
    "ItemsView",
    "ValuesView",
    "Sequence",
    "MutableSequence",
    "ByteString",
)

# label in APPLIED -> (owner, attribute, Python version that removed it)
STDLIB_PATCHES = (
    ("collections ABC aliases", "collections", "Mapping", (3, 10)),
    ("inspect.getargspec", "inspect", "getargspec", (3, 11)),
    ("inspect.formatargspec", "inspect", "formatargspec", (3, 11)),
    ("base64.encodestring", "base64", "encodestring", (3, 9)),
    ("base64.decodestring", "base64", "decodestring", (3, 9)),
    ("Thread.isAlive", "threading.Thread", "isAlive", (3, 9)),
    ("time.clock", "time", "clock", (3, 8)),
    (
        "ElementTree.getiterator",
        "xml.etree.ElementTree.ElementTree",
        "getiterator",
        (3, 9),
    ),
    ("cgi.escape", "cgi", "escape", (3, 8)),
)


# --- collections ------------------------------------------------------------


@pytest.mark.parametrize("name", PY36_COLLECTIONS_ABCS)
def test_collections_alias_is_the_abc_class(name):
    assert getattr(collections, name) is getattr(collections.abc, name)


def test_collections_aliases_cover_python36_list():
    assert set(stdlib.ABC_ALIASES) == set(PY36_COLLECTIONS_ABCS)


def test_collections_aliases_work_as_odoo_uses_them():
    namespace = {}
    exec("from collections import Mapping, MutableMapping, Sized, Iterable", namespace)
    assert isinstance({}, namespace["Mapping"])
    assert issubclass(dict, namespace["MutableMapping"])
    assert not isinstance(3, namespace["Sized"])
    assert isinstance(iter([]), collections.Iterator)
    assert issubclass(list, collections.MutableSequence)
    assert not issubclass(tuple, collections.MutableSequence)

    class Registry(collections.Mapping):  # odoo.modules.registry style
        def __getitem__(self, key):
            return key * 2

        def __iter__(self):
            return iter([1, 2])

        def __len__(self):
            return 2

    assert dict(Registry()) == {1: 2, 2: 4}


# --- inspect.getargspec / formatargspec --------------------------------------


def _f(a, b=1, *args, **kw):
    return a


def _plain(a, b):
    return a


class _Thing(object):
    def meth(self, x, y=None):
        return x


def test_getargspec_returns_python36_argspec():
    spec = inspect.getargspec(_f)
    assert spec == (["a", "b"], "args", "kw", (1,))
    assert spec._fields == ("args", "varargs", "keywords", "defaults")
    assert spec.args == ["a", "b"]
    assert spec.varargs == "args"
    assert spec.keywords == "kw"
    assert spec.defaults == (1,)


def test_getargspec_without_defaults_or_stars():
    assert inspect.getargspec(_plain) == (["a", "b"], None, None, None)
    assert inspect.getargspec(lambda: 0) == ([], None, None, None)


def test_getargspec_keeps_self_of_bound_methods():
    # 3.6: getfullargspec(skip_bound_arg=False), as Odoo's api.py expects
    assert inspect.getargspec(_Thing().meth).args == ["self", "x", "y"]
    assert inspect.getargspec(_Thing.meth).args == ["self", "x", "y"]


def test_getargspec_does_not_follow_wrapped():
    @functools.wraps(_plain)
    def wrapper(*a, **k):
        return _plain(*a, **k)

    assert inspect.getargspec(wrapper) == ([], "a", "k", None)


@pytest.mark.parametrize(
    "source",
    [
        "def g(a, *, b): pass",
        "def g(a, *, b=2): pass",
        "def g(a: int): pass",
        "def g(a) -> int: pass",
    ],
)
def test_getargspec_refuses_keyword_only_and_annotations(source):
    namespace = {}
    exec(source, namespace)
    with pytest.raises(ValueError) as info:
        inspect.getargspec(namespace["g"])
    assert "keyword-only" in str(info.value)


@pytest.mark.parametrize(
    "spec, expected",
    [
        ((["a", "b"], "args", "kw", (1,)), "(a, b=1, *args, **kw)"),
        ((["self", "x", "y"], None, None, (None, "z")), "(self, x=None, y='z')"),
        ((["a"], None, "k", ()), "(a, **k)"),
        (([], "a", None, None), "(*a)"),
        (([], None, None, None), "()"),
        ((["a", "b"], None, None, None), "(a, b)"),
        ((["a"], None, None, ([1, 2],)), "(a=[1, 2])"),
    ],
)
def test_formatargspec_matches_python36(spec, expected):
    assert inspect.formatargspec(*spec) == expected


def test_formatargspec_of_getargspec_round_trip():
    assert inspect.formatargspec(*inspect.getargspec(_f)) == "(a, b=1, *args, **kw)"


def test_odoo_ormcache_builds_its_key_function():
    # odoo.tools.cache builds "lambda <formatargspec>: (...)" and evals it.
    from odoo.tools.cache import ormcache, ormcache_context

    def method(self, model_name, mode="read"):
        return model_name

    cache = ormcache("model_name", "mode")
    cache.method = method
    cache.determine_key()
    assert cache.key(None, "res.partner") == ("res.partner", "read")
    assert cache.key(None, "res.users", mode="write") == ("res.users", "write")

    def method_ctx(self, x, context=None):
        return x

    cache = ormcache_context("x", keys=("lang",))
    cache.method = method_ctx
    cache.determine_key()
    assert cache.key(None, 5, context={"lang": "fr_FR"}) == (5, ("fr_FR",))


# --- base64 ------------------------------------------------------------------


def test_base64_encodestring_is_encodebytes():
    assert base64.encodestring is base64.encodebytes
    assert base64.encodestring(b"abc") == b"YWJj\n"
    long_output = base64.encodestring(b"x" * 100)
    assert [len(line) for line in long_output.splitlines()] == [76, 60]


def test_base64_decodestring_is_decodebytes():
    assert base64.decodestring is base64.decodebytes
    assert base64.decodestring(b"YWJj\n") == b"abc"
    data = bytes(range(256)) * 3
    assert base64.decodestring(base64.encodestring(data)) == data


# --- threading ---------------------------------------------------------------


def test_thread_isalive_follows_is_alive():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    assert thread.isAlive() is False  # not started
    thread.start()
    try:
        assert thread.isAlive() is True
    finally:
        release.set()
        thread.join(10)
    assert thread.isAlive() is False


def test_thread_isalive_on_subclass_as_in_odoo_hw_drivers():
    class Driver(threading.Thread):
        def __init__(self):
            threading.Thread.__init__(self)
            self.seen = None

        def run(self):
            self.seen = self.isAlive()

    driver = Driver()
    driver.start()
    driver.join(10)
    assert driver.seen is True
    assert driver.isAlive() is False


# --- time.clock --------------------------------------------------------------


def test_time_clock_is_process_time():
    assert time.clock is time.process_time
    start = time.clock()
    deadline = time.time() + 5
    # burn some CPU: process time must advance
    while time.clock() - start < 0.01 and time.time() < deadline:
        sum(range(1000))
    assert time.clock() > start
    assert isinstance(time.clock(), float)


def test_time_clock_ignores_sleep():
    # process time, like 3.6's clock() on Unix: sleeping does not count
    start = time.clock()
    time.sleep(0.2)
    assert time.clock() - start < 0.15


# --- ElementTree.getiterator -------------------------------------------------


def test_elementtree_getiterator():
    tree = ElementTree.ElementTree(
        ElementTree.fromstring("<a><b id='1'/><c><b id='2'/></c></a>")
    )
    everything = tree.getiterator()
    assert isinstance(everything, list)
    assert [e.tag for e in everything] == ["a", "b", "c", "b"]
    bs = tree.getiterator("b")
    assert isinstance(bs, list)
    assert [e.get("id") for e in bs] == ["1", "2"]
    assert tree.getiterator("missing") == []


# --- cgi.escape --------------------------------------------------------------


def test_cgi_escape_python36_semantics():
    text = "<a href=\"x\">Tom & 'Jerry'</a>"
    assert cgi.escape(text) == "&lt;a href=\"x\"&gt;Tom &amp; 'Jerry'&lt;/a&gt;"
    assert cgi.escape(text, True) == (
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;"
    )
    assert cgi.escape(text, quote=True) == cgi.escape(text, True)
    assert cgi.escape("&amp;") == "&amp;amp;"  # no double-escape protection
    assert cgi.escape("") == ""


# --- hmac.new ----------------------------------------------------------------


def _manual_hmac(key, msg, name):
    size = hashlib.new(name).block_size
    if len(key) > size:
        key = hashlib.new(name, key).digest()
    key = key.ljust(size, b"\0")
    inner = hashlib.new(name, bytes(k ^ 0x36 for k in key) + msg).digest()
    return hashlib.new(name, bytes(k ^ 0x5C for k in key) + inner).hexdigest()


def test_hmac_new_without_digestmod_is_md5():
    # RFC 2104 test vector (HMAC-MD5)
    assert hmac.new(b"\x0b" * 16, b"Hi There").hexdigest() == (
        "9294727a3638bb1c13f48ef8158bfc9d"
    )
    assert hmac.new(b"secret", b"token").hexdigest() == (
        _manual_hmac(b"secret", b"token", "md5")
    )
    assert hmac.new(b"secret", b"token").digest_size == 16


def test_hmac_new_without_message_then_update():
    mac = hmac.new(b"secret")
    mac.update(b"to")
    mac.update(b"ken")
    assert mac.hexdigest() == _manual_hmac(b"secret", b"token", "md5")


@pytest.mark.parametrize("digestmod", [hashlib.sha1, hashlib.sha256, "sha512"])
def test_hmac_new_with_digestmod_unchanged(digestmod):
    name = digestmod if isinstance(digestmod, str) else digestmod().name
    got = hmac.new(b"key", b"message", digestmod).hexdigest()
    assert got == _manual_hmac(b"key", b"message", name)
    got = hmac.new(b"key", b"message", digestmod=digestmod).hexdigest()
    assert got == _manual_hmac(b"key", b"message", name)


def test_hmac_new_is_needed():
    if sys.version_info < (3, 8):  # pragma: no cover
        pytest.skip("hmac.new defaulted to MD5 before 3.8")
    with pytest.raises(TypeError):
        stdlib._hmac_new(b"key", b"message")


# --- resource.setrlimit ------------------------------------------------------


@pytest.mark.parametrize("name", ["RLIMIT_NOFILE", "RLIMIT_AS"])
def test_setrlimit_accepts_floats(name):
    which = getattr(resource, name)
    soft, hard = resource.getrlimit(which)
    try:
        resource.setrlimit(which, (float(soft), float(hard)))
        assert resource.getrlimit(which) == (soft, hard)
        resource.setrlimit(which, [soft * 1.0, hard])  # any sequence, mixed
        assert resource.getrlimit(which) == (soft, hard)
    finally:
        resource.setrlimit(which, (soft, hard))


def test_setrlimit_floats_need_the_patch():
    if sys.version_info < (3, 10):  # pragma: no cover
        pytest.skip("floats were accepted before 3.10")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        with pytest.raises(TypeError):
            stdlib._setrlimit(resource.RLIMIT_NOFILE, (float(soft), float(hard)))
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_setrlimit_still_validates():
    with pytest.raises(ValueError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (1.0, 2.0, 3.0))


# --- install() -----------------------------------------------------------------


def test_applied_lists_every_stdlib_patch():
    for label, _owner, _attr, removed in STDLIB_PATCHES:
        if sys.version_info >= removed:
            assert label in odoo11compat.APPLIED
    assert "hmac.new" in odoo11compat.APPLIED
    if sys.version_info >= (3, 10):
        assert "resource.setrlimit" in odoo11compat.APPLIED


def test_install_is_idempotent_in_process():
    before = list(odoo11compat.APPLIED)
    new_hmac, new_setrlimit = hmac.new, resource.setrlimit
    callbacks = {name: list(cbs) for name, cbs in hook._CALLBACKS.items()}

    odoo11compat.install()
    hook.install()
    again = []
    stdlib.install(again)

    assert again == []
    assert odoo11compat.APPLIED == before
    assert hmac.new is new_hmac is stdlib.hmac_new
    assert resource.setrlimit is new_setrlimit is stdlib.setrlimit
    assert sys.meta_path.count(hook._FINDER) == 1
    assert {name: list(cbs) for name, cbs in hook._CALLBACKS.items()} == callbacks


def test_install_is_idempotent_in_fresh_interpreter(python):
    code = """
import json, sys, hmac
import odoo11compat
from odoo11compat import hook
odoo11compat.install()
first = list(odoo11compat.APPLIED)
patched_hmac = hmac.new
odoo11compat.install()
hook.install()
print(json.dumps({
    "first": first,
    "second": odoo11compat.APPLIED,
    "same_hmac": hmac.new is patched_hmac,
    "finders": sys.meta_path.count(hook._FINDER),
    "callbacks": {k: len(v) for k, v in hook._CALLBACKS.items()},
}))
"""
    proc = python(code, no_site=True, with_compat=True)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["first"] == result["second"]
    assert len(result["first"]) == len(set(result["first"]))
    assert result["same_hmac"] is True
    assert result["finders"] == 1
    assert set(result["callbacks"].values()) == {1}  # registered once each
    assert set(result["callbacks"]) >= {
        "odoo.tools.safe_eval",
        "odoo.addons.base.ir.ir_qweb.qweb",
        "odoo.addons.web.controllers.main",
        "odoo.tools.yaml_import",
    }


def test_install_is_a_noop_when_not_needed(python):
    code = """
import sys
real = sys.version_info
sys.version_info = (3, 6, 9)
import collections, inspect, hmac, resource, base64, time
hmac_before, setrlimit_before = hmac.new, resource.setrlimit
meta_before = list(sys.meta_path)
import odoo11compat
assert odoo11compat.needed() is False
odoo11compat.install()
assert odoo11compat.APPLIED == [], odoo11compat.APPLIED
for sub in ("odoo11compat.stdlib", "odoo11compat.hook", "odoo11compat.odoo",
            "odoo11compat.safe_eval"):
    assert sub not in sys.modules, sub
assert not hasattr(collections, "Mapping")
assert not hasattr(inspect, "getargspec")
assert not hasattr(base64, "encodestring")
assert not hasattr(time, "clock")
assert hmac.new is hmac_before and resource.setrlimit is setrlimit_before
assert sys.meta_path == meta_before
sys.version_info = real
assert odoo11compat.needed() is True
print("ok")
"""
    proc = python(code, no_site=True, with_compat=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_needed_is_true_on_this_python():
    assert odoo11compat.needed() is (sys.version_info >= (3, 8))


def test_patches_are_needed_on_this_python(python):
    """Without the layer (python -S), the names are really missing here."""
    code = """
import importlib, json


def resolve(path):
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part)
        return obj


print(json.dumps({label: hasattr(resolve(owner), attr)
                  for label, owner, attr in %r}))
""" % (
        [(label, owner, attr) for label, owner, attr, _ in STDLIB_PATCHES],
    )
    proc = python(code, no_site=True)
    assert proc.returncode == 0, proc.stderr
    present = json.loads(proc.stdout)
    for label, _owner, _attr, removed in STDLIB_PATCHES:
        if sys.version_info >= removed:
            assert present[label] is False, label


def test_import_odoo_fails_without_layer_and_works_with_it(python):
    code = """
try:
    import odoo
except ImportError as exc:
    print("ImportError: %s" % exc)
else:
    print("imported")
"""
    without = python(code, no_site=True, with_site_packages=True)
    assert without.returncode == 0, without.stderr
    assert without.stdout.startswith("ImportError"), without.stdout
    assert "collections" in without.stdout

    with_layer = python(
        "import odoo11compat.boot\n"
        + code
        + "import odoo.tools.safe_eval, odoo11compat\n"
        + "print('odoo.tools.safe_eval' in odoo11compat.APPLIED)\n",
        no_site=True,
        with_site_packages=True,
        with_compat=True,
    )
    assert with_layer.returncode == 0, with_layer.stderr
    assert with_layer.stdout.split() == ["imported", "True"]

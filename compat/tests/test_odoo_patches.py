"""Tests of odoo11compat.odoo (patches of Odoo modules) and of the way the
layer is loaded (the ``.pth`` file of the virtualenv).

QWeb, the web client's template concatenation and the YAML importer are
exercised through Odoo's own code, without a database.
"""

import ast
import builtins
import glob
import hashlib
import importlib
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

import odoo11compat
import pytest
import yaml
from lxml import etree
from odoo11compat import odoo as odoo_patches

STDLIB_LABELS_311 = [
    "collections ABC aliases",
    "inspect.getargspec",
    "inspect.formatargspec",
    "base64.encodestring",
    "base64.decodestring",
    "Thread.isAlive",
    "time.clock",
    "ElementTree.getiterator",
    "cgi.escape",
    "hmac.new",
    "resource.setrlimit",
]


def _compat_dir():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- how the layer is loaded ---------------------------------------------------


def test_pth_file_points_at_this_layer():
    found = []
    for folder in sys.path:
        for pth in glob.glob(os.path.join(folder, "*.pth")):
            with open(pth) as handle:
                text = handle.read()
            if "odoo11compat" in text:
                found.append((pth, text))
    assert len(found) == 1, found
    lines = [line.strip() for line in found[0][1].splitlines() if line.strip()]
    assert "import odoo11compat.boot" in lines
    # the layer that the tests see is the one of this checkout
    assert os.path.realpath(os.path.dirname(odoo11compat.__file__)) == (
        os.path.realpath(os.path.join(_compat_dir(), "odoo11compat"))
    )


@pytest.mark.parametrize("flags", [(), ("-I",), ("-E", "-s")])
def test_python_c_import_odoo_works(python, flags):
    proc = python("import odoo; print(odoo.release.version)", flags=flags)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "11.0"


def test_layer_patches_at_startup_without_importing_odoo(python):
    code = """
import json, sys
import odoo11compat
from odoo11compat import hook
state = {
    "applied": list(odoo11compat.APPLIED),
    "odoo_loaded": sorted(m for m in sys.modules if m == "odoo" or m.startswith("odoo.")),
    "finder": hook._FINDER in sys.meta_path,
}
import odoo.tools.safe_eval
state["after_safe_eval"] = list(odoo11compat.APPLIED)
import odoo.addons.base.ir.ir_qweb.qweb
import odoo.addons.web.controllers.main
import odoo.tools.yaml_import
state["after_all"] = list(odoo11compat.APPLIED)
print(json.dumps(state))
"""
    proc = python(code)
    assert proc.returncode == 0, proc.stderr
    state = json.loads(proc.stdout)
    assert state["odoo_loaded"] == []
    assert state["finder"] is True
    # at start-up: the standard library patches, nothing about Odoo yet
    if sys.version_info[:2] == (3, 11):
        assert set(state["applied"]) >= set(STDLIB_LABELS_311)
    assert not [label for label in state["applied"] if label.startswith("odoo.")]
    assert state["after_safe_eval"][: len(state["applied"])] == state["applied"]
    assert "odoo.tools.safe_eval" in state["after_safe_eval"]
    extra = set(state["after_all"]) - set(state["applied"])
    assert extra >= {
        "odoo.tools.safe_eval",
        "odoo.addons.base.ir.ir_qweb.qweb",
        "odoo.addons.web.controllers.main",
        "odoo.tools.yaml_import",
    }
    assert len(state["after_all"]) == len(set(state["after_all"]))


def test_odoo_command_line_entry_point(python):
    # what odoo-bin does: odoo.cli.main() with the command-line arguments
    proc = python("import odoo; odoo.cli.main()", args=["--version"])
    assert proc.returncode == 0, proc.stderr
    assert "Odoo Server 11.0" in proc.stdout


def test_pytest_process_has_the_layer():
    assert odoo11compat.hook._FINDER in sys.meta_path
    assert "hmac.new" in odoo11compat.APPLIED


# --- QWeb ----------------------------------------------------------------------

# Line breaks inside tags only (between attributes): they do not change the
# output, unlike those between elements, which the expected text shows.
TEMPLATES = """<templates>
<t t-name="main"><div><t t-set="x" t-value="3"/><t t-set="label">L<t t-esc="x"/></t>
<p t-if="flag">yes</p><p t-else="">no</p><p t-if="not flag">A</p><p
    t-elif="x == 3">B</p><p t-else="">C</p>
<ul><li t-foreach="items" t-as="i" t-att-class="'c%s' % i_index"
    t-att-data-first="i_first" t-att-data-last="i_last"><t t-esc="i"/></li></ul>
<i t-foreach="{'k': 1}" t-as="kv"><t t-esc="kv"/>=<t t-esc="kv_value"/></i><b
    t-foreach="3" t-as="n"><t t-esc="n"/></b>
<span t-att-a="none" t-att-b="true" t-att-c="false" t-att-d="'x'" t-att-e="''"
    t-att-f="zero" t-attf-g="v-{{x}}-#{x + 1}" t-att="{'h': 'H'}"/>
<t t-esc="x * 2"/>|<t t-raw="html"/>|<t t-esc="html"/>|<t t-esc="none">default</t>|<t
    t-esc="false">dflt</t>|<t t-esc="zero"/>|<t t-esc="label"/>
<t t-call="hello"><t t-set="who" t-value="'bob'"/></t><t t-call="wrap"><em>body</em></t>
</div></t>
<t t-name="hello"><b>hi <t t-esc="who"/></b></t>
<t t-name="wrap"><b><t t-raw="0"/></b></t>
<t t-name="svg"><svg xmlns="http://www.w3.org/2000/svg"><t t-call="inner"/></svg></t>
<t t-name="inner"><g t-att-id="'gid'"/></t>
</templates>"""

EXPECTED_MAIN = (
    "<div>\n"
    "<p>yes</p><p>B</p>\n"
    '<ul><li class="c0" data-first="True">a</li>'
    '<li class="c1" data-last="True">b</li></ul>\n'
    "<i>k=1</i><b>0</b><b>1</b><b>2</b>\n"
    '<span b="True" d="x" e="" g="v-3-4" h="H"></span>\n'
    "6|<i>&</i>|&lt;i&gt;&amp;&lt;/i&gt;|default|dflt|0|L3\n"
    "<b>hi bob</b><b><em>body</em></b>\n"
    "</div>"
)

VALUES = {
    "flag": True,
    "items": ["a", "b"],
    "none": None,
    "true": True,
    "false": False,
    "zero": 0,
    "html": "<i>&</i>",
}


def _qweb():
    from odoo.addons.base.ir.ir_qweb.qweb import QWeb

    return QWeb()


def _load(name, options):
    return TEMPLATES


def test_qweb_module_uses_the_patched_compile():
    qweb = importlib.import_module("odoo.addons.base.ir.ir_qweb.qweb")
    assert qweb.compile is odoo_patches.qweb_compile
    assert "odoo.addons.base.ir.ir_qweb.qweb" in odoo11compat.APPLIED


def test_qweb_renders_directives():
    out = _qweb().render("main", VALUES, load=_load)
    assert isinstance(out, bytes)
    assert out.decode("utf8") == EXPECTED_MAIN


def test_qweb_else_branch_and_empty_loop():
    values = dict(VALUES, flag=False, items=[])
    out = _qweb().render("main", values, load=_load).decode("utf8")
    assert "<p>no</p><p>A</p>" in out
    assert "<ul></ul>" in out


def test_qweb_namespaced_call():
    # t-call inside an element with a default namespace passes an nsmap whose
    # key is None: QWeb builds ast.Name(id='None') for it.
    out = _qweb().render("svg", {}, load=_load).decode("utf8")
    assert out == '<svg xmlns="http://www.w3.org/2000/svg"><g id="gid"></g></svg>'


def test_qweb_renders_an_lxml_element():
    element = etree.fromstring(
        '<div t-name="x"><t t-esc="1 + 1"/>'
        '<t t-foreach="[1, 2]" t-as="v"><t t-esc="v"/></t>'
        '<t t-if="w is None">none</t></div>'
    )
    assert _qweb().render(element, {"w": None}) == b"<div>212none</div>"


def test_qweb_runtime_error_is_a_qweb_exception():
    from odoo.addons.base.ir.ir_qweb.qweb import QWebException

    element = etree.fromstring('<div t-name="x"><t t-esc="1 / zero"/></div>')
    with pytest.raises(QWebException) as info:
        _qweb().render(element, {"zero": 0})
    assert isinstance(info.value.error, ZeroDivisionError)


def _qweb_style_module():
    """An AST built the way QWeb 11 builds it for Python 3.5: no
    ``posonlyargs``, ``Name('None')``/``Name('True')``, no end positions."""
    arguments = ast.arguments(
        args=[ast.arg(arg="content", annotation=None)],
        vararg=None,
        kwonlyargs=[],
        kw_defaults=[],
        kwarg=None,
        defaults=[],
    )
    test = ast.BoolOp(
        op=ast.And(),
        values=[
            ast.Compare(
                left=ast.Name(id="content", ctx=ast.Load()),
                ops=[ast.IsNot()],
                comparators=[ast.Name(id="None", ctx=ast.Load())],
            ),
            ast.Compare(
                left=ast.Name(id="content", ctx=ast.Load()),
                ops=[ast.IsNot()],
                comparators=[ast.Name(id="False", ctx=ast.Load())],
            ),
        ],
    )
    func = ast.FunctionDef(
        name="shown",
        args=arguments,
        body=[
            ast.Return(
                value=ast.BoolOp(
                    op=ast.And(), values=[test, ast.Name(id="True", ctx=ast.Load())]
                )
            )
        ],
        decorator_list=[],
        returns=None,
    )
    module = ast.Module(body=[func], type_ignores=[])
    ast.fix_missing_locations(module)
    return module


def test_qweb_style_ast_needs_the_patch():
    if sys.version_info < (3, 8):  # pragma: no cover
        pytest.skip("3.5-3.7 compile QWeb's AST as it is")
    with pytest.raises((TypeError, ValueError)):
        builtins.compile(_qweb_style_module(), "<template>", "exec")


def test_qweb_compile_accepts_qweb_style_ast():
    namespace = {}
    code = odoo_patches.qweb_compile(_qweb_style_module(), "<template>", "exec")
    exec(code, namespace)
    shown = namespace["shown"]
    assert shown(None) is False
    assert shown(False) is False
    assert shown(0) is True
    assert shown("") is True


def test_qweb_compile_fixes_reversed_line_ranges():
    module = ast.parse("1")
    node = module.body[0]
    node.lineno, node.end_lineno = 5, 2
    node.value.lineno, node.value.end_lineno = 5, 2
    if sys.version_info >= (3, 8):
        with pytest.raises(ValueError):
            builtins.compile(module, "<template>", "exec")
    exec(odoo_patches.qweb_compile(module, "<template>", "exec"), {})


def test_qweb_compile_passes_source_strings_through():
    code = odoo_patches.qweb_compile("x = None", "<s>", "exec")
    namespace = {}
    exec(code, namespace)
    assert namespace["x"] is None


# --- web client: concat_xml ----------------------------------------------------------


def _web_main():
    return importlib.import_module("odoo.addons.web.controllers.main")


def test_concat_xml_merges_templates(tmp_path):
    first = tmp_path / "a.xml"
    second = tmp_path / "b.xml"
    first.write_bytes(b'<templates><t t-name="a"><b>1</b></t></templates>')
    second.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<templates id="x"><t t-name="b">\xc3\xa92</t><t t-name="c"/></templates>'
    )
    main = _web_main()
    assert "odoo.addons.web.controllers.main" in odoo11compat.APPLIED

    merged, checksum = main.concat_xml([str(first), str(second)])
    assert merged == (
        b'<templates><t t-name="a"><b>1</b></t>'
        b'<t t-name="b">\xc3\xa92</t><t t-name="c" /></templates>'
    )
    assert (
        checksum == hashlib.sha1(first.read_bytes() + second.read_bytes()).hexdigest()
    )


def test_concat_xml_empty_list():
    assert _web_main().concat_xml([]) == ("", hashlib.sha1().hexdigest())


def test_concat_xml_bad_file_raises_parse_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<templates><t></templates>")
    with pytest.raises(ElementTree.ParseError):
        _web_main().concat_xml([str(bad)])


def test_web_elementtree_wrapper(tmp_path):
    main = _web_main()
    path = tmp_path / "t.xml"
    path.write_bytes(b"<r><a/>text<b><c/></b></r>")
    root = main.ElementTree.parse(str(path)).getroot()
    assert [child.tag for child in root.getchildren()] == ["a", "b"]
    assert [child.tag for child in root.find("b").getchildren()] == ["c"]
    # the rest of the module's ElementTree is the real one
    assert main.ElementTree.Element is ElementTree.Element
    assert main.ElementTree.tostring is ElementTree.tostring
    assert main.ElementTree.ParseError is ElementTree.ParseError
    # the global module is not touched
    assert not hasattr(ElementTree.Element, "getchildren") or sys.version_info < (3, 9)


# --- yaml_import ---------------------------------------------------------------------


def _yaml_import():
    return importlib.import_module("odoo.tools.yaml_import")


def test_yaml_import_load_defaults_to_full_loader():
    module = _yaml_import()
    assert "odoo.tools.yaml_import" in odoo11compat.APPLIED
    assert module.yaml.load("a: 1") == {"a": 1}
    assert module.yaml.load("- !!python/tuple [1, 2]") == [(1, 2)]
    # only the full (PyYAML 3 default) Loader runs python/object/apply
    assert module.yaml.load("!!python/object/apply:builtins.len [[1, 2, 3]]") == 3


def test_yaml_import_reads_odoo_tags():
    from odoo.tools import yaml_tag

    record = _yaml_import().yaml.load("!record {model: res.partner, id: p1}")
    assert isinstance(record, yaml_tag.Record)
    assert (record.model, record.id) == ("res.partner", "p1")
    nodes = _yaml_import().yaml.load(
        "- !python {model: res.partner}: |\n    x = 1\n"
        "- !assert {model: res.partner, id: p1}:\n    - 1 == 1\n"
    )
    assert [type(key).__name__ for node in nodes for key in node] == [
        "Python",
        "Assert",
    ]


def test_yaml_import_explicit_loader_is_respected():
    module = _yaml_import()
    assert module.yaml.load("a: 1", Loader=yaml.SafeLoader) == {"a": 1}
    with pytest.raises(yaml.constructor.ConstructorError):
        module.yaml.load("!record {model: m, id: i}", Loader=yaml.SafeLoader)


def test_yaml_import_wrapper_forwards_the_rest():
    module = _yaml_import()
    assert module.yaml.YAMLError is yaml.YAMLError
    assert module.yaml.safe_load("b: 2") == {"b": 2}
    assert module.yaml.dump({"a": 1}) == yaml.dump({"a": 1})


def test_global_yaml_module_is_untouched():
    with pytest.raises(TypeError):
        yaml.load("a: 1")  # PyYAML 6 needs a Loader; only yaml_import is patched

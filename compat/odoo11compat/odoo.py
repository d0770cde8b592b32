"""Patches of Odoo modules, applied right after each module is imported.

Each function's first docstring line says which Python or library change
it answers.  They touch module attributes only; Odoo's files stay as
published.
"""
import ast
import builtins
import xml.etree.ElementTree as ElementTree

from . import safe_eval as safe_eval_compat


class _QwebAstFixer(ast.NodeTransformer):
    """Bring the AST that QWeb builds by hand up to the 3.8+ grammar."""

    CONSTANTS = {"None": None, "True": True, "False": False}

    def visit_Name(self, node):
        if node.id in self.CONSTANTS:
            return ast.copy_location(ast.Constant(self.CONSTANTS[node.id]), node)
        return node

    def visit_arguments(self, node):
        if not hasattr(node, "posonlyargs"):
            node.posonlyargs = []
        self.generic_visit(node)
        return node


def _fix_positions(tree):
    for node in ast.walk(tree):
        if "lineno" not in node._attributes or not hasattr(node, "lineno"):
            continue
        end = getattr(node, "end_lineno", None)
        if end is None or end < node.lineno:
            node.end_lineno = node.lineno
            node.end_col_offset = node.col_offset
        elif end == node.lineno and (
            getattr(node, "end_col_offset", None) is None
            or node.end_col_offset < node.col_offset
        ):
            node.end_col_offset = node.col_offset


def qweb_compile(source, filename, mode, *args, **kwargs):
    """QWeb's hand-built AST: Python 3.8 requires ``arguments.posonlyargs``,
    refuses ``Name('None')`` and checks that line ranges are ordered."""
    if isinstance(source, ast.AST):
        source = _QwebAstFixer().visit(source)
        ast.fix_missing_locations(source)
        _fix_positions(source)
    return builtins.compile(source, filename, mode, *args, **kwargs)


def patch_qweb(module):
    """Python 3.8 AST changes (see qweb_compile): shadow ``compile`` there."""
    module.compile = qweb_compile


def patch_web_controllers(module):
    """xml.etree Element.getchildren, removed in Python 3.9 and not settable
    on the C type: the web client's template loader (``concat_xml``) parses
    with an Element subclass that has it."""
    module.ElementTree = _ElementTreeWithGetchildren(module.ElementTree)


class _Element(ElementTree.Element):
    def getchildren(self):
        return list(self)


class _ElementTreeWithGetchildren(object):
    def __init__(self, element_tree):
        self._element_tree = element_tree

    def parse(self, source, parser=None):
        if parser is None:
            builder = ElementTree.TreeBuilder(element_factory=_Element)
            parser = ElementTree.XMLParser(target=builder)
        return self._element_tree.parse(source, parser)

    def __getattr__(self, name):
        return getattr(self._element_tree, name)


def patch_yaml_import(module):
    """PyYAML 6: ``yaml.load`` needs an explicit Loader; Odoo 11's YAML test
    files rely on PyYAML 3's default, the full ``yaml.Loader``."""
    module.yaml = _YamlWithDefaultLoader(module.yaml)


class _YamlWithDefaultLoader(object):
    def __init__(self, yaml):
        self._yaml = yaml

    def load(self, stream, Loader=None):
        return self._yaml.load(stream, Loader=Loader or self._yaml.Loader)

    def __getattr__(self, name):
        return getattr(self._yaml, name)


def register(hook, applied):
    def on(name, func):
        def run(module):
            func(module)
            applied.append(name)

        hook.when_imported(name, run)

    on("odoo.tools.safe_eval", safe_eval_compat.patch)
    on("odoo.addons.base.ir.ir_qweb.qweb", patch_qweb)
    on("odoo.addons.web.controllers.main", patch_web_controllers)
    on("odoo.tools.yaml_import", patch_yaml_import)

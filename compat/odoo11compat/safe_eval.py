"""Teach ``odoo.tools.safe_eval`` the bytecode of Python 3.11, and no more.

Odoo 11 checks code by opcode against three whitelists written as opcode
*names* of Python 3.5/3.6 (``_CONST_OPCODES``, ``_EXPR_OPCODES``,
``_SAFE_OPCODES``), keeping the names that exist in the running Python.
Python 3.11 renamed or merged many opcodes (``CALL_FUNCTION`` became
``PRECALL``/``CALL``, the ``BINARY_*`` family became ``BINARY_OP <op>``,
...), so on 3.11 the lists lose most of their meaning.

Rather than whitelisting the new opcodes wholesale, this module translates
each 3.11 instruction into the Python 3.6 opcode(s) it spells, and checks
those names against Odoo's own lists, read from its source.  An instruction
without a 3.6 equivalent (closures, ``with``, imports, attribute writes,
pattern matching, f-strings, ...) keeps its 3.11 name, which no list
contains, so it is refused as before.

A few translations depend on context; the rule used for each:

* ``BINARY_OP <op>``: by operator; ``@``, ``@=``, ``//=`` and ``/=`` were
  not allowed on 3.6 and stay refused.
* ``LIST_EXTEND`` / ``SET_UPDATE`` right after ``BUILD_LIST 0`` /
  ``BUILD_SET 0`` + ``LOAD_CONST``: a constant literal (``BUILD_LIST``);
  otherwise star-unpacking (``BUILD_LIST_UNPACK``, refused).
* ``DICT_UPDATE`` right after a map being built: a large dict literal;
  otherwise ``{**d}`` (``BUILD_MAP_UNPACK``, refused).
* ``FORMAT_VALUE`` with a ``!s``/``!r``/``!a`` conversion and no format
  spec, and ``BUILD_STRING``: Python 3.11 compiles ``'%s-%r' % (a, b)``
  (``BINARY_MODULO`` on 3.6) to these; a plain f-string ``f'{a}'`` has
  no conversion and stays refused (``f'{a!s}'``, equivalent to
  ``'%s' % a``, passes).
* ``DICT_MERGE`` whose map was started by ``BUILD_MAP 0``: ``f(**kw)``,
  which 3.6 compiled to plain ``CALL_FUNCTION_EX``; otherwise
  ``BUILD_MAP_UNPACK_WITH_CALL`` (refused).  Known approximation: the
  scan back to the map start does not skip nested calls, so
  ``f(x=1, **g(**h))`` is allowed although 3.6 refused it.
"""
import ast
import dis
import inspect
import opcode

# 3.11 name -> the 3.6 names it stands for ('()' = a marker with no effect).
SPELLINGS = {
    "CACHE": (),
    "RESUME": (),
    "NOP": (),
    "PUSH_NULL": ("CALL_FUNCTION",),
    "PRECALL": ("CALL_FUNCTION",),
    "CALL": ("CALL_FUNCTION",),
    "KW_NAMES": ("CALL_FUNCTION_KW",),
    "COPY": ("DUP_TOP",),
    "SWAP": ("ROT_TWO",),
    "IS_OP": ("COMPARE_OP",),
    "CONTAINS_OP": ("COMPARE_OP",),
    "CHECK_EXC_MATCH": ("COMPARE_OP",),
    "JUMP_BACKWARD": ("JUMP_ABSOLUTE",),
    "JUMP_BACKWARD_NO_INTERRUPT": ("JUMP_ABSOLUTE",),
    "POP_JUMP_FORWARD_IF_FALSE": ("POP_JUMP_IF_FALSE",),
    "POP_JUMP_BACKWARD_IF_FALSE": ("POP_JUMP_IF_FALSE",),
    "POP_JUMP_FORWARD_IF_TRUE": ("POP_JUMP_IF_TRUE",),
    "POP_JUMP_BACKWARD_IF_TRUE": ("POP_JUMP_IF_TRUE",),
    "POP_JUMP_FORWARD_IF_NONE": ("COMPARE_OP", "POP_JUMP_IF_TRUE"),
    "POP_JUMP_BACKWARD_IF_NONE": ("COMPARE_OP", "POP_JUMP_IF_TRUE"),
    "POP_JUMP_FORWARD_IF_NOT_NONE": ("COMPARE_OP", "POP_JUMP_IF_FALSE"),
    "POP_JUMP_BACKWARD_IF_NOT_NONE": ("COMPARE_OP", "POP_JUMP_IF_FALSE"),
    "PUSH_EXC_INFO": ("SETUP_EXCEPT",),
    "RERAISE": ("END_FINALLY",),
    "RETURN_GENERATOR": ("YIELD_VALUE",),
    "LOAD_ASSERTION_ERROR": ("LOAD_GLOBAL",),
    "LIST_TO_TUPLE": (),  # the LIST_EXTEND before it carries the verdict
}

# BINARY_OP argument -> 3.6 opcode (dis._nb_ops order, Include/opcode.h).
BINARY_OPS = (
    "BINARY_ADD", "BINARY_AND", "BINARY_FLOOR_DIVIDE", "BINARY_LSHIFT",
    "BINARY_MATRIX_MULTIPLY", "BINARY_MULTIPLY", "BINARY_MODULO",
    "BINARY_OR", "BINARY_POWER", "BINARY_RSHIFT", "BINARY_SUBTRACT",
    "BINARY_TRUE_DIVIDE", "BINARY_XOR",
    "INPLACE_ADD", "INPLACE_AND", "INPLACE_FLOOR_DIVIDE", "INPLACE_LSHIFT",
    "INPLACE_MATRIX_MULTIPLY", "INPLACE_MULTIPLY", "INPLACE_REMAINDER",
    "INPLACE_OR", "INPLACE_POWER", "INPLACE_RSHIFT", "INPLACE_SUBTRACT",
    "INPLACE_TRUE_DIVIDE", "INPLACE_XOR",
)

_MAP_STARTS = ("BUILD_MAP", "BUILD_CONST_KEY_MAP", "DICT_MERGE")


def _contextual(instrs, i):
    ins = instrs[i]
    prev = instrs[i - 1] if i >= 1 else None
    prev2 = instrs[i - 2] if i >= 2 else None
    if ins.opname in ("LIST_EXTEND", "SET_UPDATE"):
        build = "BUILD_LIST" if ins.opname == "LIST_EXTEND" else "BUILD_SET"
        literal = (
            prev is not None and prev.opname == "LOAD_CONST"
            and prev2 is not None and prev2.opname == build and prev2.arg == 0
        )
        return (build,) if literal else (build + "_UNPACK",)
    if ins.opname == "FORMAT_VALUE":
        percent_format = ins.arg & 0x03 and not ins.arg & 0x04
        return ("BINARY_MODULO",) if percent_format else ("FORMAT_VALUE",)
    if ins.opname == "BUILD_STRING":
        return ("BINARY_MODULO",)
    if ins.opname == "DICT_UPDATE":
        literal = prev is not None and prev.opname in (
            "BUILD_MAP", "BUILD_CONST_KEY_MAP", "MAP_ADD")
        return ("BUILD_MAP",) if literal else ("BUILD_MAP_UNPACK",)
    if ins.opname == "DICT_MERGE":
        for back in reversed(instrs[:i]):
            if back.opname in _MAP_STARTS:
                if back.opname == "BUILD_MAP" and back.arg == 0:
                    return ("CALL_FUNCTION_EX",)
                break
        return ("BUILD_MAP_UNPACK_WITH_CALL",)
    return None


def legacy_names(code):
    """The Python 3.6 opcode names that ``code``'s own instructions spell
    (nested code objects are checked separately by Odoo)."""
    instrs = list(dis.get_instructions(code))
    names = set()
    for i, ins in enumerate(instrs):
        if ins.opname == "BINARY_OP":
            names.add(BINARY_OPS[ins.arg])
            continue
        spelled = _contextual(instrs, i)
        if spelled is None:
            spelled = SPELLINGS.get(ins.opname, (ins.opname,))
        names.update(spelled)
    return names


def odoo_whitelists(module):
    """Read the three opcode-name lists from the safe_eval module's source:
    ``{'_CONST_OPCODES': {names}, '_EXPR_OPCODES': ..., '_SAFE_OPCODES': ...}``
    with the unions Odoo applies (EXPR includes CONST, SAFE includes EXPR)."""
    tree = ast.parse(inspect.getsource(module))
    own = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id.endswith("_OPCODES")
                and node.targets[0].id != "_POSSIBLE_OPCODES_P3"):
            own[node.targets[0].id] = {
                n.value for n in ast.walk(node.value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            }
    const = own["_CONST_OPCODES"]
    expr = const | own["_EXPR_OPCODES"]
    return {
        "_CONST_OPCODES": const,
        "_EXPR_OPCODES": expr,
        "_SAFE_OPCODES": expr | own["_SAFE_OPCODES"],
    }


def patch(module):
    """Make ``module`` (odoo.tools.safe_eval) check 3.6 spellings.

    Every opcode name gets a number: its 3.11 number when 3.11 still has the
    name, otherwise a number above 255.  Odoo's sets get the numbers of
    their names, ``_get_opcodes`` yields the numbers of the spellings, and
    ``opname`` names the extra numbers, so error messages stay readable.
    """
    lists = odoo_whitelists(module)
    extra = sorted(
        set().union(*lists.values(), *SPELLINGS.values(), BINARY_OPS,
                    ["BUILD_LIST_UNPACK", "BUILD_SET_UNPACK",
                     "BUILD_MAP_UNPACK", "BUILD_MAP_UNPACK_WITH_CALL"])
        - set(opcode.opmap)
    )
    numbers = dict(opcode.opmap)
    names = list(opcode.opname)
    for name in extra:
        numbers[name] = len(names)
        names.append(name)

    for set_name, allowed in lists.items():
        getattr(module, set_name).update(numbers[n] for n in allowed)

    def _get_opcodes(codeobj):
        return (numbers[name] for name in legacy_names(codeobj))

    module._get_opcodes = _get_opcodes
    module.opname = names

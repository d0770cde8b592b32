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
pattern matching on structures, ...) keeps its 3.11 name, which no list
contains, so it is refused as before.  The translation table is for
Python 3.11's bytecode only.

Translations that depend on context (the stack is simulated to find which
instruction built the container an instruction adds to):

* ``BINARY_OP <op>``: by operator, with the 3.6 names; Odoo's list has
  ``INPLACE_REMAINDER``/``INPLACE_LEFTSHIFT``/``INPLACE_RIGHTSHIFT``, names
  3.6 never had, so ``%=``, ``<<=``, ``>>=`` stay refused, as do ``@``,
  ``@=``, ``//=`` and ``/=``.
* ``MAP_ADD 1`` / ``LIST_APPEND 1`` / ``SET_ADD 1``: 3.11 builds big
  displays (16+ pairs, 31+ items) item by item; 3.6 used ``BUILD_MAP`` /
  ``BUILD_LIST`` / ``BUILD_SET`` (comprehensions use an argument >= 2).
* ``LIST_EXTEND`` / ``SET_UPDATE`` right after ``BUILD_LIST 0`` /
  ``BUILD_SET 0`` + ``LOAD_CONST`` of a tuple / frozenset: a constant
  literal; otherwise star-unpacking (``BUILD_LIST_UNPACK``, refused).
* ``DICT_UPDATE`` merging a chunk (``BUILD_CONST_KEY_MAP`` or ``BUILD_MAP``)
  into a dict started by ``BUILD_MAP 0`` and filled by ``MAP_ADD``: a big
  dict literal; otherwise ``{**d}`` (``BUILD_MAP_UNPACK``, refused).
* ``DICT_MERGE`` into the call's dict started by ``BUILD_MAP 0`` and merged
  into once: ``f(**kw)``, which 3.6 compiled to plain ``CALL_FUNCTION_EX``;
  otherwise ``BUILD_MAP_UNPACK_WITH_CALL`` (refused).
* ``FORMAT_VALUE`` with a ``!s``/``!r``/``!a`` conversion and a constant or
  no format spec, and ``BUILD_STRING``: 3.11 compiles ``'%-5s|%r' % (a, b)``
  (``BINARY_MODULO`` on 3.6) to these; a plain f-string ``f'{a}'`` has no
  conversion and stays refused.

Known approximations, all harmless (the same operations 3.6 allowed in
another spelling): f-strings with a conversion (``f'{a!r:>5}'``) compile
exactly like ``'%5r' % a`` and pass; ``[*(1, 2)]`` compiles like ``[1, 2]``;
a dict display of 16+ items followed by ``**{'k': v}`` compiles like the
same display with ``'k': v`` written out.
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
    "INPLACE_MATRIX_MULTIPLY", "INPLACE_MULTIPLY", "INPLACE_MODULO",
    "INPLACE_OR", "INPLACE_POWER", "INPLACE_RSHIFT", "INPLACE_SUBTRACT",
    "INPLACE_TRUE_DIVIDE", "INPLACE_XOR",
)

_BIG_DISPLAY = {"MAP_ADD": "BUILD_MAP", "LIST_APPEND": "BUILD_LIST", "SET_ADD": "BUILD_SET"}
_CONST_TYPES = {"LIST_EXTEND": ("BUILD_LIST", tuple), "SET_UPDATE": ("BUILD_SET", frozenset)}
# Instructions that lower the stack or change a container in place, without
# creating the value left on top of the stack.
_NON_WRITERS = {
    "POP_TOP", "NOP", "RESUME", "PRECALL", "KW_NAMES", "RETURN_VALUE",
    "LIST_APPEND", "SET_ADD", "MAP_ADD", "LIST_EXTEND", "SET_UPDATE",
    "DICT_UPDATE", "DICT_MERGE", "JUMP_IF_FALSE_OR_POP", "JUMP_IF_TRUE_OR_POP",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE",
    "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
}
_UNCONDITIONAL = {"JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT"}
_TERMINAL = {"RETURN_VALUE", "RAISE_VARARGS", "RERAISE"}


def _effect(ins, jump=False):
    # Runs on Python 3.11 only (odoo11compat.install is a no-op before 3.8).
    return dis.stack_effect(ins.opcode, ins.arg, jump=jump)  # novermin


class _Code(object):
    """The instructions of a code object with the stack height before each."""

    def __init__(self, code):
        self.instrs = list(dis.get_instructions(code))
        index = {ins.offset: k for k, ins in enumerate(self.instrs)}
        self.heights = [None] * len(self.instrs)
        todo = [(0, 0)]
        for entry in dis.Bytecode(code).exception_entries:
            todo.append((index[entry.target], entry.depth + 1 + int(entry.lasti)))
        while todo:
            k, height = todo.pop()
            while k < len(self.instrs) and self.heights[k] is None:
                self.heights[k] = height
                ins = self.instrs[k]
                if ins.opname in _TERMINAL:
                    break
                if ins.opcode in dis.hasjrel or ins.opcode in dis.hasjabs:
                    todo.append((index[ins.argval], height + _effect(ins, jump=True)))
                    if ins.opname in _UNCONDITIONAL:
                        break
                height += _effect(ins)
                k += 1

    def maker(self, i, slot):
        """Index of the instruction that created the value at stack ``slot``
        as seen by instruction ``i`` (None if unknown)."""
        for j in range(i - 1, -1, -1):
            height = self.heights[j]
            if height is None:
                continue
            ins = self.instrs[j]
            if ins.opname not in _NON_WRITERS and height + _effect(ins) == slot + 1:
                return j
            if height <= slot:
                return None
        return None

    def filled_by_map_add(self, start, end, slot):
        """True if a ``MAP_ADD 1`` between start and end adds to ``slot``."""
        return any(
            self.instrs[j].opname == "MAP_ADD" and self.instrs[j].arg == 1
            and self.heights[j] == slot + 3
            for j in range(start + 1, end)
        )

    def is_op(self, j, name, arg=None):
        return j is not None and self.instrs[j].opname == name and (
            arg is None or self.instrs[j].arg == arg)


def _contextual(code, i):
    ins = code.instrs[i]
    name = ins.opname
    height = code.heights[i]
    if name in _BIG_DISPLAY:
        return (_BIG_DISPLAY[name],) if ins.arg == 1 else (name,)
    if name == "FORMAT_VALUE":
        const_spec = not ins.arg & 0x04 or code.is_op(i - 1, "LOAD_CONST")
        percent_format = ins.arg & 0x03 and const_spec
        return ("BINARY_MODULO",) if percent_format else ("FORMAT_VALUE",)
    if name == "BUILD_STRING":
        return ("BINARY_MODULO",)
    if name in _CONST_TYPES:
        build, const_type = _CONST_TYPES[name]
        literal = (
            i >= 2 and code.is_op(i - 2, build, 0) and code.is_op(i - 1, "LOAD_CONST")
            and isinstance(code.instrs[i - 1].argval, const_type)
        )
        return (build,) if literal else (build + "_UNPACK",)
    if height is None:  # unreachable code: judge it by its own name
        return None
    if name == "DICT_UPDATE":
        target = code.maker(i, height - 2)
        merged = code.maker(i, height - 1)
        chunk = code.is_op(merged, "BUILD_CONST_KEY_MAP") or code.is_op(merged, "BUILD_MAP")
        big = code.is_op(target, "BUILD_MAP", 0) and code.filled_by_map_add(
            target, i, height - 2)
        return ("BUILD_MAP",) if chunk and big else ("BUILD_MAP_UNPACK",)
    if name == "DICT_MERGE":
        target = code.maker(i, height - 2)
        once = target is not None and not any(
            code.instrs[j].opname == "DICT_MERGE" and code.heights[j] == height
            for j in range(target + 1, i))
        single = code.is_op(target, "BUILD_MAP", 0) and once
        return ("CALL_FUNCTION_EX",) if single else ("BUILD_MAP_UNPACK_WITH_CALL",)
    return None


def legacy_names(code):
    """The Python 3.6 opcode names that ``code``'s own instructions spell
    (nested code objects are checked separately by Odoo)."""
    code = _Code(code)
    names = set()
    for i, ins in enumerate(code.instrs):
        if ins.opname == "BINARY_OP":
            names.add(BINARY_OPS[ins.arg])
            continue
        spelled = _contextual(code, i)
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
                    _BIG_DISPLAY.values(),
                    ["BUILD_LIST_UNPACK", "BUILD_SET_UNPACK", "BINARY_MODULO",
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

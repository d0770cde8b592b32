"""Tests of odoo11compat.safe_eval: ``odoo.tools.safe_eval`` must accept and
refuse on Python 3.11 exactly what it accepted and refused on Python 3.6.

How the expected verdicts were derived
--------------------------------------
Nothing here is read back from the layer.  Each case lists the opcode names
that **CPython 3.6's compiler** emits for the snippet (from 3.6's
``compile.c``/peephole rules, as ``dis`` showed them on 3.6), over all its
code objects.  The expected verdict is then computed from **Odoo 11's own
whitelists** -- ``_CONST_OPCODES``, ``_EXPR_OPCODES``, ``_SAFE_OPCODES``
copied below (comments included) from ``odoo/tools/safe_eval.py`` (11.0) -- filtered
the way Odoo filters them (``if x in opmap``) against **CPython 3.6's
opcode table** (``PY36_OPNAMES``, from 3.6's ``Lib/opcode.py``).

Consequences of that filtering that are easy to get wrong, and that these
tests pin down:

* Odoo lists ``INPLACE_REMAINDER``, ``INPLACE_LEFTSHIFT`` and
  ``INPLACE_RIGHTSHIFT``, names that CPython never had (3.6 spells them
  ``INPLACE_MODULO``, ``INPLACE_LSHIFT``, ``INPLACE_RSHIFT``): so ``%=``,
  ``<<=`` and ``>>=`` were *refused* on 3.6.
* ``DELETE_SUBSCR`` is in no list: ``del l[0]`` was refused (``del name``,
  ``DELETE_NAME``, was allowed).
* ``INPLACE_FLOOR_DIVIDE`` / ``INPLACE_TRUE_DIVIDE`` are in no list:
  ``//=`` and ``/=`` were refused.
* ``assert`` compiled to ``LOAD_GLOBAL AssertionError`` + ``RAISE_VARARGS``:
  allowed.

Run-time behaviour (what an allowed snippet computes) is compared with
plain ``eval``/``exec`` of the same source.

Deviations of the layer from 3.6 that are *bugs* are marked
``xfail(strict=True)`` with a reason starting with ``LAYER BUG``; the
deviations the layer documents as deliberate are asserted as documented.
"""

import copy
import dis
import importlib
import sys
import types

import odoo11compat
import opcode
import pytest
from odoo11compat import safe_eval as layer

se = importlib.import_module("odoo.tools.safe_eval")  # the module, not the function

# --- Python 3.6 and Odoo 11 reference data -----------------------------------------

# CPython 3.6 Lib/opcode.py, every opname.
PY36_OPNAMES = frozenset(
    """
POP_TOP ROT_TWO ROT_THREE DUP_TOP DUP_TOP_TWO NOP UNARY_POSITIVE UNARY_NEGATIVE
UNARY_NOT UNARY_INVERT BINARY_MATRIX_MULTIPLY INPLACE_MATRIX_MULTIPLY
BINARY_POWER BINARY_MULTIPLY BINARY_MODULO BINARY_ADD BINARY_SUBTRACT
BINARY_SUBSCR BINARY_FLOOR_DIVIDE BINARY_TRUE_DIVIDE INPLACE_FLOOR_DIVIDE
INPLACE_TRUE_DIVIDE GET_AITER GET_ANEXT BEFORE_ASYNC_WITH INPLACE_ADD
INPLACE_SUBTRACT INPLACE_MULTIPLY INPLACE_MODULO STORE_SUBSCR DELETE_SUBSCR
BINARY_LSHIFT BINARY_RSHIFT BINARY_AND BINARY_XOR BINARY_OR INPLACE_POWER
GET_ITER GET_YIELD_FROM_ITER PRINT_EXPR LOAD_BUILD_CLASS YIELD_FROM
GET_AWAITABLE INPLACE_LSHIFT INPLACE_RSHIFT INPLACE_AND INPLACE_XOR INPLACE_OR
BREAK_LOOP WITH_CLEANUP_START WITH_CLEANUP_FINISH RETURN_VALUE IMPORT_STAR
SETUP_ANNOTATIONS YIELD_VALUE POP_BLOCK END_FINALLY POP_EXCEPT STORE_NAME
DELETE_NAME UNPACK_SEQUENCE FOR_ITER UNPACK_EX STORE_ATTR DELETE_ATTR
STORE_GLOBAL DELETE_GLOBAL LOAD_CONST LOAD_NAME BUILD_TUPLE BUILD_LIST
BUILD_SET BUILD_MAP LOAD_ATTR COMPARE_OP IMPORT_NAME IMPORT_FROM JUMP_FORWARD
JUMP_IF_FALSE_OR_POP JUMP_IF_TRUE_OR_POP JUMP_ABSOLUTE POP_JUMP_IF_FALSE
POP_JUMP_IF_TRUE LOAD_GLOBAL CONTINUE_LOOP SETUP_LOOP SETUP_EXCEPT
SETUP_FINALLY LOAD_FAST STORE_FAST DELETE_FAST STORE_ANNOTATION RAISE_VARARGS
CALL_FUNCTION MAKE_FUNCTION BUILD_SLICE LOAD_CLOSURE LOAD_DEREF STORE_DEREF
DELETE_DEREF CALL_FUNCTION_KW CALL_FUNCTION_EX SETUP_WITH EXTENDED_ARG
LIST_APPEND SET_ADD MAP_ADD LOAD_CLASSDEREF BUILD_LIST_UNPACK BUILD_MAP_UNPACK
BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE_UNPACK BUILD_SET_UNPACK
SETUP_ASYNC_WITH FORMAT_VALUE BUILD_CONST_KEY_MAP BUILD_STRING
BUILD_TUPLE_UNPACK_WITH_CALL
""".split()
)

# Odoo 11.0 odoo/tools/safe_eval.py, the three lists as written there, comments
# included (Odoo wraps each in `set(opmap[x] for x in [...] if x in opmap)`).
# fmt: off
ODOO11_CONST = frozenset(x for x in [
    # stack manipulations
    'POP_TOP', 'ROT_TWO', 'ROT_THREE', 'ROT_FOUR', 'DUP_TOP', 'DUP_TOPX',
    'DUP_TOP_TWO',  # replaces DUP_TOPX in P3
    'LOAD_CONST',
    'RETURN_VALUE',  # return the result of the literal/expr evaluation
    # literal collections
    'BUILD_LIST', 'BUILD_MAP', 'BUILD_TUPLE', 'BUILD_SET',
    # 3.6: literal map with constant keys https://bugs.python.org/issue27140
    'BUILD_CONST_KEY_MAP',
    # until Python 3.5, literal maps are compiled to creating an empty map
    # (pre-sized) then filling it key by key
    'STORE_MAP',
])
ODOO11_EXPR = ODOO11_CONST.union(x for x in [
    'UNARY_POSITIVE', 'UNARY_NEGATIVE', 'UNARY_NOT',
    'UNARY_INVERT', 'BINARY_POWER', 'BINARY_MULTIPLY',
    'BINARY_DIVIDE', 'BINARY_FLOOR_DIVIDE', 'BINARY_TRUE_DIVIDE',
    'BINARY_MODULO', 'BINARY_ADD', 'BINARY_SUBTRACT', 'BINARY_SUBSCR',
    'BINARY_LSHIFT', 'BINARY_RSHIFT', 'BINARY_AND', 'BINARY_XOR',
    'BINARY_OR', 'INPLACE_ADD', 'INPLACE_SUBTRACT', 'INPLACE_MULTIPLY',
    'INPLACE_DIVIDE', 'INPLACE_REMAINDER', 'INPLACE_POWER',
    'INPLACE_LEFTSHIFT', 'INPLACE_RIGHTSHIFT', 'INPLACE_AND',
    'INPLACE_XOR', 'INPLACE_OR', 'STORE_SUBSCR',
    # slice operations (Python 3 only has BUILD_SLICE)
    'SLICE+0', 'SLICE+1', 'SLICE+2', 'SLICE+3', 'BUILD_SLICE',
    # comprehensions
    'LIST_APPEND', 'MAP_ADD', 'SET_ADD',
    'COMPARE_OP',
])
ODOO11_SAFE = ODOO11_EXPR.union(x for x in [
    'POP_BLOCK', 'POP_EXCEPT',  # Seems to be a special-case of POP_BLOCK for P3
    'SETUP_LOOP', 'BREAK_LOOP', 'CONTINUE_LOOP',
    'MAKE_FUNCTION', 'CALL_FUNCTION',
    'EXTENDED_ARG',  # P3.6 for long jump offsets.
    # P3: https://bugs.python.org/issue27213
    'CALL_FUNCTION_EX',
    # Already in P2 but apparently the first one is used more aggressively in P3
    'CALL_FUNCTION_KW', 'CALL_FUNCTION_VAR', 'CALL_FUNCTION_VAR_KW',
    # Added in P3.7 https://bugs.python.org/issue26110
    'CALL_METHOD', 'LOAD_METHOD',
    'GET_ITER', 'FOR_ITER', 'YIELD_VALUE',
    'JUMP_FORWARD', 'JUMP_IF_TRUE', 'JUMP_IF_FALSE', 'JUMP_ABSOLUTE',
    # New in Python 2.7 - http://bugs.python.org/issue4715 :
    'JUMP_IF_FALSE_OR_POP', 'JUMP_IF_TRUE_OR_POP', 'POP_JUMP_IF_FALSE',
    'POP_JUMP_IF_TRUE', 'SETUP_EXCEPT', 'SETUP_FINALLY', 'END_FINALLY',
    'RAISE_VARARGS', 'LOAD_NAME', 'STORE_NAME', 'DELETE_NAME', 'LOAD_ATTR',
    'LOAD_FAST', 'STORE_FAST', 'DELETE_FAST', 'UNPACK_SEQUENCE',
    'LOAD_GLOBAL',  # Only allows access to restricted globals
])
# fmt: on

# What Odoo 11 effectively allowed on Python 3.6.
CONST36 = ODOO11_CONST & PY36_OPNAMES
EXPR36 = ODOO11_EXPR & PY36_OPNAMES
SAFE36 = ODOO11_SAFE & PY36_OPNAMES


def py36_verdict(names, allowed=SAFE36):
    """'allowed' or 'refused', as Odoo 11 on Python 3.6 decided."""
    return "allowed" if set(names) <= allowed else "refused"


# --- environment for run-time comparisons ------------------------------------------


def _f(*args, **kwargs):
    return (args, sorted(kwargs.items()))


class _Obj(object):
    def __init__(self):
        self.attr = 7

    def m(self, x, k=0):
        return x + k

    def __eq__(self, other):
        return type(other) is _Obj and other.attr == self.attr

    def __hash__(self):
        return 0


def _env():
    return copy.deepcopy(
        {
            "a": 3,
            "b": 4,
            "c": 5,
            "s": "a Text",
            "n": None,
            "t": True,
            "l": [1, 2, 3, 4],
            "d": {"k": 1, "j": 2},
            "kw": {"x": 1},
            "h": {"y": 2},
            "ctx": {"lang": "fr_FR", "tz": "UTC"},
            "f": _f,
            "g": dict,
            "o": _Obj(),
        }
    )


def _public(namespace):
    return {
        k: v
        for k, v in namespace.items()
        if k != "__builtins__"
        and not isinstance(
            v, (types.FunctionType, types.GeneratorType, types.CoroutineType)
        )
    }


def _run_plain(source, mode):
    env = _env()
    code = compile(source, "<plain>", mode)
    try:
        if mode == "eval":
            return "value", eval(code, env)
        exec(code, env)
        return "namespace", _public(env)
    except Exception as exc:
        return "error", type(exc)


def _run_safe(source, mode):
    env = _env()
    try:
        if mode == "eval":
            return "value", se.safe_eval(source, env)
        se.safe_eval(source, env, mode="exec", nocopy=True)
        return "namespace", _public(env)
    except ValueError as exc:
        # safe_eval wraps run-time errors: "<class 'X'>: ..." in a ValueError
        return "error", type(exc.__context__) if exc.__context__ else ValueError


def _layer_verdict(source, mode, allowed=None):
    try:
        se.test_expr(
            source, se._SAFE_OPCODES if allowed is None else allowed, mode=mode
        )
    except ValueError as exc:
        return "refused", exc
    return "allowed", None


def _reported_opcodes(exc):
    """The names listed in "forbidden opcode(s) in '...': A, B"."""
    message = str(exc)
    assert message.startswith("forbidden opcode(s) in "), message
    return set(message.rsplit(": ", 1)[1].split(", "))


# --- the table ---------------------------------------------------------------------------
# (mode, source, opnames CPython 3.6 emits over all code objects, names the
#  refusal message must contain now)

E, X = "eval", "exec"


def ops(names):
    """A set of opcode names, written as one space-separated string."""
    return frozenset(names.split())


BIG = 40
BIG_LIST = "[%s]" % ", ".join(str(i) for i in range(BIG))
BIG_SET = "{%s}" % ", ".join(str(i) for i in range(BIG))
BIG_DICT = "{%s}" % ", ".join("%d: 'v%d'" % (i, i) for i in range(BIG))
BIG_DICT_NAMES = "{%s}" % ", ".join("'k%d': a" % i for i in range(BIG))
BIG_DICT_NAME_KEYS = "{%s}" % ", ".join("a + %d: %d" % (i, i) for i in range(BIG))
BIG_TUPLE_NAMES = "(%s,)" % ", ".join("ab"[i % 2] for i in range(BIG))
BIG_NESTED = "[%s]" % ", ".join("[%d, {'k': %d}]" % (i, i) for i in range(BIG))
BIG_CALL = "f(%s)" % ", ".join("k%d=a" % i for i in range(BIG))
# 300 names and constants: EXTENDED_ARG
MANY_NAMES = (
    "\n".join("v%d = %d" % (i, i) for i in range(300)) + "\nif v1:\n    r = v299"
)

# fmt: off
ALLOWED_CASES = [
    # literals
    (E, "[1, 2, (3, 4), {'k': [5, None]}]",
     ops("BUILD_LIST BUILD_MAP LOAD_CONST RETURN_VALUE")),
    (E, BIG_LIST,
     ops("BUILD_LIST LOAD_CONST RETURN_VALUE")),
    (E, BIG_SET,
     ops("BUILD_SET LOAD_CONST RETURN_VALUE")),
    (E, BIG_DICT,
     ops("BUILD_CONST_KEY_MAP LOAD_CONST RETURN_VALUE")),
    (E, BIG_DICT_NAMES,
     ops("BUILD_CONST_KEY_MAP LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, BIG_DICT_NAME_KEYS,
     ops("BINARY_ADD BUILD_MAP LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, BIG_TUPLE_NAMES,
     ops("BUILD_TUPLE LOAD_NAME RETURN_VALUE")),
    (E, BIG_NESTED,
     ops("BUILD_LIST BUILD_MAP LOAD_CONST RETURN_VALUE")),
    (E, "((1, 2), (3, (4, 5)), [a, (b, c)])",
     ops("BUILD_LIST BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "{'a': a, 'b': [b, {c}]}",
     ops("BUILD_CONST_KEY_MAP BUILD_LIST BUILD_SET LOAD_CONST LOAD_NAME RETURN_VALUE")),
    # arithmetic and formatting
    (E, "a + b * c - a / b + a // b - c % b + a ** 2",
     ops("BINARY_ADD BINARY_FLOOR_DIVIDE BINARY_MODULO BINARY_MULTIPLY BINARY_POWER "
         "BINARY_SUBTRACT BINARY_TRUE_DIVIDE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "a << 2 | b >> 1 & c ^ a",
     ops("BINARY_AND BINARY_LSHIFT BINARY_OR BINARY_RSHIFT BINARY_XOR LOAD_CONST LOAD_NAME "
         "RETURN_VALUE")),
    (E, "-a + +b - ~c",
     ops("BINARY_ADD BINARY_SUBTRACT LOAD_NAME RETURN_VALUE UNARY_INVERT UNARY_NEGATIVE "
         "UNARY_POSITIVE")),
    (E, "'%s-%s' % (a, b)",
     ops("BINARY_MODULO BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'%s/%r/%a' % (s, s, s)",
     ops("BINARY_MODULO BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'%5s|%-4s|%.2s' % (s, a, s)",
     ops("BINARY_MODULO BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'%s' % (a,)",
     ops("BINARY_MODULO BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'%d items, %.1f%%' % (a, b)",
     ops("BINARY_MODULO BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'%(k)s' % d",
     ops("BINARY_MODULO LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "'x' * a + s",
     ops("BINARY_ADD BINARY_MULTIPLY LOAD_CONST LOAD_NAME RETURN_VALUE")),
    # comparisons, boolean logic, conditionals
    (E, "a < b <= c",
     ops("COMPARE_OP DUP_TOP JUMP_FORWARD JUMP_IF_FALSE_OR_POP LOAD_NAME POP_TOP RETURN_VALUE "
         "ROT_THREE ROT_TWO")),
    (E, "a == 3 and b != 3 or c >= 9",
     ops("COMPARE_OP JUMP_IF_TRUE_OR_POP LOAD_CONST LOAD_NAME POP_JUMP_IF_FALSE RETURN_VALUE")),
    (E, "1 in l and 9 not in l",
     ops("COMPARE_OP JUMP_IF_FALSE_OR_POP LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "n is None and s is not None",
     ops("COMPARE_OP JUMP_IF_FALSE_OR_POP LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "not a or not n",
     ops("JUMP_IF_TRUE_OR_POP LOAD_NAME RETURN_VALUE UNARY_NOT")),
    (E, "a if t else b",
     ops("JUMP_FORWARD LOAD_NAME POP_JUMP_IF_FALSE RETURN_VALUE")),
    (E, "[x for x in l if x] if l else None",
     ops("BUILD_LIST CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE JUMP_FORWARD LIST_APPEND "
         "LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION POP_JUMP_IF_FALSE RETURN_VALUE "
         "STORE_FAST")),
    # subscripts and slices
    (E, "l[1] + l[-1] + d['k']",
     ops("BINARY_ADD BINARY_SUBSCR LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "l[1:3] + l[::2] + l[:-1]",
     ops("BINARY_ADD BINARY_SUBSCR BUILD_SLICE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "s[a:]",
     ops("BINARY_SUBSCR BUILD_SLICE LOAD_CONST LOAD_NAME RETURN_VALUE")),
    # calls
    (E, "f(1, 2, k=3)",
     ops("CALL_FUNCTION_KW LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "f(*l)",
     ops("CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE")),
    (E, "f(**kw)",
     ops("BUILD_TUPLE CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE")),
    (E, "f(*l, **kw)",
     ops("CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE")),
    (E, "f(*l, k=1)",
     ops("BUILD_MAP CALL_FUNCTION_EX LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "f(**{'a': 1})",
     ops("BUILD_MAP BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "f(**{'a': a, 'b': b})",
     ops("BUILD_CONST_KEY_MAP BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "dict(ctx, **{'lang': 'en_US'})",
     ops("BUILD_MAP BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "f(**g(kw, **h))",
     ops("BUILD_TUPLE CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE")),
    (E, "f(**(kw or h))",
     ops("BUILD_TUPLE CALL_FUNCTION_EX JUMP_IF_TRUE_OR_POP LOAD_NAME RETURN_VALUE")),
    (E, BIG_CALL,
     ops("CALL_FUNCTION_KW LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "o.m(1, k=2) + o.attr",
     ops("BINARY_ADD CALL_FUNCTION_KW LOAD_ATTR LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "s.upper().split('T')",
     ops("CALL_FUNCTION LOAD_ATTR LOAD_CONST LOAD_NAME RETURN_VALUE")),
    (E, "len(s) + abs(-a) + int('3') + len(str(a)) + max(l) + min(1, 2)",
     ops("BINARY_ADD CALL_FUNCTION LOAD_CONST LOAD_NAME RETURN_VALUE UNARY_NEGATIVE")),
    (E, "list(zip(range(3), enumerate(l)))",
     ops("CALL_FUNCTION LOAD_CONST LOAD_NAME RETURN_VALUE")),
    # comprehensions and lambdas
    (E, "[x * 2 for x in l if x > 1]",
     ops("BINARY_MULTIPLY BUILD_LIST CALL_FUNCTION COMPARE_OP FOR_ITER GET_ITER JUMP_ABSOLUTE "
         "LIST_APPEND LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION POP_JUMP_IF_FALSE "
         "RETURN_VALUE STORE_FAST")),
    (E, "{x % 2 for x in l}",
     ops("BINARY_MODULO BUILD_SET CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_CONST "
         "LOAD_FAST LOAD_NAME MAKE_FUNCTION RETURN_VALUE SET_ADD STORE_FAST")),
    (E, "{k: v for k, v in d.items()}",
     ops("BUILD_MAP CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_ATTR LOAD_CONST "
         "LOAD_FAST LOAD_NAME MAKE_FUNCTION MAP_ADD RETURN_VALUE STORE_FAST UNPACK_SEQUENCE")),
    (E, "sum(x for x in l)",
     ops("CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_CONST LOAD_FAST LOAD_NAME "
         "MAKE_FUNCTION POP_TOP RETURN_VALUE STORE_FAST YIELD_VALUE")),
    (E, "[(x, y) for x in l for y in l if x < y]",
     ops("BUILD_LIST BUILD_TUPLE CALL_FUNCTION COMPARE_OP FOR_ITER GET_ITER JUMP_ABSOLUTE "
         "LIST_APPEND LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION POP_JUMP_IF_FALSE "
         "RETURN_VALUE STORE_FAST")),
    (E, "all(x for x in l) and any([n, a])",
     ops("BUILD_LIST CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE JUMP_IF_FALSE_OR_POP "
         "LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION POP_TOP RETURN_VALUE STORE_FAST "
         "YIELD_VALUE")),
    (E, "list(map(lambda x: x + 1, l))",
     ops("BINARY_ADD CALL_FUNCTION LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION RETURN_VALUE")),
    (E, "max(l, key=lambda x: -x)",
     ops("CALL_FUNCTION_KW LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION RETURN_VALUE "
         "UNARY_NEGATIVE")),
    (E, "(lambda x, y=2: x * y)(a)",
     ops("BINARY_MULTIPLY CALL_FUNCTION LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION "
         "RETURN_VALUE")),
    (E, "(lambda *p, **q: (p, q))(1, z=2)",
     ops("BUILD_TUPLE CALL_FUNCTION_KW LOAD_CONST LOAD_FAST MAKE_FUNCTION RETURN_VALUE")),
    # statements (exec mode)
    (X, "r = a + b\nr += 1\nr -= 2\nr *= 3\nr **= 2\nr &= 0xff\nr |= 1\nr ^= 3",
     ops("BINARY_ADD INPLACE_ADD INPLACE_AND INPLACE_MULTIPLY INPLACE_OR INPLACE_POWER "
         "INPLACE_SUBTRACT INPLACE_XOR LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME")),
    (X, "l[0] += 5\nd['k'] -= 1\nl[1] *= 2",
     ops("BINARY_SUBSCR DUP_TOP_TWO INPLACE_ADD INPLACE_MULTIPLY INPLACE_SUBTRACT LOAD_CONST "
         "LOAD_NAME RETURN_VALUE ROT_THREE STORE_SUBSCR")),
    (X, "l[1:3] = [9]\nd['new'] = l",
     ops("BUILD_LIST BUILD_SLICE LOAD_CONST LOAD_NAME RETURN_VALUE STORE_SUBSCR")),
    (X, "x = y = 1",
     ops("DUP_TOP LOAD_CONST RETURN_VALUE STORE_NAME")),
    (X, "p, q = a, b\np, q = q, p",
     ops("LOAD_CONST LOAD_NAME RETURN_VALUE ROT_TWO STORE_NAME")),
    (X, "p, (q, r) = l[0], (l[1], l[2])",
     ops("BINARY_SUBSCR BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME "
         "UNPACK_SEQUENCE")),
    (X, "total = 0\nfor i in l:\n    if i == 2:\n        continue\n    if i > 3:\n"
        "        break\n    total += i\nelse:\n    total = -1",
     ops("BREAK_LOOP COMPARE_OP FOR_ITER GET_ITER INPLACE_ADD JUMP_ABSOLUTE LOAD_CONST "
         "LOAD_NAME POP_BLOCK POP_JUMP_IF_FALSE RETURN_VALUE SETUP_LOOP STORE_NAME")),
    (X, "i = 0\nwhile True:\n    i += 1\n    if i < 3:\n        continue\n    if i >= 5:\n"
        "        break",
     ops("BREAK_LOOP COMPARE_OP INPLACE_ADD JUMP_ABSOLUTE LOAD_CONST LOAD_NAME POP_BLOCK "
         "POP_JUMP_IF_FALSE RETURN_VALUE SETUP_LOOP STORE_NAME")),
    (X, "i = a\nwhile i:\n    i -= 1",
     ops("INPLACE_SUBTRACT JUMP_ABSOLUTE LOAD_CONST LOAD_NAME POP_BLOCK POP_JUMP_IF_FALSE "
         "RETURN_VALUE SETUP_LOOP STORE_NAME")),
    (X, "if a > 5:\n    r = 1\nelif a > 2:\n    r = 2\nelse:\n    r = 3",
     ops("COMPARE_OP JUMP_FORWARD LOAD_CONST LOAD_NAME POP_JUMP_IF_FALSE RETURN_VALUE "
         "STORE_NAME")),
    (X, "try:\n    r = l[10]\nexcept Exception as e:\n    r = -1\nelse:\n    r = 0\n"
        "finally:\n    done = True",
     ops("BINARY_SUBSCR COMPARE_OP DELETE_NAME DUP_TOP END_FINALLY JUMP_FORWARD LOAD_CONST "
         "LOAD_NAME POP_BLOCK POP_EXCEPT POP_JUMP_IF_FALSE POP_TOP RETURN_VALUE SETUP_EXCEPT "
         "SETUP_FINALLY STORE_NAME")),
    (X, "for i in l:\n    try:\n        if i == 1:\n            continue\n        r = i\n"
        "    finally:\n        pass",
     ops("COMPARE_OP CONTINUE_LOOP END_FINALLY FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_CONST "
         "LOAD_NAME POP_BLOCK POP_JUMP_IF_FALSE RETURN_VALUE SETUP_FINALLY SETUP_LOOP "
         "STORE_NAME")),
    (X, "try:\n    raise Exception('boom')\nexcept Exception as e:\n    msg = str(e)",
     ops("CALL_FUNCTION COMPARE_OP DELETE_NAME DUP_TOP END_FINALLY JUMP_FORWARD LOAD_CONST "
         "LOAD_NAME POP_BLOCK POP_EXCEPT POP_JUMP_IF_FALSE POP_TOP RAISE_VARARGS RETURN_VALUE "
         "SETUP_EXCEPT SETUP_FINALLY STORE_NAME")),
    (X, "raise Exception('stop')",
     ops("CALL_FUNCTION LOAD_CONST LOAD_NAME RAISE_VARARGS RETURN_VALUE")),
    (X, "del a\ntmp = 1\ndel tmp",
     ops("DELETE_NAME LOAD_CONST RETURN_VALUE STORE_NAME")),
    (X, "def add(p, q=1):\n    return p + q\nr = add(a) + add(a, q=b)",
     ops("BINARY_ADD CALL_FUNCTION CALL_FUNCTION_KW LOAD_CONST LOAD_FAST LOAD_NAME "
         "MAKE_FUNCTION RETURN_VALUE STORE_NAME")),
    (X, "def gen(k):\n    for i in range(k):\n        yield i * 2\nr = list(gen(3))",
     ops("BINARY_MULTIPLY CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_CONST LOAD_FAST "
         "LOAD_GLOBAL LOAD_NAME MAKE_FUNCTION POP_BLOCK POP_TOP RETURN_VALUE SETUP_LOOP "
         "STORE_FAST STORE_NAME YIELD_VALUE")),
    (X, "def kwo(p, *, q=2):\n    return p + q\nr = kwo(1, q=3)",
     ops("BINARY_ADD BUILD_CONST_KEY_MAP CALL_FUNCTION_KW LOAD_CONST LOAD_FAST LOAD_NAME "
         "MAKE_FUNCTION RETURN_VALUE STORE_NAME")),
    (X, "def ann(p: int) -> int:\n    return p\nr = ann(1)",
     ops("BUILD_CONST_KEY_MAP CALL_FUNCTION LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION "
         "RETURN_VALUE STORE_NAME")),
    (X, "def reads_global():\n    global a\n    return a\nr = reads_global()",
     ops("CALL_FUNCTION LOAD_CONST LOAD_GLOBAL LOAD_NAME MAKE_FUNCTION RETURN_VALUE STORE_NAME")),
    (X, "global x\nr = 1",
     ops("LOAD_CONST RETURN_VALUE STORE_NAME")),
    (X, "r = [i for i in range(3)]\nq = [j + i for j in r]",
     ops("BINARY_ADD BUILD_LIST CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE LIST_APPEND "
         "LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION RETURN_VALUE STORE_FAST STORE_NAME")),
    (X, "assert a == 3",
     ops("COMPARE_OP LOAD_CONST LOAD_GLOBAL LOAD_NAME POP_JUMP_IF_TRUE RAISE_VARARGS "
         "RETURN_VALUE")),
    (X, "assert a == 3, 'message'",
     ops("CALL_FUNCTION COMPARE_OP LOAD_CONST LOAD_GLOBAL LOAD_NAME POP_JUMP_IF_TRUE "
         "RAISE_VARARGS RETURN_VALUE")),
    (X, "async def co():\n    return 1",
     ops("LOAD_CONST MAKE_FUNCTION RETURN_VALUE STORE_NAME")),
    (X, MANY_NAMES,
     ops("EXTENDED_ARG LOAD_CONST LOAD_NAME POP_JUMP_IF_FALSE RETURN_VALUE STORE_NAME")),
]

REFUSED_CASES = [
    # imports
    (X, "import os",
     ops("IMPORT_NAME LOAD_CONST RETURN_VALUE STORE_NAME"),
     ops('IMPORT_NAME')),
    (X, "import os.path as p",
     ops("IMPORT_NAME LOAD_ATTR LOAD_CONST RETURN_VALUE STORE_NAME"),
     ops('IMPORT_NAME')),
    (X, "from os import path",
     ops("IMPORT_FROM IMPORT_NAME LOAD_CONST POP_TOP RETURN_VALUE STORE_NAME"),
     ops('IMPORT_FROM IMPORT_NAME')),
    (X, "from os import *",
     ops("IMPORT_NAME IMPORT_STAR LOAD_CONST RETURN_VALUE"),
     ops('IMPORT_NAME IMPORT_STAR')),
    # attribute writes, subscript deletion
    (X, "o.attr = 1",
     ops("LOAD_CONST LOAD_NAME RETURN_VALUE STORE_ATTR"),
     ops('STORE_ATTR')),
    (X, "o.attr += 1",
     ops("DUP_TOP INPLACE_ADD LOAD_ATTR LOAD_CONST LOAD_NAME RETURN_VALUE ROT_TWO STORE_ATTR"),
     ops('STORE_ATTR')),
    (X, "del o.attr",
     ops("DELETE_ATTR LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('DELETE_ATTR')),
    (X, "del l[0]",
     ops("DELETE_SUBSCR LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('DELETE_SUBSCR')),
    (X, "del l[1:2]",
     ops("BUILD_SLICE DELETE_SUBSCR LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('DELETE_SUBSCR')),
    # globals and closures
    (X, "def f():\n    global a\n    a = 1",
     ops("LOAD_CONST MAKE_FUNCTION RETURN_VALUE STORE_GLOBAL STORE_NAME"),
     ops('STORE_GLOBAL')),
    (X, "global a\na = 1",
     ops("LOAD_CONST RETURN_VALUE STORE_GLOBAL"),
     ops('STORE_GLOBAL')),
    (X, "def f():\n    global a\n    del a",
     ops("DELETE_GLOBAL LOAD_CONST MAKE_FUNCTION RETURN_VALUE STORE_NAME"),
     ops('DELETE_GLOBAL')),
    (X, "def outer():\n    v = 1\n    def inner():\n        return v\n    return inner",
     ops("BUILD_TUPLE LOAD_CLOSURE LOAD_CONST LOAD_DEREF LOAD_FAST MAKE_FUNCTION RETURN_VALUE "
         "STORE_DEREF STORE_FAST STORE_NAME"),
     ops('LOAD_CLOSURE')),
    (X, "def outer():\n    v = 1\n    def inner():\n        nonlocal v\n        v = 2\n"
        "    return inner",
     ops("BUILD_TUPLE LOAD_CLOSURE LOAD_CONST LOAD_FAST MAKE_FUNCTION RETURN_VALUE STORE_DEREF "
         "STORE_FAST STORE_NAME"),
     ops('STORE_DEREF')),
    (X, "def outer(v):\n    return [v + i for i in range(3)]",
     ops("BINARY_ADD BUILD_LIST BUILD_TUPLE CALL_FUNCTION FOR_ITER GET_ITER JUMP_ABSOLUTE "
         "LIST_APPEND LOAD_CLOSURE LOAD_CONST LOAD_DEREF LOAD_FAST LOAD_GLOBAL MAKE_FUNCTION "
         "RETURN_VALUE STORE_FAST STORE_NAME"),
     ops('LOAD_CLOSURE')),
    (E, "lambda x: lambda y: x + y",
     ops("BINARY_ADD BUILD_TUPLE LOAD_CLOSURE LOAD_CONST LOAD_DEREF LOAD_FAST MAKE_FUNCTION "
         "RETURN_VALUE"),
     ops('LOAD_CLOSURE')),
    # 3.8+ syntax: STORE_GLOBAL is how 3.6 spelled the comprehension's scoping
    (X, "r = [(y := i) for i in l]",
     ops("BUILD_LIST CALL_FUNCTION DUP_TOP FOR_ITER GET_ITER JUMP_ABSOLUTE LIST_APPEND "
         "LOAD_CONST LOAD_FAST LOAD_NAME MAKE_FUNCTION RETURN_VALUE STORE_FAST STORE_GLOBAL "
         "STORE_NAME"),
     ops('STORE_GLOBAL')),
    # classes, with, generator delegation, async
    (X, "class A(object):\n    pass",
     ops("CALL_FUNCTION LOAD_BUILD_CLASS LOAD_CONST LOAD_NAME MAKE_FUNCTION RETURN_VALUE "
         "STORE_NAME"),
     ops('LOAD_BUILD_CLASS')),
    (X, "with o:\n    pass",
     ops("END_FINALLY LOAD_CONST LOAD_NAME POP_BLOCK POP_TOP RETURN_VALUE SETUP_WITH "
         "WITH_CLEANUP_FINISH WITH_CLEANUP_START"),
     ops('BEFORE_WITH')),
    (X, "with o as p:\n    x = p",
     ops("END_FINALLY LOAD_CONST LOAD_NAME POP_BLOCK RETURN_VALUE SETUP_WITH STORE_NAME "
         "WITH_CLEANUP_FINISH WITH_CLEANUP_START"),
     ops('BEFORE_WITH')),
    (X, "def g():\n    yield from l",
     ops("GET_YIELD_FROM_ITER LOAD_CONST LOAD_GLOBAL MAKE_FUNCTION POP_TOP RETURN_VALUE "
         "STORE_NAME YIELD_FROM"),
     ops('GET_YIELD_FROM_ITER')),
    (X, "async def co():\n    await o",
     ops("GET_AWAITABLE LOAD_CONST LOAD_GLOBAL MAKE_FUNCTION POP_TOP RETURN_VALUE STORE_NAME "
         "YIELD_FROM"),
     ops('GET_AWAITABLE')),
    (X, "async def co():\n    async for i in o:\n        pass",
     ops("COMPARE_OP DUP_TOP END_FINALLY GET_AITER GET_ANEXT JUMP_ABSOLUTE JUMP_FORWARD "
         "LOAD_CONST LOAD_GLOBAL MAKE_FUNCTION POP_BLOCK POP_EXCEPT POP_JUMP_IF_FALSE POP_TOP "
         "RETURN_VALUE SETUP_EXCEPT SETUP_LOOP STORE_FAST STORE_NAME YIELD_FROM"),
     ops('GET_AITER GET_ANEXT')),
    (X, "async def co():\n    async with o:\n        pass",
     ops("BEFORE_ASYNC_WITH END_FINALLY GET_AWAITABLE LOAD_CONST LOAD_GLOBAL MAKE_FUNCTION "
         "POP_BLOCK POP_TOP RETURN_VALUE SETUP_ASYNC_WITH STORE_NAME WITH_CLEANUP_FINISH "
         "WITH_CLEANUP_START YIELD_FROM"),
     ops('BEFORE_ASYNC_WITH')),
    # f-strings (FORMAT_VALUE / BUILD_STRING were never whitelisted)
    (E, "f'{a}'",
     ops("FORMAT_VALUE LOAD_NAME RETURN_VALUE"),
     ops('FORMAT_VALUE')),
    (E, "f'x{a}y{b}'",
     ops("BUILD_STRING FORMAT_VALUE LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('FORMAT_VALUE')),
    (E, "f'{a:>5}'",
     ops("FORMAT_VALUE LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('FORMAT_VALUE')),
    (E, "f'{a!r:>5}'",
     ops("FORMAT_VALUE LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('FORMAT_VALUE')),
    # operators that were never whitelisted (see the module docstring)
    (E, "a @ b",
     ops("BINARY_MATRIX_MULTIPLY LOAD_NAME RETURN_VALUE"),
     ops('BINARY_MATRIX_MULTIPLY')),
    (X, "a @= b",
     ops("INPLACE_MATRIX_MULTIPLY LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_MATRIX_MULTIPLY')),
    (X, "a //= 2",
     ops("INPLACE_FLOOR_DIVIDE LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_FLOOR_DIVIDE')),
    (X, "a /= 2",
     ops("INPLACE_TRUE_DIVIDE LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_TRUE_DIVIDE')),
    (X, "a <<= 1",
     ops("INPLACE_LSHIFT LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_LSHIFT')),
    (X, "a >>= 1",
     ops("INPLACE_RSHIFT LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_RSHIFT')),
    (X, "a %= 2",
     ops("INPLACE_MODULO LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME"),
     ops('INPLACE_MODULO')),
    # star-unpacking in displays and calls
    (E, "[*l]",
     ops("BUILD_LIST_UNPACK LOAD_NAME RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    (E, "[1, *l]",
     ops("BUILD_LIST_UNPACK BUILD_TUPLE LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    (E, "{*l}",
     ops("BUILD_SET_UNPACK LOAD_NAME RETURN_VALUE"),
     ops('BUILD_SET_UNPACK')),
    (E, "{*l, 1}",
     ops("BUILD_SET BUILD_SET_UNPACK LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('BUILD_SET_UNPACK')),
    (E, "{**d}",
     ops("BUILD_MAP_UNPACK LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK')),
    (E, "{'a': 1, **d}",
     ops("BUILD_MAP BUILD_MAP_UNPACK LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK')),
    (E, "(*l,)",
     ops("BUILD_TUPLE_UNPACK LOAD_NAME RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    (E, "f(1, *l)",
     ops("BUILD_TUPLE BUILD_TUPLE_UNPACK_WITH_CALL CALL_FUNCTION_EX LOAD_CONST LOAD_NAME "
         "RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    (E, "f(*l, *l)",
     ops("BUILD_TUPLE_UNPACK_WITH_CALL CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    (E, "f(x=1, **kw)",
     ops("BUILD_MAP BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST "
         "LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK_WITH_CALL')),
    (E, "f(**kw, x=1)",
     ops("BUILD_MAP BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST "
         "LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK_WITH_CALL')),
    (E, "f(**kw, **h)",
     ops("BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE CALL_FUNCTION_EX LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK_WITH_CALL')),
    (E, "f(x=1, **g(**kw))",
     ops("BUILD_MAP BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE CALL_FUNCTION_EX LOAD_CONST "
         "LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK_WITH_CALL')),
    (E, "f(x=1, **(kw or {}))",
     ops("BUILD_MAP BUILD_MAP_UNPACK_WITH_CALL BUILD_TUPLE CALL_FUNCTION_EX JUMP_IF_TRUE_OR_POP "
         "LOAD_CONST LOAD_NAME RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK_WITH_CALL')),
    (E, "{**{'a': 1}}",
     ops("BUILD_MAP BUILD_MAP_UNPACK LOAD_CONST RETURN_VALUE"),
     ops('BUILD_MAP_UNPACK')),
    (E, "[*'abc']",
     ops("BUILD_LIST_UNPACK LOAD_CONST RETURN_VALUE"),
     ops('BUILD_LIST_UNPACK')),
    # extended unpacking
    (X, "p, *q = l",
     ops("LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME UNPACK_EX"),
     ops('UNPACK_EX')),
    (X, "*p, q = l",
     ops("LOAD_CONST LOAD_NAME RETURN_VALUE STORE_NAME UNPACK_EX"),
     ops('UNPACK_EX')),
    (X, "for p, *q in [l]:\n    pass",
     ops("BUILD_LIST FOR_ITER GET_ITER JUMP_ABSOLUTE LOAD_CONST LOAD_NAME POP_BLOCK "
         "RETURN_VALUE SETUP_LOOP STORE_NAME UNPACK_EX"),
     ops('UNPACK_EX')),
]
# fmt: on


# Where the layer's verdict differs from 3.6's.  'bug' -> xfail(strict).
DEVIATIONS = {
    # Deliberate and documented in odoo11compat.safe_eval: 3.11 compiles
    # this exactly like "'%5r' % a", which 3.6 allowed.
    "f'{a!r:>5}'": (
        "LAYER APPROXIMATION (false acceptance, harmless): same bytecode as "
        "'%5r' % a"
    ),
}


def _short(source):
    source = source.replace("\n", "; ")
    return source if len(source) <= 60 else source[:34] + "..." + source[-23:]


def _case_id(case):
    return _short(case[1])


def _maybe_xfail(cases):
    params = []
    for case in cases:
        marks = ()
        if case[1] in DEVIATIONS:
            marks = (pytest.mark.xfail(strict=True, reason=DEVIATIONS[case[1]]),)
        params.append(pytest.param(*case, id=_case_id(case), marks=marks))
    return params


# --- the reference data itself --------------------------------------------------------------


def test_reference_lists_match_installed_odoo():
    """The whitelists copied above are the ones of the installed Odoo 11,
    and the layer reads the same names from its source."""
    lists = layer.odoo_whitelists(se)
    assert lists["_CONST_OPCODES"] == ODOO11_CONST
    assert lists["_EXPR_OPCODES"] == ODOO11_EXPR
    assert lists["_SAFE_OPCODES"] == ODOO11_SAFE


def test_reference_cases_use_real_python36_opnames():
    for case in ALLOWED_CASES + REFUSED_CASES:
        unknown = set(case[2]) - PY36_OPNAMES
        assert not unknown, (case[1], unknown)


def test_reference_verdicts_are_consistent():
    for case in ALLOWED_CASES:
        assert py36_verdict(case[2]) == "allowed", case[1]
    for case in REFUSED_CASES:
        assert py36_verdict(case[2]) == "refused", case[1]


def test_odoo_names_that_python36_never_had():
    assert ODOO11_SAFE - PY36_OPNAMES == {
        "ROT_FOUR",
        "DUP_TOPX",
        "STORE_MAP",
        "BINARY_DIVIDE",
        "INPLACE_DIVIDE",
        "INPLACE_REMAINDER",
        "INPLACE_LEFTSHIFT",
        "INPLACE_RIGHTSHIFT",
        "SLICE+0",
        "SLICE+1",
        "SLICE+2",
        "SLICE+3",
        "CALL_FUNCTION_VAR",
        "CALL_FUNCTION_VAR_KW",
        "CALL_METHOD",
        "LOAD_METHOD",
        "JUMP_IF_TRUE",
        "JUMP_IF_FALSE",
    }


# --- verdicts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode, source, py36_names", _maybe_xfail(ALLOWED_CASES))
def test_allowed_on_36_and_now(mode, source, py36_names):
    verdict, exc = _layer_verdict(source, mode)
    assert verdict == "allowed", str(exc)
    # and it computes what Python computes
    assert _run_safe(source, mode) == _run_plain(source, mode)


@pytest.mark.parametrize(
    "mode, source, py36_names, message_names", _maybe_xfail(REFUSED_CASES)
)
def test_refused_on_36_and_now(mode, source, py36_names, message_names):
    verdict, exc = _layer_verdict(source, mode)
    assert verdict == "refused"
    assert isinstance(exc, ValueError)
    assert message_names <= _reported_opcodes(exc), str(exc)
    with pytest.raises(ValueError):
        se.safe_eval(source, _env(), mode=mode)


@pytest.mark.parametrize(
    "mode, source",
    [
        (E, "__import__('os')"),
        (E, "__import__('os').system('true')"),
        (E, "(1).__class__"),
        (E, "().__class__.__bases__[0].__subclasses__()"),
        (E, "o.__dict__"),
        (E, "s.__len__()"),
        (E, "[x for x in l].__class__"),
        (E, "(lambda: 0).__globals__"),
        (E, "(x for x in l).gi_frame"),
        (E, "o.f_globals"),
        (E, "o.f_locals"),
        (E, "o.f_builtins"),
        (E, "o.co_code"),
        (E, "o.func_globals"),
        (E, "[y.gi_frame for y in l]"),
        (X, "__builtins__['open']"),
        (X, "def fn():\n    return __name__"),
        (X, "r = lambda: o.__class__"),
    ],
)
def test_dunder_and_frame_names_refused(mode, source):
    with pytest.raises(NameError) as info:
        se.test_expr(source, se._SAFE_OPCODES, mode=mode)
    assert "forbidden name" in str(info.value)
    with pytest.raises(NameError):
        se.safe_eval(source, _env(), mode=mode)


def test_variable_annotation_refused():
    # 3.6: SETUP_ANNOTATIONS/STORE_ANNOTATION (ValueError); 3.7+ stores into
    # __annotations__, so the dunder check (NameError) refuses it first.
    with pytest.raises((NameError, ValueError)):
        se.safe_eval("x: int = 1", _env(), mode="exec")


@pytest.mark.parametrize(
    "source, name",
    [
        ("open('/etc/passwd').read()", "open"),
        ("eval('1 + 1')", "eval"),
        ("exec('x = 1')", "exec"),
        ("compile('1', '', 'eval')", "compile"),
        ("getattr(o, 'attr')", "getattr"),
        ("setattr(o, 'attr', 1)", "setattr"),
        ("globals()", "globals"),
        ("vars(o)", "vars"),
        ("type(o)", "type"),
        ("print(1)", "print"),
    ],
)
def test_dangerous_builtins_are_not_available(source, name):
    """Compiles fine (a call by name), fails at run time: the name is not
    among safe_eval's builtins.  safe_eval wraps the NameError in a
    ValueError, as on 3.6."""
    with pytest.raises(ValueError) as info:
        se.safe_eval(source, _env())
    assert isinstance(info.value.__context__, NameError)
    assert "NameError" in str(info.value)
    assert "name '%s' is not defined" % name in str(info.value)


def test_failing_assert_is_an_error():
    se.safe_eval("assert a == 3", _env(), mode="exec")
    with pytest.raises(ValueError):
        se.safe_eval("assert a == 4", _env(), mode="exec")


# --- deliberate, documented differences --------------------------------------------------------


def test_fstring_with_conversion_is_the_percent_format_spelling():
    """Documented: 3.11 compiles '%s' % (a,) to FORMAT_VALUE with !s, so an
    f-string with a conversion (and a constant spec) passes; without one it
    does not."""
    assert se.safe_eval("f'{a!s}-{b!r}'", _env()) == "3-4"
    assert se.safe_eval("f'{a!r:>5}'", _env()) == "    3"
    assert se.safe_eval("'%5r' % a", _env()) == "    3"
    assert se.safe_eval("'%s-%r' % (a, b)", _env()) == "3-4"
    with pytest.raises(ValueError):
        se.safe_eval("f'{a}'", _env())


def test_unpacking_a_constant_equals_the_literal():
    # [*(1, 2, 3)] compiles on 3.11 to the very bytecode of [1, 2, 3]
    def spelled(source):
        return [
            (i.opname, i.argval)
            for i in dis.get_instructions(compile(source, "", "eval"))
        ]

    assert spelled("[*(1, 2, 3)]") == spelled("[1, 2, 3]")
    assert se.safe_eval("[*(1, 2, 3)]") == [1, 2, 3]


def test_walrus_compiles_to_a_plain_assignment():
    # := (3.8 syntax) at module level is DUP_TOP + STORE_NAME, allowed
    # opcodes; inside a comprehension it is STORE_GLOBAL (refused, above).
    env = _env()
    assert se.safe_eval("(y := a + 1) * 2", env, nocopy=True) == 8
    assert env["y"] == 4


@pytest.mark.parametrize(
    "source, names",
    [
        ("match l:\n    case [p, q]:\n        r = p", {"MATCH_SEQUENCE"}),
        (
            "match d:\n    case {'k': v}:\n        r = v",
            {"MATCH_MAPPING", "MATCH_KEYS"},
        ),
        ("match o:\n    case int():\n        r = 1", {"MATCH_CLASS"}),
    ],
)
def test_structural_pattern_matching_refused(source, names):
    verdict, exc = _layer_verdict(source, X)
    assert verdict == "refused"
    assert names <= _reported_opcodes(exc)


def test_match_on_literals_is_a_comparison_chain():
    """A match with only literal/wildcard patterns compiles to COMPARE_OP and
    jumps, the opcodes of if/elif: allowed, and correct."""
    source = (
        "match a:\n"
        "    case 1 | 2:\n        r = 'low'\n"
        "    case 3:\n        r = 'three'\n"
        "    case _:\n        r = 'other'"
    )
    env = _env()
    se.safe_eval(source, env, mode="exec", nocopy=True)
    assert env["r"] == "three"


# --- the three modes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "10",
        "-1.5",
        "'text'",
        "None",
        "True",
        "(1, (2, 3))",
        "[1, 2, (3, 4), {'foo': 'bar'}]",
        "{1, 2, 3}",
        "{'a': [1, {'b': None}]}",
        BIG_LIST,
        BIG_SET,
        "1 + 2",  # folded to a constant by 3.6's peephole and 3.11's AST optimizer
    ],
    ids=_short,
)
def test_const_eval_accepts_literals(source):
    assert se.const_eval(source) == eval(source)


@pytest.mark.parametrize("source", [BIG_DICT, BIG_NESTED], ids=_short)
def test_const_eval_accepts_big_literals(source):
    assert se.const_eval(source) == eval(source)


@pytest.mark.parametrize(
    "source, names",
    [
        ("a", {"LOAD_NAME"}),
        ("[1] * 2", {"BINARY_MULTIPLY"}),
        ("-a", {"LOAD_NAME", "UNARY_NEGATIVE"}),
        ("abs(1)", {"LOAD_NAME"}),
        ("(1, 2)[0:1]", {"BUILD_SLICE", "BINARY_SUBSCR"}),
        ("[x for x in (1, 2)]", {"MAKE_FUNCTION"}),
    ],
)
def test_const_eval_refuses_operations(source, names):
    with pytest.raises(ValueError) as info:
        se.const_eval(source)
    assert names <= _reported_opcodes(info.value)


@pytest.mark.parametrize(
    "source",
    [
        "[1, 2] * 2",
        "(1 + 2) * 3 % 4",
        "'a' + 'b'",
        "not 1",
        "2 ** 10 // 3",
        "{'a': 1}['a']",
        "[1, 2, 3][1:]",
        "~5 ^ 3 | 1 & 7",
        "1 < 2",
        "3 in [1, 2, 3]",
        "None is not None",
        BIG_DICT,
        BIG_NESTED,
    ],
    ids=_short,
)
def test_expr_eval_accepts_arithmetic(source):
    assert se.expr_eval(source) == eval(source)


@pytest.mark.parametrize(
    "source, names",
    [
        ("a + 1", {"LOAD_NAME"}),
        ("abs(-1)", {"LOAD_NAME"}),
        ("len([])", {"LOAD_NAME"}),
        ("'x'.upper()", {"LOAD_METHOD"}),
        ("lambda: 1", {"MAKE_FUNCTION"}),
        ("1 if [] else 2", {"POP_JUMP_IF_FALSE"}),
        ("1 < 2 < 3", {"JUMP_IF_FALSE_OR_POP"}),
        ("__import__('sys').modules", {"LOAD_NAME"}),
    ],
)
def test_expr_eval_refuses_names_and_calls(source, names):
    with pytest.raises((ValueError, NameError)) as info:
        se.expr_eval(source)
    if info.type is ValueError:
        assert names <= _reported_opcodes(info.value)


def test_safe_eval_docstring_examples():
    assert se.const_eval("10") == 10
    assert se.const_eval("[1,2, (3,4), {'foo':'bar'}]") == [
        1,
        2,
        (3, 4),
        {"foo": "bar"},
    ]
    assert se.expr_eval("1+2") == 3
    assert se.expr_eval("[1,2]*2") == [1, 2, 1, 2]
    with pytest.raises(NameError):
        se.expr_eval("__import__('sys').modules")


def test_safe_eval_domain_and_context_idioms():
    env = {"uid": 2, "context": {"lang": "fr_FR"}, "time": __import__("time")}
    assert se.safe_eval(
        "[('user_id', '=', uid), ('state', 'in', ['a', 'b'])]", env
    ) == [("user_id", "=", 2), ("state", "in", ["a", "b"])]
    assert se.safe_eval("dict(context, active_test=False)", env) == {
        "lang": "fr_FR",
        "active_test": False,
    }
    assert se.safe_eval("{'default_name': 'x', 'search_default_uid': uid}", env) == {
        "default_name": "x",
        "search_default_uid": 2,
    }
    assert se.safe_eval("time.strftime('%Y') > '2000'", env) is True


def test_test_python_expr_reports_opcode():
    """What server actions' constraint shows the user."""
    assert se.test_python_expr("r = a + 1", mode="exec") is False
    message = se.test_python_expr("o.attr = 1", mode="exec")
    assert "STORE_ATTR" in message
    message = se.test_python_expr("import os", mode="exec")
    assert "IMPORT_NAME" in message


@pytest.mark.parametrize(
    "source, mode, name",
    [
        ("o.attr = 1", X, "STORE_ATTR"),
        ("import os", X, "IMPORT_NAME"),
        ("a @ b", E, "BINARY_MATRIX_MULTIPLY"),
        ("a @= b", X, "INPLACE_MATRIX_MULTIPLY"),
        ("p, *q = l", X, "UNPACK_EX"),
        ("class A:\n    pass", X, "LOAD_BUILD_CLASS"),
        ("with o:\n    pass", X, "BEFORE_WITH"),
        ("{**d}", E, "BUILD_MAP_UNPACK"),
        ("f(x=1, **kw)", E, "BUILD_MAP_UNPACK_WITH_CALL"),
    ],
)
def test_error_message_names_the_opcode(source, mode, name):
    with pytest.raises(ValueError) as info:
        se.safe_eval(source, _env(), mode=mode)
    message = str(info.value)
    assert message.startswith("forbidden opcode(s) in %r: " % source)
    assert name in message.rsplit(": ", 1)[1].split(", ")


# --- the translation, legacy_names ---------------------------------------------------------


def _names(source, mode="eval"):
    return layer.legacy_names(compile(source, "", mode))


def _nested(source, mode="eval"):
    code = compile(source, "", mode)
    return [c for c in code.co_consts if isinstance(c, types.CodeType)][0]


@pytest.mark.parametrize(
    "source, mode, expected",
    [
        ("a + b", E, {"LOAD_NAME", "BINARY_ADD", "RETURN_VALUE"}),
        ("a % b", E, {"LOAD_NAME", "BINARY_MODULO", "RETURN_VALUE"}),
        ("a @ b", E, {"LOAD_NAME", "BINARY_MATRIX_MULTIPLY", "RETURN_VALUE"}),
        ("a is b", E, {"LOAD_NAME", "COMPARE_OP", "RETURN_VALUE"}),
        ("a not in b", E, {"LOAD_NAME", "COMPARE_OP", "RETURN_VALUE"}),
        ("a is None", E, {"LOAD_NAME", "LOAD_CONST", "COMPARE_OP", "RETURN_VALUE"}),
        ("[1, 2, 3]", E, {"BUILD_LIST", "LOAD_CONST", "RETURN_VALUE"}),
        ("{1, 2, 3}", E, {"BUILD_SET", "LOAD_CONST", "RETURN_VALUE"}),
        ("[*a]", E, {"BUILD_LIST", "BUILD_LIST_UNPACK", "LOAD_NAME", "RETURN_VALUE"}),
        ("{*a}", E, {"BUILD_SET", "BUILD_SET_UNPACK", "LOAD_NAME", "RETURN_VALUE"}),
        ("{**a}", E, {"BUILD_MAP", "BUILD_MAP_UNPACK", "LOAD_NAME", "RETURN_VALUE"}),
        ("f(x)", E, {"CALL_FUNCTION", "LOAD_NAME", "RETURN_VALUE"}),
        (
            "f(x, k=1)",
            E,
            {
                "CALL_FUNCTION",
                "CALL_FUNCTION_KW",
                "LOAD_NAME",
                "LOAD_CONST",
                "RETURN_VALUE",
            },
        ),
        ("o.m(x)", E, {"LOAD_NAME", "LOAD_METHOD", "CALL_FUNCTION", "RETURN_VALUE"}),
        (
            "f(*a)",
            E,
            {"CALL_FUNCTION", "CALL_FUNCTION_EX", "LOAD_NAME", "RETURN_VALUE"},
        ),
        (
            "f(**kw)",
            E,
            {
                "CALL_FUNCTION",
                "BUILD_MAP",
                "CALL_FUNCTION_EX",
                "LOAD_CONST",
                "LOAD_NAME",
                "RETURN_VALUE",
            },
        ),
        (
            "f(x=1, **kw)",
            E,
            {
                "CALL_FUNCTION",
                "BUILD_MAP",
                "BUILD_MAP_UNPACK_WITH_CALL",
                "CALL_FUNCTION_EX",
                "LOAD_CONST",
                "LOAD_NAME",
                "RETURN_VALUE",
            },
        ),
        (
            "'%s-%r' % (a, b)",
            E,
            {"BINARY_MODULO", "LOAD_CONST", "LOAD_NAME", "RETURN_VALUE"},
        ),
        ("'%d' % a", E, {"BINARY_MODULO", "LOAD_CONST", "LOAD_NAME", "RETURN_VALUE"}),
        ("f'{a}'", E, {"FORMAT_VALUE", "LOAD_NAME", "RETURN_VALUE"}),
        ("a if b else c", E, {"LOAD_NAME", "POP_JUMP_IF_FALSE", "RETURN_VALUE"}),
        (
            "a, b = b, a",
            X,
            {"LOAD_NAME", "ROT_TWO", "STORE_NAME", "LOAD_CONST", "RETURN_VALUE"},
        ),
        ("x = y = 1", X, {"LOAD_CONST", "DUP_TOP", "STORE_NAME", "RETURN_VALUE"}),
        (
            "a += 1",
            X,
            {"LOAD_NAME", "LOAD_CONST", "INPLACE_ADD", "STORE_NAME", "RETURN_VALUE"},
        ),
        (
            "assert a",
            X,
            {
                "LOAD_NAME",
                "POP_JUMP_IF_TRUE",
                "LOAD_GLOBAL",
                "RAISE_VARARGS",
                "LOAD_CONST",
                "RETURN_VALUE",
            },
        ),
        ("import os", X, {"IMPORT_NAME", "STORE_NAME", "LOAD_CONST", "RETURN_VALUE"}),
        ("o.x = 1", X, {"LOAD_NAME", "LOAD_CONST", "STORE_ATTR", "RETURN_VALUE"}),
        ("del a", X, {"DELETE_NAME", "LOAD_CONST", "RETURN_VALUE"}),
    ],
)
def test_legacy_names_of_snippets(source, mode, expected):
    assert _names(source, mode) == expected


def test_legacy_names_of_a_generator_expression():
    names = layer.legacy_names(_nested("(x for x in l)"))
    assert {
        "YIELD_VALUE",
        "FOR_ITER",
        "LOAD_FAST",
        "STORE_FAST",
        "JUMP_ABSOLUTE",
    } <= names
    assert names <= SAFE36


def test_legacy_names_of_try_except():
    names = _names("try:\n    a\nexcept Exception as e:\n    b\nfinally:\n    c", X)
    assert {"SETUP_EXCEPT", "COMPARE_OP", "END_FINALLY", "POP_EXCEPT"} <= names
    assert names <= SAFE36


def test_legacy_names_of_a_closure_keep_311_names():
    outer = _nested("def f():\n    v = 1\n    return lambda: v", X)
    assert {"LOAD_CLOSURE", "MAKE_CELL"} <= layer.legacy_names(outer)
    inner = [c for c in outer.co_consts if isinstance(c, types.CodeType)][0]
    assert {"COPY_FREE_VARS", "LOAD_DEREF"} <= layer.legacy_names(inner)


PY311_ONLY = {
    "RESUME",
    "CACHE",
    "PRECALL",
    "CALL",
    "PUSH_NULL",
    "KW_NAMES",
    "BINARY_OP",
    "COPY",
    "SWAP",
    "IS_OP",
    "CONTAINS_OP",
    "CHECK_EXC_MATCH",
    "PUSH_EXC_INFO",
    "RERAISE",
    "RETURN_GENERATOR",
    "LOAD_ASSERTION_ERROR",
    "LIST_EXTEND",
    "LIST_TO_TUPLE",
    "SET_UPDATE",
    "DICT_UPDATE",
    "DICT_MERGE",
    "JUMP_BACKWARD",
    "POP_JUMP_FORWARD_IF_FALSE",
    "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE",
}


def _all_code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            for sub in _all_code_objects(const):
                yield sub


def test_allowed_programs_translate_to_36_names_only():
    """Every allowed snippet, in every code object, spells only names that
    existed in 3.6: no 3.11 marker leaks into the check."""
    for mode, source, _names36 in ALLOWED_CASES:
        for code in _all_code_objects(compile(source, "", mode)):
            names = layer.legacy_names(code)
            assert not names & PY311_ONLY, (source, names & PY311_ONLY)
            assert names <= PY36_OPNAMES | {"LOAD_METHOD"}, (
                source,
                names - PY36_OPNAMES,
            )


def _nb_ops():
    return getattr(dis, "_nb_ops", None) or []


OPERATORS = [
    ("+", "BINARY_ADD"),
    ("-", "BINARY_SUBTRACT"),
    ("*", "BINARY_MULTIPLY"),
    ("/", "BINARY_TRUE_DIVIDE"),
    ("//", "BINARY_FLOOR_DIVIDE"),
    ("%", "BINARY_MODULO"),
    ("**", "BINARY_POWER"),
    ("<<", "BINARY_LSHIFT"),
    (">>", "BINARY_RSHIFT"),
    ("&", "BINARY_AND"),
    ("|", "BINARY_OR"),
    ("^", "BINARY_XOR"),
    ("@", "BINARY_MATRIX_MULTIPLY"),
    ("+=", "INPLACE_ADD"),
    ("-=", "INPLACE_SUBTRACT"),
    ("*=", "INPLACE_MULTIPLY"),
    ("/=", "INPLACE_TRUE_DIVIDE"),
    ("//=", "INPLACE_FLOOR_DIVIDE"),
    ("%=", "INPLACE_MODULO"),
    ("**=", "INPLACE_POWER"),
    ("<<=", "INPLACE_LSHIFT"),
    (">>=", "INPLACE_RSHIFT"),
    ("&=", "INPLACE_AND"),
    ("|=", "INPLACE_OR"),
    ("^=", "INPLACE_XOR"),
    ("@=", "INPLACE_MATRIX_MULTIPLY"),
]


@pytest.mark.parametrize("symbol, name36", OPERATORS)
def test_binary_op_translates_to_the_36_opcode(symbol, name36):
    if symbol.endswith("=") and symbol not in ("==",):
        source, mode = "a %s b" % symbol, X
    else:
        source, mode = "a %s b" % symbol, E
    names = _names(source, mode)
    assert name36 in names
    assert len([n for n in names if n.startswith(("BINARY_", "INPLACE_"))]) == 1
    assert name36 in PY36_OPNAMES


def test_every_binary_op_argument_is_mapped():
    if not _nb_ops():  # pragma: no cover - not 3.11+
        pytest.skip("no BINARY_OP on this Python")
    assert len(layer.BINARY_OPS) == len(_nb_ops())


def test_spellings_target_python36_opcodes():
    for new_name, old_names in layer.SPELLINGS.items():
        assert set(old_names) <= PY36_OPNAMES, new_name


# --- how the module was patched ----------------------------------------------------------------


def test_safe_eval_module_was_patched():
    assert "odoo.tools.safe_eval" in odoo11compat.APPLIED
    assert se._get_opcodes.__module__ == layer.__name__
    # opcode numbers of this Python keep their names; the 3.6-only names
    # get numbers past the table, so that messages can still name them
    known = len(opcode.opname)
    assert list(se.opname[:known]) == list(opcode.opname)
    extra = set(se.opname[known:])
    assert {
        "CALL_FUNCTION",
        "BINARY_ADD",
        "INPLACE_ADD",
        "BUILD_MAP_UNPACK_WITH_CALL",
    } <= extra
    assert not extra & set(opcode.opmap)
    numbers = set(se._get_opcodes(compile("f(a + 1)", "", "eval")))
    assert {se.opname[n] for n in numbers} == {
        "CALL_FUNCTION",
        "LOAD_NAME",
        "LOAD_CONST",
        "BINARY_ADD",
        "RETURN_VALUE",
    }


def test_whitelists_hold_only_odoo_names():
    """'and nothing more': every number in Odoo's three sets names an
    opcode that Odoo's own lists name."""
    for attr, names in (
        ("_CONST_OPCODES", ODOO11_CONST),
        ("_EXPR_OPCODES", ODOO11_EXPR),
        ("_SAFE_OPCODES", ODOO11_SAFE),
    ):
        spelled = {se.opname[number] for number in getattr(se, attr)}
        assert spelled <= names, (attr, spelled - names)
    # and everything 3.6 allowed is still in there
    assert {se.opname[n] for n in se._CONST_OPCODES} >= CONST36
    assert {se.opname[n] for n in se._EXPR_OPCODES} >= EXPR36
    assert {se.opname[n] for n in se._SAFE_OPCODES} >= SAFE36


def test_mode_sets_are_nested():
    assert se._CONST_OPCODES < se._EXPR_OPCODES < se._SAFE_OPCODES


@pytest.mark.parametrize(
    "name",
    [
        "STORE_ATTR",
        "DELETE_ATTR",
        "IMPORT_NAME",
        "IMPORT_FROM",
        "IMPORT_STAR",
        "STORE_GLOBAL",
        "DELETE_GLOBAL",
        "LOAD_CLOSURE",
        "LOAD_DEREF",
        "STORE_DEREF",
        "DELETE_DEREF",
        "MAKE_CELL",
        "COPY_FREE_VARS",
        "LOAD_CLASSDEREF",
        "LOAD_BUILD_CLASS",
        "BEFORE_WITH",
        "BEFORE_ASYNC_WITH",
        "WITH_EXCEPT_START",
        "SETUP_ANNOTATIONS",
        "DELETE_SUBSCR",
        "GET_AWAITABLE",
        "GET_AITER",
        "GET_ANEXT",
        "GET_YIELD_FROM_ITER",
        "SEND",
        "UNPACK_EX",
        "PRINT_EXPR",
        "MATCH_CLASS",
        "MATCH_MAPPING",
        "MATCH_SEQUENCE",
        "MATCH_KEYS",
        "GET_LEN",
        # the 3.11 opcodes that are only *translated*, never allowed themselves
        "BINARY_OP",
        "CALL",
        "PRECALL",
        "PUSH_NULL",
        "KW_NAMES",
        "COPY",
        "SWAP",
        "IS_OP",
        "CONTAINS_OP",
        "LIST_EXTEND",
        "SET_UPDATE",
        "DICT_UPDATE",
        "DICT_MERGE",
        "FORMAT_VALUE",
        "BUILD_STRING",
        "RETURN_GENERATOR",
        "PUSH_EXC_INFO",
        "CHECK_EXC_MATCH",
        "RERAISE",
    ],
)
def test_dangerous_or_new_opcodes_are_in_no_whitelist(name):
    if name not in opcode.opmap:  # pragma: no cover - other Python versions
        pytest.skip("%s does not exist here" % name)
    number = opcode.opmap[name]
    assert number not in se._SAFE_OPCODES


# Every opcode of the running Python is either translated by the layer,
# allowed under its own name because Odoo lists it, or refused under its own
# name.  A new Python with new opcodes fails here until someone decides.
KEPT_AND_REFUSED_311 = {
    "ASYNC_GEN_WRAP",
    "BEFORE_ASYNC_WITH",
    "BEFORE_WITH",
    "CHECK_EG_MATCH",
    "COPY_FREE_VARS",
    "DELETE_ATTR",
    "DELETE_DEREF",
    "DELETE_GLOBAL",
    "DELETE_SUBSCR",
    "END_ASYNC_FOR",
    "GET_AITER",
    "GET_ANEXT",
    "GET_AWAITABLE",
    "GET_LEN",
    "GET_YIELD_FROM_ITER",
    "IMPORT_FROM",
    "IMPORT_NAME",
    "IMPORT_STAR",
    "LOAD_BUILD_CLASS",
    "LOAD_CLASSDEREF",
    "LOAD_CLOSURE",
    "LOAD_DEREF",
    "MAKE_CELL",
    "MATCH_CLASS",
    "MATCH_KEYS",
    "MATCH_MAPPING",
    "MATCH_SEQUENCE",
    "PREP_RERAISE_STAR",
    "PRINT_EXPR",
    "SEND",
    "SETUP_ANNOTATIONS",
    "STORE_ATTR",
    "STORE_DEREF",
    "STORE_GLOBAL",
    "UNPACK_EX",
    "WITH_EXCEPT_START",
}
CONTEXTUAL_311 = {
    "BINARY_OP",
    "LIST_EXTEND",
    "SET_UPDATE",
    "FORMAT_VALUE",
    "BUILD_STRING",
    "DICT_UPDATE",
    "DICT_MERGE",
}


def test_every_opcode_of_this_python_is_classified():
    if sys.version_info[:2] != (3, 11):
        pytest.fail(
            "odoo11compat.safe_eval translates CPython 3.11 bytecode; "
            "this is %d.%d: review SPELLINGS and this table" % sys.version_info[:2]
        )
    unclassified = set()
    for name in opcode.opmap:
        if name in layer.SPELLINGS or name in CONTEXTUAL_311:
            continue
        if name in ODOO11_SAFE:
            continue
        if name in KEPT_AND_REFUSED_311:
            continue
        unclassified.add(name)
    assert unclassified == set()
    # and the refused ones really are refused by their own name
    for name in KEPT_AND_REFUSED_311:
        assert opcode.opmap[name] not in se._SAFE_OPCODES

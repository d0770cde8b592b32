# Verification prelude for measure_core_tests.py --prelude (NOT part of the
# compatibility layer).  Odoo 11's stock report template
# `stock.report_location_barcode` uses the Python 2 name `xrange`, which no
# Python 3 has (upstream bug, odoo/odoo PR #29652).  QWeb leaves names that
# safe_eval lists as builtins un-contextified, so the compiled template
# looks `xrange` up in its module globals and raises NameError.  This
# prelude defines `xrange = range` at the top of every compiled QWeb module,
# to check that nothing else fails behind that error in base's test_reports.
import ast as _ast

from odoo11compat import hook as _hook


def _patch(module):
    orig = module.QWeb._base_module

    def _base_module(self):
        mod = orig(self)
        mod.body.extend(_ast.parse("xrange = range").body)
        return mod

    module.QWeb._base_module = _base_module


_hook.when_imported("odoo.addons.base.ir.ir_qweb.qweb", _patch)

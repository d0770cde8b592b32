# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError


class MallAppendOnly(models.AbstractModel):
    """Ledgers whose lines are never written or deleted, not even by
    managers or the superuser: a correction is a new line."""

    _name = "mall.append.only"
    _description = "Append-only Ledger"

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise AccessError(_(
            "%s is append-only: add a correcting line instead of changing "
            "or deleting one.") % self._description)

    @api.multi
    def unlink(self):  # pylint: disable=method-required-super
        raise AccessError(_(
            "%s is append-only: add a correcting line instead of changing "
            "or deleting one.") % self._description)

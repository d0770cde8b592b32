# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MallCommissionSettlement(models.Model):
    _inherit = "mall.commission.settlement"

    @api.multi
    def _mall_settled_elsewhere(self):
        """Dealers' commissions and rebates go on their monthly
        statement, not on the distributor settlement."""
        return self.env["res.partner"].with_context(
            active_test=False).search(
                [("mall_dealer_type", "!=", False)]).ids

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProcurementRule(models.Model):
    _inherit = "procurement.rule"

    def _make_po_select_supplier(self, values, suppliers):
        """A drop-ship routed to a supplier warehouse buys from that
        warehouse's supplier."""
        partner = values.get("mall_dropship_partner_id")
        if partner:
            mine = suppliers.filtered(
                lambda s: s.name.commercial_partner_id
                == partner.commercial_partner_id)
            if mine:
                return mine[0]
        return super(ProcurementRule, self)._make_po_select_supplier(
            values, suppliers)

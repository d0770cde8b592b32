# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    mall_region_id = fields.Many2one(
        "mall.sales.region", string="Sales Region",
        compute="_compute_mall_region_id", store=True, index=True,
        help="Sales region of the delivery address, else of the partner.")

    @api.depends("partner_shipping_id.mall_region_id", "partner_id.mall_region_id")
    def _compute_mall_region_id(self):
        for invoice in self:
            partner = invoice.partner_shipping_id or invoice.partner_id
            invoice.mall_region_id = partner.mall_region_id

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mall_region_id = fields.Many2one(
        "mall.sales.region", string="Sales Region",
        compute="_compute_mall_region_id", store=True, index=True,
        help="Sales region of the partner (delivery address).")

    @api.depends("partner_id.mall_region_id")
    def _compute_mall_region_id(self):
        for picking in self:
            picking.mall_region_id = picking.partner_id.mall_region_id

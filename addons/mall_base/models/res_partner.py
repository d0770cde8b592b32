# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    mall_region_id = fields.Many2one(
        "mall.sales.region", string="Sales Region",
        compute="_compute_mall_region_id", store=True, index=True,
        help="Sales region of the address's province.")

    @api.depends("state_id.mall_region_id")
    def _compute_mall_region_id(self):
        for partner in self:
            partner.mall_region_id = partner.state_id.mall_region_id

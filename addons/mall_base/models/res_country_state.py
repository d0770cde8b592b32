# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCountryState(models.Model):
    _inherit = "res.country.state"

    mall_region_id = fields.Many2one(
        "mall.sales.region", string="Sales Region", ondelete="set null", index=True)

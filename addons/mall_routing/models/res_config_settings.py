# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_routing_enabled = fields.Boolean(
        related="company_id.mall_routing_enabled")
    mall_reroute_hours = fields.Integer(
        related="company_id.mall_reroute_hours")

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_routing_enabled = fields.Boolean(
        string="Warehouse Routing", default=True,
        help="Route each order at confirmation to the warehouse(s) that ship "
        "it.  Routing starts once a warehouse of the company has delivery "
        "areas; until then orders ship from their own warehouse.")
    mall_reroute_hours = fields.Integer(
        string="Re-route After (hours)", default=2,
        help="A routed delivery still waiting for stock this many hours "
        "after confirmation is re-routed by the scheduled job (0: never).")

    _sql_constraints = [
        ("mall_reroute_hours_positive", "CHECK(mall_reroute_hours >= 0)",
         "The re-routing delay cannot be negative."),
    ]

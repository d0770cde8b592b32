# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MallSalesRegion(models.Model):
    """A sales region (华东, 华北, ...): a set of provinces.

    Partners, orders, deliveries and invoices carry the region of their
    address; users limited to regions only see the records of their regions
    (see ``security/mall_base_rules.xml``).
    """

    _name = "mall.sales.region"
    _description = "Sales Region"
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    state_ids = fields.One2many(
        "res.country.state", "mall_region_id", string="Provinces",
        help="Provinces of this region; a province belongs to one region.")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a sales region must be unique."),
    ]

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    mall_channel_line_id = fields.Char(
        string="Platform Line", readonly=True, copy=False,
        help="The marketplace's id of the order line (TOP sub-order oid, "
        "Shopify line item id) this line comes from; the components of a "
        "bundle share it.  A delivery that ships part of the order writes "
        "back these lines.")
    mall_channel_line_qty = fields.Float(
        string="Platform Quantity", readonly=True, copy=False,
        help="The quantity of the platform line (of the bundle, for a "
        "bundle's components).")

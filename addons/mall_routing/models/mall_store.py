# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MallStore(models.Model):
    _inherit = "mall.store"

    routing_designated = fields.Boolean(
        string="Always Ship From the Store's Warehouse",
        help="Orders of this store skip routing: the store's warehouse "
        "ships every line (e.g. a physical store shipping its own orders).")

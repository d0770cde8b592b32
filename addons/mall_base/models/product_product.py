# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .product_template import check_mall_publish_rights


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.multi
    def write(self, vals):
        # active is the variant's own field; sale_ok is the template's and
        # is checked by the template's write (inherits).
        check_mall_publish_rights(self, vals)
        return super(ProductProduct, self).write(vals)

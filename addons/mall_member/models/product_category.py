# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    mall_points_multiplier = fields.Float(
        string="Points Multiplier", digits=(16, 2),
        help="Points earned on this category's products are multiplied by "
        "it; empty (0): the parent category's, else 1.")

    @api.multi
    def _mall_points_multiplier(self):
        """The nearest multiplier set on the category or a parent."""
        self.ensure_one()
        category = self
        while category:
            if category.mall_points_multiplier:
                return category.mall_points_multiplier
            category = category.parent_id
        return 1.0

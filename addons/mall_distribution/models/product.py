# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    mall_no_commission = fields.Boolean(
        string="No Commission",
        help="Sales of this product earn no distribution commission.")


class ProductCategory(models.Model):
    _inherit = "product.category"

    mall_commission_override = fields.Boolean(
        string="Own Commission Rates",
        help="Products of this category (and its sub-categories without "
        "their own rates) earn these rates instead of the company's.")
    mall_commission_rate_1 = fields.Float(string="Level 1 Rate (%)")
    mall_commission_rate_2 = fields.Float(string="Level 2 Rate (%)")
    mall_commission_rate_3 = fields.Float(string="Level 3 Rate (%)")

    @api.multi
    def _mall_commission_rates(self):
        """The rates of the nearest category with its own, or None."""
        category = self
        while category:
            if category.mall_commission_override:
                return {1: category.mall_commission_rate_1,
                        2: category.mall_commission_rate_2,
                        3: category.mall_commission_rate_3}
            category = category.parent_id
        return None

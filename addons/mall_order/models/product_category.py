# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    mall_return_window_override = fields.Boolean(
        string="Own Return Window",
        help="Products of this category use the window below instead of "
        "the company's return window (e.g. 0 days for fresh food or "
        "custom-made goods, 15 days for electronics).")
    mall_return_days = fields.Integer(
        string="Return Window (days)",
        help="Days after receipt during which a return, exchange or refund "
        "may be requested for products of this category.")

    _sql_constraints = [
        ("mall_return_days_positive", "CHECK(mall_return_days >= 0)",
         "The return window cannot be negative."),
    ]

    @api.multi
    def _mall_get_return_days(self, company):
        """Return window of this category: its own, else its parent's own,
        else the company's."""
        self.ensure_one()
        category = self
        while category:
            if category.mall_return_window_override:
                return category.mall_return_days
            category = category.parent_id
        return company.mall_return_days

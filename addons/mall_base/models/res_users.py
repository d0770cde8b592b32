# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    mall_region_ids = fields.Many2many(
        "mall.sales.region", "mall_sales_region_res_users_rel",
        "user_id", "region_id", string="Limited to Sales Regions",
        help="The user sees only the customers, orders, deliveries and "
        "invoices of these regions (and those without a region). Empty: "
        "all regions.")

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if vals.get("mall_region_ids"):
            self.env["ir.rule"].clear_caches()
        return user

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        if "mall_region_ids" in vals:
            # The record rules' domains are cached per user.
            self.env["ir.rule"].clear_caches()
        return res

    @api.multi
    def _mall_is_customer_service_only(self):
        """Customer service (客服) without operations (运营) rights: may not
        publish or delist products.  Managers imply operations."""
        self.ensure_one()
        return self.has_group("mall_base.group_mall_customer_service") and \
            not self.has_group("mall_base.group_mall_operations")

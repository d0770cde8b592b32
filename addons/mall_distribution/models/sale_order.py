# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_commission_ids = fields.One2many(
        "mall.commission", "order_id", string="Commissions", readonly=True)

    @api.multi
    def _mall_order_paid(self):
        result = super(SaleOrder, self)._mall_order_paid()
        # sudo: commissions are written by whoever caused the payment.
        self.env["mall.commission"].sudo()._mall_create_for_orders(self)
        return result

    @api.multi
    def _mall_order_completed(self):
        result = super(SaleOrder, self)._mall_order_completed()
        self.env["mall.commission"].sudo().search([
            ("order_id", "in", self.ids), ("state", "=", "pending")]).write({
                "state": "earned",
                "earned_date": fields.Date.context_today(self)})
        return result

    @api.multi
    def _mall_order_cancelled(self):
        result = super(SaleOrder, self)._mall_order_cancelled()
        self.env["mall.commission"].sudo().search([
            ("order_id", "in", self.ids),
            ("state", "in", ("pending", "earned"))]).write(
                {"state": "cancelled"})
        return result

    @api.multi
    def _mall_order_refunded(self, amount, lines):
        result = super(SaleOrder, self)._mall_order_refunded(amount, lines)
        Commission = self.env["mall.commission"].sudo()
        excluded = Commission._mall_excluded_products(
            lines.mapped("product_id"))
        refunded_base = sum(line.amount_untaxed for line in lines
                            if line.product_id not in excluded)
        if refunded_base > 0:
            reference = ", ".join(lines.mapped("request_id.name"))
            Commission._mall_refund(self, refunded_base, reference)
        return result

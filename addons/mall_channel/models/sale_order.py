# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_channel_order_id = fields.Many2one(
        "mall.channel.order", string="Channel Order", readonly=True,
        copy=False, index=True, ondelete="set null")
    mall_channel_remark = fields.Text(
        string="Buyer Remark", readonly=True, copy=False)
    mall_channel_paid_amount = fields.Monetary(
        string="Paid on the Platform", readonly=True, copy=False,
        help="What the marketplace reports the buyer paid (the marketplace "
        "collects the money).")

    @api.depends("order_line.invoice_lines.invoice_id.state",
                 "order_line.invoice_lines.invoice_id.residual",
                 "mall_aftersale_ids.refund_invoice_id.state",
                 "mall_channel_paid_amount")
    def _compute_mall_amounts(self):
        return super(SaleOrder, self)._compute_mall_amounts()

    @api.multi
    def _mall_get_paid_amount(self):
        """A marketplace order is paid when the platform says so; an invoice
        payment (own shop) counts as before."""
        paid = super(SaleOrder, self)._mall_get_paid_amount()
        return max(paid, self.mall_channel_paid_amount or 0.0)

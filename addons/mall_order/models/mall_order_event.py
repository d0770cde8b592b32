# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

EVENTS = [
    ("paid", "Paid"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("completed", "Completed"),
    ("refunded", "Refunded"),
    ("cancelled", "Cancelled"),
]


class MallOrderEvent(models.Model):
    """Append-only log of the lifecycle events of an order: what happened,
    when, by whom (S1: every state is recorded)."""

    _name = "mall.order.event"
    _description = "Order Lifecycle Event"
    _order = "date desc, id desc"
    _rec_name = "event"

    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="cascade",
        readonly=True)
    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True,
        default=lambda self: self.env.uid)
    amount = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id", readonly=True)
    aftersale_id = fields.Many2one(
        "mall.aftersale", string="After-Sales Request", readonly=True,
        ondelete="set null")
    store_id = fields.Many2one(
        related="order_id.store_id", store=True, readonly=True)
    mall_region_id = fields.Many2one(
        related="order_id.mall_region_id", store=True, readonly=True,
        string="Sales Region")

    @api.multi
    def write(self, vals):
        if set(vals) - {"aftersale_id"}:
            raise UserError(_("Order lifecycle events cannot be changed."))
        return super(MallOrderEvent, self).write(vals)

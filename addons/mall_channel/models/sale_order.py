# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..adapters import ChannelError


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

    # ------------------------------------------------------------------
    # Masked buyer data

    mall_channel_masked = fields.Boolean(
        related="mall_channel_order_id.store_id.channel_masks_buyer_data",
        string="Masked Buyer Data", readonly=True)

    @api.multi
    def _mall_channel_decrypt(self, scene):
        """Ask the platform for the plaintext receiver; returns it without
        storing it, and notes in the chatter who asked and why."""
        self.ensure_one()
        channel_order = self.mall_channel_order_id
        if not channel_order or not self.mall_channel_masked:
            raise UserError(_("Order %s has no masked buyer data.")
                            % self.name)
        adapter = channel_order.store_id._mall_get_adapter()
        try:
            receiver = adapter.decrypt_receiver(
                json.loads(channel_order.payload), scene)
        except ChannelError as error:
            raise UserError(_("The platform refused to decrypt: %s") % error)
        self.sudo().message_post(body=_(
            "Buyer contact decrypted through the platform by %(user)s "
            "(%(scene)s); not stored.") % {
                "user": self.env.user.name, "scene": scene})
        return receiver

    @api.multi
    def action_mall_channel_buyer_contact(self):
        self.ensure_one()
        contact = self.env["mall.channel.buyer.contact"].create(
            {"order_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Buyer contact"),
            "res_model": "mall.channel.buyer.contact",
            "res_id": contact.id,
            "view_mode": "form",
            "target": "new",
        }

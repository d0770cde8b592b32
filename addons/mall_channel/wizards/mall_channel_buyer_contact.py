# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MallChannelBuyerContact(models.TransientModel):
    """The plaintext contact of a buyer whose data the platform masks, for
    the moment of a call.  Only the order is stored: the name, phone and
    address are computed (not stored) by asking the platform each time the
    dialog is shown, as Taobao, JD, Pinduoduo and Douyin require."""

    _name = "mall.channel.buyer.contact"
    _description = "Buyer Contact (decrypted on demand)"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    receiver_name = fields.Char(
        string="Name", compute="_compute_receiver", store=False)
    receiver_phone = fields.Char(
        string="Phone", compute="_compute_receiver", store=False)
    receiver_address = fields.Char(
        string="Address", compute="_compute_receiver", store=False)

    @api.depends("order_id")
    def _compute_receiver(self):
        for contact in self:
            receiver = contact.order_id._mall_channel_decrypt("call")
            contact.receiver_name = receiver["name"]
            contact.receiver_phone = receiver["phone"]
            contact.receiver_address = " ".join(filter(None, [
                receiver.get("state"), receiver.get("city"),
                receiver.get("district"), receiver.get("address")]))

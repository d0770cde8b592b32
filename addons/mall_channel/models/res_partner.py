# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    mall_channel_store_id = fields.Many2one(
        "mall.store", string="Buyer of Store", index=True, copy=False,
        ondelete="set null")
    mall_channel_buyer_id = fields.Char(
        string="Platform Buyer ID", index=True, copy=False,
        help="The platform's id of the buyer (OAID, open uid, customer id).")
    mall_channel_nick = fields.Char(string="Buyer Nickname", copy=False)
    mall_channel_masked = fields.Boolean(
        string="Masked by the Platform", copy=False,
        help="Name, phone and street are masked as the platform returned "
        "them; the plaintext is decrypted through the platform only when "
        "printing a waybill or calling the buyer, never stored.")

    _sql_constraints = [
        ("mall_channel_buyer_uniq",
         "unique(mall_channel_store_id, mall_channel_buyer_id)",
         "A platform buyer is one customer per store."),
    ]

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .channel_tools import adapter_selection


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    mall_channel_code_ids = fields.One2many(
        "mall.channel.carrier.code", "carrier_id", string="Platform Codes",
        help="The code of this carrier on each marketplace (Taobao: SF, "
        "YTO, ZTO...; Shopify: the tracking company name).")

    @api.multi
    def _mall_channel_code(self, adapter):
        """The carrier's code on the platform of ``adapter`` (its name when
        no code is set)."""
        self.ensure_one()
        codes = self.mall_channel_code_ids.filtered(
            lambda c: c.channel_adapter == adapter)
        return codes[:1].code or self.name


class MallChannelCarrierCode(models.Model):
    _name = "mall.channel.carrier.code"
    _description = "Carrier Code on a Marketplace"

    carrier_id = fields.Many2one(
        "delivery.carrier", required=True, index=True, ondelete="cascade")
    channel_adapter = fields.Selection(
        adapter_selection, string="Platform", required=True)
    code = fields.Char(required=True)

    _sql_constraints = [
        ("carrier_adapter_uniq", "unique(carrier_id, channel_adapter)",
         "A carrier has one code per platform."),
    ]

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import api, fields, models

RULE_TYPES = [
    ("remark", "Buyer remark present"),
    ("amount", "Amount above a limit"),
    ("address", "Address incomplete"),
    ("duplicate", "Suspected duplicate"),
]


class MallChannelReviewRule(models.Model):
    """Order review (审单): an imported order matching an active rule is
    held as a quotation for a person to check before it is confirmed."""

    _name = "mall.channel.review.rule"
    _description = "Order Review Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    store_ids = fields.Many2many(
        "mall.store", string="Stores", help="Empty: every store.")
    rule_type = fields.Selection(RULE_TYPES, string="Hold When", required=True)
    amount_limit = fields.Float(
        help="Hold orders whose total is above it.")
    duplicate_hours = fields.Integer(
        string="Within (hours)", default=24,
        help="Hold an order when the same buyer placed another order with "
        "the same products within this many hours.")

    @api.model
    def _mall_get_hold_reasons(self, store, data):
        """Names of the rules that hold the normalised order ``data``."""
        rules = self.search([
            "|", ("store_ids", "=", False), ("store_ids", "in", store.ids),
            "|", ("company_id", "=", False),
            ("company_id", "=", store.company_id.id)])
        return [rule.name for rule in rules if rule._mall_matches(store, data)]

    @api.multi
    def _mall_matches(self, store, data):
        self.ensure_one()
        receiver = data.get("receiver") or {}
        if self.rule_type == "remark":
            return bool((data.get("remark") or "").strip())
        if self.rule_type == "amount":
            return (data.get("total") or 0.0) > self.amount_limit
        if self.rule_type == "address":
            return not all((receiver.get(key) or "").strip()
                           for key in ("state", "city", "address"))
        if self.rule_type == "duplicate":
            return self._mall_is_duplicate(store, data)
        return False

    @api.multi
    def _mall_is_duplicate(self, store, data):
        since = fields.Datetime.to_string(
            datetime.utcnow() - timedelta(hours=self.duplicate_hours or 24))
        skus = sorted(line["sku"] for line in data.get("lines") or [])
        others = self.env["mall.channel.order"].search([
            ("store_id", "=", store.id),
            ("buyer_id", "=", data.get("buyer_id") or "-"),
            ("channel_order_id", "!=", data["channel_order_id"]),
            ("received_date", ">=", since),
        ])
        return any(other.sku_signature == ",".join(skus) for other in others)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MallRoutingCarrierRule(models.Model):
    """The company's designated carrier for a warehouse and an area."""

    _name = "mall.routing.carrier.rule"
    _description = "Designated Carrier"
    _order = "sequence, id"
    _rec_name = "carrier_id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env.user.company_id)
    warehouse_id = fields.Many2one(
        "stock.warehouse", ondelete="cascade",
        help="Empty: any warehouse.")
    country_id = fields.Many2one("res.country", help="Empty: any country.")
    state_ids = fields.Many2many(
        "res.country.state", string="Provinces",
        help="Empty: any province.")
    carrier_id = fields.Many2one(
        "delivery.carrier", required=True, ondelete="cascade")

    @api.model
    def _mall_find(self, warehouse, partner):
        """The first rule (by sequence) for the warehouse and address."""
        rules = self.search([
            ("company_id", "=", warehouse.company_id.id),
            "|", ("warehouse_id", "=", False),
            ("warehouse_id", "=", warehouse.id)])
        for rule in rules:
            if rule.country_id and rule.country_id != partner.country_id:
                continue
            if rule.state_ids and partner.state_id not in rule.state_ids:
                continue
            return rule
        return self.browse()

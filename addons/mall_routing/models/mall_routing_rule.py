# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import engine


class MallRoutingRule(models.Model):
    """Force or exclude warehouses for the orders (or lines) a rule
    matches, before the routing engine ranks the candidates."""

    _name = "mall.routing.rule"
    _description = "Routing Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env.user.company_id)
    action = fields.Selection(
        [("force", "Ship only from"), ("exclude", "Never ship from")],
        required=True, default="force")
    warehouse_ids = fields.Many2many(
        "stock.warehouse", string="Warehouses", required=True)
    store_ids = fields.Many2many(
        "mall.store", string="Stores", help="Empty: any store.")
    categ_ids = fields.Many2many(
        "product.category", string="Product Categories",
        help="Empty: any product; else the lines of products in these "
        "categories (or their sub-categories).")
    country_ids = fields.Many2many(
        "res.country", string="Countries", help="Empty: any country.")
    state_ids = fields.Many2many(
        "res.country.state", string="Provinces",
        help="Empty: any province.")
    region_ids = fields.Many2many(
        "mall.sales.region", string="Sales Regions",
        help="Empty: any region; else addresses in the provinces of these "
        "regions (together with the provinces above).")
    tag_ids = fields.Many2many(
        "res.partner.category", string="Customer Tags",
        help="Empty: any customer; else customers with one of the tags.")
    amount_min = fields.Float(
        string="Order Amount From", help="0: no lower bound.")
    amount_max = fields.Float(
        string="Order Amount Up To", help="0: no upper bound.")

    _sql_constraints = [
        ("amount_range", "CHECK(amount_max = 0 OR amount_max >= amount_min)",
         "The upper amount must be above the lower one."),
    ]

    @api.constrains("warehouse_ids", "company_id")
    def _check_company(self):
        for rule in self:
            if any(warehouse.company_id != rule.company_id
                   for warehouse in rule.warehouse_ids):
                raise ValidationError(_(
                    "Rule %s names a warehouse of another company.")
                    % rule.name)

    @api.multi
    def _mall_engine_rules(self):
        return [engine.Rule(
            rule.id, rule.sequence, rule.name, rule.action,
            tuple(rule.warehouse_ids.ids), tuple(rule.store_ids.ids),
            tuple(rule.categ_ids.ids),
            tuple(rule.country_ids.mapped("code")),
            tuple((rule.state_ids | rule.region_ids.mapped("state_ids")).ids),
            tuple(rule.tag_ids.ids),
            rule.amount_min or None, rule.amount_max or None)
            for rule in self]

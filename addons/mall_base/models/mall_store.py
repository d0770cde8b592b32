# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

STORE_TYPES = [
    ("own_shop", "Own web shop"),
    ("marketplace", "Marketplace store"),
    ("offline", "Offline experience store"),
]

PLATFORMS = [
    ("tmall", "Tmall"),
    ("jd", "JD.com"),
    ("pinduoduo", "Pinduoduo"),
    ("douyin", "Douyin"),
    ("shopify", "Shopify"),
    ("woocommerce", "WooCommerce"),
    ("other", "Other"),
]


class MallStore(models.Model):
    """One selling outlet (店铺).  Every sale order belongs to one store."""

    _name = "mall.store"
    _description = "Store"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Short unique code of the store in its company; it cannot be "
        "changed once the store has orders.")
    store_type = fields.Selection(
        STORE_TYPES, string="Type", required=True, default="own_shop")
    platform = fields.Selection(
        PLATFORMS, help="Marketplace the store lives on.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env.user.company_id)
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Default Warehouse",
        help="Warehouse proposed on the orders of this store.")
    team_id = fields.Many2one("crm.team", string="Sales Team")
    pricelist_id = fields.Many2one("product.pricelist")
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    order_count = fields.Integer(compute="_compute_order_count", string="Orders")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "The code of a store must be unique in its company."),
    ]

    @api.onchange("store_type")
    def _onchange_store_type(self):
        if self.store_type != "marketplace":
            self.platform = False

    @api.multi
    def _compute_order_count(self):
        data = self.env["sale.order"].read_group(
            [("store_id", "in", self.ids)], ["store_id"], ["store_id"])
        counts = {row["store_id"][0]: row["store_id_count"] for row in data}
        for store in self:
            store.order_count = counts.get(store.id, 0)

    @api.multi
    def write(self, vals):
        if "code" in vals:
            self._check_code_change(vals["code"])
        return super(MallStore, self).write(vals)

    @api.multi
    def _check_code_change(self, code):
        # sudo: the check counts every order of the store, whatever the
        # writer's regions are.
        changed = self.filtered(lambda store: store.code != code)
        if not changed:
            return
        order = self.env["sale.order"].sudo().search(
            [("store_id", "in", changed.ids)], limit=1)
        if order:
            raise UserError(_(
                "The code of the store %s cannot be changed: it already "
                "has orders.") % order.store_id.name)

    @api.multi
    def action_view_orders(self):
        self.ensure_one()
        action = self.env.ref("sale.action_orders").read()[0]
        action["domain"] = [("store_id", "=", self.id)]
        action["context"] = {"default_store_id": self.id}
        return action

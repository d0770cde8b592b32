# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MallChannelSku(models.Model):
    """A SKU code of a store (商家编码) and the product(s) it stands for:
    one product, or a bundle of components (商品组合)."""

    _name = "mall.channel.sku"
    _description = "Channel SKU Mapping"
    _order = "store_id, code"
    _rec_name = "code"

    store_id = fields.Many2one(
        "mall.store", index=True, ondelete="cascade",
        help="Empty: the mapping holds for every store.")
    code = fields.Char(string="SKU Code", required=True, index=True)
    name = fields.Char(string="Name on the Platform")
    line_ids = fields.One2many(
        "mall.channel.sku.line", "sku_id", string="Products", copy=True)
    is_bundle = fields.Boolean(compute="_compute_is_bundle", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("store_code_uniq", "unique(store_id, code)",
         "A SKU code is mapped once per store."),
    ]

    @api.depends("line_ids")
    def _compute_is_bundle(self):
        for sku in self:
            sku.is_bundle = len(sku.line_ids) > 1 or any(
                line.quantity != 1 for line in sku.line_ids)

    @api.constrains("line_ids")
    def _check_lines(self):
        for sku in self:
            if not sku.line_ids:
                raise ValidationError(_(
                    "SKU %s must map to at least one product.") % sku.code)

    @api.model
    def _mall_resolve_existing(self, store, codes):
        """{code: mall.channel.sku} of the codes mapped already: the
        store's own mapping, else a mapping for every store."""
        found = {}
        for sku in self.search([("code", "in", list(codes)),
                                ("store_id", "in", [store.id, False])],
                               order="store_id"):
            if sku.code not in found or sku.store_id:
                found[sku.code] = sku
        return found

    @api.model
    def _mall_resolve(self, store, codes):
        """{code: mall.channel.sku} for the codes: the store's own mapping,
        else a mapping for every store, else a product whose internal
        reference is the code (mapped 1:1 on the fly)."""
        codes = set(codes)
        found = self._mall_resolve_existing(store, codes)
        missing = codes - set(found)
        if missing:
            products = self.env["product.product"].search(
                [("default_code", "in", list(missing))])
            for product in products:
                found[product.default_code] = self.create({
                    "code": product.default_code, "name": product.name,
                    "line_ids": [(0, 0, {"product_id": product.id,
                                         "quantity": 1.0})]})
        return found


class MallChannelSkuLine(models.Model):
    _name = "mall.channel.sku.line"
    _description = "Channel SKU Component"

    sku_id = fields.Many2one(
        "mall.channel.sku", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one(
        "product.product", required=True, index=True, ondelete="restrict")
    quantity = fields.Float(default=1.0, required=True)
    price_share = fields.Float(
        string="Price Share (%)", default=0.0,
        help="Bundles: share of the bundle's price given to this component "
        "(0 on every line: in proportion to the components' list prices).")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)",
         "A component quantity must be positive."),
    ]

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..adapters import ChannelError


class MallChannelSkuPropose(models.TransientModel):
    """Read the shop's SKUs from the platform and propose a product for
    each one not mapped yet (same internal reference, else same barcode,
    else same name); the user corrects the proposals and creates the
    mappings in one click."""

    _name = "mall.channel.sku.propose"
    _description = "Propose SKU Mappings"

    store_id = fields.Many2one("mall.store", required=True, readonly=True)
    line_ids = fields.One2many(
        "mall.channel.sku.propose.line", "wizard_id", string="Platform SKUs")
    fetched = fields.Integer(readonly=True)
    already_mapped = fields.Integer(readonly=True)

    @api.model
    def _mall_start(self, store):
        """Fetch the SKUs and build the proposals."""
        try:
            products = store._mall_get_adapter().fetch_products()
        except NotImplementedError:
            raise UserError(_(
                "%s does not list its products through an API: map its SKUs "
                "by hand (Mall > Channels > SKU Mapping).") % store.name)
        except ChannelError as error:
            raise UserError(_("The platform refused the product list: %s")
                            % error)
        by_code = {}
        for product in products:
            if product.get("sku"):
                by_code.setdefault(product["sku"], product)
        mapped = self.env["mall.channel.sku"]._mall_resolve_existing(
            store, list(by_code))
        todo = sorted(code for code in by_code if code not in mapped)
        proposals = self._mall_match(todo, by_code)
        lines = []
        for code in todo:
            product = proposals.get(code)
            lines.append((0, 0, {
                "code": code, "name": by_code[code].get("name"),
                "product_ref": by_code[code].get("product_ref"),
                "product_id": product[0].id if product else False,
                "matched_by": product[1] if product else "none",
            }))
        return self.create({
            "store_id": store.id, "line_ids": lines,
            "fetched": len(by_code), "already_mapped": len(mapped)})

    @api.model
    def _mall_match(self, codes, by_code):
        """{code: (product, how)}: set-based, three queries in all."""
        Product = self.env["product.product"]
        result = {}
        for product in Product.search([("default_code", "in", codes)]):
            result.setdefault(product.default_code, (product, "code"))
        left = [code for code in codes if code not in result]
        for product in Product.search([("barcode", "in", left)]):
            result.setdefault(product.barcode, (product, "barcode"))
        left = [code for code in left if code not in result]
        names = {}
        for code in left:
            name = (by_code[code].get("name") or "").strip()
            if name:
                names.setdefault(name.lower(), []).append(code)
        if names:
            self.env.cr.execute(
                "SELECT lower(t.name), min(p.id) FROM product_product p "
                "JOIN product_template t ON t.id = p.product_tmpl_id "
                "WHERE p.active AND lower(t.name) IN %s "
                "GROUP BY lower(t.name) HAVING count(*) = 1",
                (tuple(names),))
            for name, product_id in self.env.cr.fetchall():
                for code in names[name]:
                    result[code] = (Product.browse(product_id), "name")
        return result

    @api.multi
    def action_create(self):
        """Create the store's mappings of the lines with a product."""
        self.ensure_one()
        lines = self.line_ids.filtered("product_id")
        if not lines:
            raise UserError(_("Choose a product on at least one line."))
        skus = self.env["mall.channel.sku"]
        for line in lines:
            skus |= skus.create({
                "store_id": self.store_id.id, "code": line.code,
                "name": line.name,
                "line_ids": [(0, 0, {"product_id": line.product_id.id,
                                     "quantity": 1.0})]})
        return {
            "type": "ir.actions.act_window",
            "name": _("SKU Mapping"),
            "res_model": "mall.channel.sku",
            "view_mode": "tree,form",
            "domain": [("id", "in", skus.ids)],
        }


class MallChannelSkuProposeLine(models.TransientModel):
    _name = "mall.channel.sku.propose.line"
    _description = "Proposed SKU Mapping"
    _order = "matched_by, code"

    wizard_id = fields.Many2one(
        "mall.channel.sku.propose", required=True, ondelete="cascade")
    code = fields.Char(string="SKU Code", required=True, readonly=True)
    name = fields.Char(string="Name on the Platform", readonly=True)
    product_ref = fields.Char(string="Platform Item", readonly=True)
    product_id = fields.Many2one("product.product")
    matched_by = fields.Selection(
        [("code", "Internal reference"), ("barcode", "Barcode"),
         ("name", "Name"), ("none", "No match")], string="Proposed By",
        readonly=True)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _default_store_id(self):
        company = self.env["res.company"].browse(
            self.env.context.get("default_company_id")
            or self.env.user.company_id.id)
        return company._mall_get_default_store()

    store_id = fields.Many2one(
        "mall.store", required=True, index=True,
        readonly=True, states={"draft": [("readonly", False)],
                               "sent": [("readonly", False)]},
        default=_default_store_id, ondelete="restrict", track_visibility="onchange")
    mall_region_id = fields.Many2one(
        "mall.sales.region", string="Sales Region",
        compute="_compute_mall_region_id", store=True, index=True,
        help="Sales region of the delivery address.")

    @api.depends("partner_shipping_id.mall_region_id")
    def _compute_mall_region_id(self):
        for order in self:
            order.mall_region_id = order.partner_shipping_id.mall_region_id

    @api.model
    def _init_column(self, column_name):
        """At install, the required ``store_id`` column is created before the
        data files create the stores: create every company's own web shop
        now and give the existing orders their company's default store, so
        that the NOT NULL constraint can be set."""
        if column_name != "store_id":
            return super(SaleOrder, self)._init_column(column_name)
        main = self.env.ref("base.main_company")
        self.env.cr.execute("SELECT DISTINCT company_id FROM sale_order")
        companies = self.env["res.company"].browse(
            list({row[0] or main.id for row in self.env.cr.fetchall()}))
        companies._mall_ensure_own_shop()
        for company in companies:
            store = company._mall_get_default_store()
            # Plain SQL: the ORM cannot load sale.order rows while one of
            # its required columns is being created.
            self.env.cr.execute(
                "UPDATE sale_order SET store_id = %s WHERE store_id IS NULL "
                "AND (company_id = %s OR (company_id IS NULL AND %s))",
                (store.id, company.id, company == main))
        return None

    @api.onchange("store_id")
    def _onchange_store_id(self):
        store = self.store_id
        if store.warehouse_id:
            self.warehouse_id = store.warehouse_id
        if store.team_id:
            self.team_id = store.team_id
        if store.pricelist_id:
            self.pricelist_id = store.pricelist_id

    @api.model
    def create(self, vals):
        if vals.get("store_id") and not vals.get("warehouse_id"):
            store = self.env["mall.store"].browse(vals["store_id"])
            if store.warehouse_id:
                vals = dict(vals, warehouse_id=store.warehouse_id.id)
        return super(SaleOrder, self).create(vals)

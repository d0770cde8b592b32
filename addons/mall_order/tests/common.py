# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import fields

from odoo.addons.mall_base.tests.common import MallBaseCase


def shift(value, **delta):
    """A datetime string moved by ``delta`` (days=..., minutes=...)."""
    return fields.Datetime.to_string(
        fields.Datetime.from_string(value) + timedelta(**delta))


class MallOrderCase(MallBaseCase):
    """mall_base's fixtures plus a stocked product in a category with its
    own return window, a marketplace store and the lifecycle driver."""

    @classmethod
    def setUpClass(cls):
        super(MallOrderCase, cls).setUpClass()
        cls.flow = cls.env["mall.order.flow"]
        cls.company = cls.env.user.company_id
        cls.company.write({
            "mall_unpaid_cancel_minutes": 30, "mall_edit_window_minutes": 60,
            "mall_edit_max_count": 3, "mall_auto_receipt_days": 15,
            "mall_return_days": 7,
        })
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.category_food = cls.env["product.category"].create({
            "name": "Fresh food", "mall_return_window_override": True,
            "mall_return_days": 0})
        cls.tea = cls.env["product.product"].create({
            "name": "Mall Test Longjing", "type": "product",
            "list_price": 100.0, "sale_ok": True, "taxes_id": [(5, 0, 0)],
            "invoice_policy": "order"})
        cls.cake = cls.env["product.product"].create({
            "name": "Mall Test Mooncake", "type": "product",
            "list_price": 50.0, "sale_ok": True, "taxes_id": [(5, 0, 0)],
            "categ_id": cls.category_food.id, "invoice_policy": "delivery"})
        for product in cls.tea | cls.cake:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.stock_location, 100.0)
        cls.tmall = cls.env["mall.store"].create({
            "name": "Test Tmall", "code": "TTM", "store_type": "marketplace",
            "platform": "tmall"})

    @classmethod
    def make_tea_order(cls, partner=None, qty=5.0, confirm=True, **vals):
        values = {
            "partner_id": (partner or cls.customer_sh).id,
            "order_line": [(0, 0, {
                "product_id": cls.tea.id, "product_uom_qty": qty,
                "price_unit": 100.0})],
        }
        values.update(vals)
        order = cls.env["sale.order"].create(values)
        if confirm:
            order.action_confirm()
        return order

    def events(self, order, event):
        return order.mall_event_ids.filtered(lambda e: e.event == event)

    def on_hand(self, product):
        return product.with_context(
            location=self.stock_location.id).qty_available

    def reserved(self, product):
        quants = self.env["stock.quant"].search([
            ("product_id", "=", product.id),
            ("location_id", "=", self.stock_location.id)])
        return sum(quants.mapped("reserved_quantity"))

    @staticmethod
    def now_plus(**delta):
        return fields.Datetime.to_string(datetime.now() + timedelta(**delta))

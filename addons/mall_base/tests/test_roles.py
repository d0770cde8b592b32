# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import common

from .common import MallBaseCase


@common.at_install(False)
@common.post_install(True)
class TestRoles(MallBaseCase):
    def test_hierarchy(self):
        user = self.env.ref("mall_base.group_mall_user")
        for role in (self.ops, self.cs, self.wh, self.fin, self.manager):
            self.assertIn(user, role.groups_id)
        for group in ("group_mall_operations", "group_mall_customer_service",
                      "group_mall_warehouse", "group_mall_finance"):
            self.assertTrue(self.manager.has_group("mall_base." + group))
        self.assertTrue(self.cs.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(self.wh.has_group("stock.group_stock_user"))
        self.assertTrue(self.fin.has_group("account.group_account_invoice"))
        self.assertFalse(self.ops.has_group("sales_team.group_sale_salesman"))

    def test_customer_service_cannot_publish_or_delist(self):
        template = self.product.product_tmpl_id.sudo(self.cs)
        self.assertEqual(template.name, "Mall Test Tea")  # can read
        with self.assertRaises(AccessError):
            template.write({"sale_ok": False})
        with self.assertRaises(AccessError):
            template.toggle_active()
        with self.assertRaises(AccessError):
            self.product.sudo(self.cs).write({"active": False})
        with self.assertRaises(AccessError):
            self.product.sudo(self.cs).write({"sale_ok": False})
        self.assertTrue(self.product.sale_ok)
        self.assertTrue(self.product.active)

    def test_customer_service_with_operations_can_publish(self):
        both = self.make_user(
            "cs_ops", "mall_base.group_mall_customer_service",
            "mall_base.group_mall_operations")
        self.product.product_tmpl_id.sudo(both).write({"sale_ok": False})
        self.assertFalse(self.product.sale_ok)

    def test_operations_publish_and_change_price(self):
        template = self.product.product_tmpl_id.sudo(self.ops)
        template.write({"sale_ok": False, "list_price": 120.0})
        template.write({"sale_ok": True})
        self.assertEqual(self.product.list_price, 120.0)

    def test_operations_read_but_not_edit_orders(self):
        order = self.make_order(self.customer_sh)
        as_ops = order.sudo(self.ops)
        self.assertEqual(as_ops.partner_id, self.customer_sh)
        self.assertEqual(len(as_ops.order_line), 1)
        with self.assertRaises(AccessError):
            as_ops.write({"client_order_ref": "changed"})
        with self.assertRaises(AccessError):
            as_ops.order_line.write({"product_uom_qty": 2.0})
        with self.assertRaises(AccessError):
            self.env["sale.order"].sudo(self.ops).create(
                {"partner_id": self.customer_sh.id})

    def test_customer_service_edits_orders(self):
        order = self.make_order(self.customer_sh)
        order.sudo(self.cs).write({"client_order_ref": "CS-1"})
        self.assertEqual(order.client_order_ref, "CS-1")

    def test_every_role_opens_the_order_form(self):
        order = self.make_order(self.customer_sh)
        for user in (self.ops, self.cs, self.wh, self.fin, self.manager):
            orders = self.env["sale.order"].sudo(user)
            view = orders.fields_view_get(view_type="form")
            values = orders.browse(order.id).read(list(view["fields"]))
            self.assertEqual(values[0]["store_id"][0], self.own_shop.id)

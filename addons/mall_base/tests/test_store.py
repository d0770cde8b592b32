# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import common
from odoo.tools import mute_logger

from .common import MallBaseCase


@common.at_install(False)
@common.post_install(True)
class TestStore(MallBaseCase):
    @classmethod
    def setUpClass(cls):
        super(TestStore, cls).setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].create({
            "name": "Mall Test East WH", "code": "MTE"})
        cls.tmall = cls.env["mall.store"].create({
            "name": "Tmall Test", "code": "TMT", "store_type": "marketplace",
            "platform": "tmall", "warehouse_id": cls.warehouse.id})

    def test_order_defaults_to_own_shop(self):
        order = self.make_order(self.customer_sh)
        self.assertEqual(order.store_id, self.own_shop)

    def test_order_defaults_to_company_default_store(self):
        self.env.user.company_id.mall_default_store_id = self.tmall
        order = self.make_order(self.customer_sh)
        self.assertEqual(order.store_id, self.tmall)

    def test_store_warehouse_goes_to_order(self):
        order = self.make_order(self.customer_sh, store_id=self.tmall.id)
        self.assertEqual(order.warehouse_id, self.warehouse)
        order = self.make_order(self.customer_sh)
        order.store_id = self.tmall
        order._onchange_store_id()
        self.assertEqual(order.warehouse_id, self.warehouse)

    def test_order_count_and_action(self):
        self.make_order(self.customer_sh, store_id=self.tmall.id)
        self.make_order(self.customer_bj, store_id=self.tmall.id)
        self.tmall.invalidate_cache()
        self.assertEqual(self.tmall.order_count, 2)
        action = self.tmall.action_view_orders()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]),
            self.env["sale.order"].search([("store_id", "=", self.tmall.id)]))

    def test_code_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["mall.store"].create({"name": "Twin", "code": "TMT"})

    def test_code_frozen_once_orders_exist(self):
        self.tmall.code = "TMT2"  # no order yet
        self.make_order(self.customer_sh, store_id=self.tmall.id)
        with self.assertRaises(UserError):
            self.tmall.code = "TMT3"
        self.tmall.name = "Tmall Test renamed"  # other fields stay editable

    def test_new_company_gets_own_shop(self):
        company = self.env["res.company"].create({"name": "Mall Test Co"})
        store = self.env["mall.store"].search(
            [("company_id", "=", company.id)])
        self.assertEqual(store.store_type, "own_shop")
        self.assertEqual(company._mall_get_default_store(), store)

    def test_operations_manage_stores_employee_reads(self):
        self.tmall.sudo(self.ops).write({"name": "Tmall by ops"})
        employee = self.make_user("employee", "base.group_user")
        self.assertEqual(self.tmall.sudo(employee).name, "Tmall by ops")
        with self.assertRaises(AccessError):
            self.tmall.sudo(employee).write({"name": "nope"})
        with self.assertRaises(AccessError):
            self.tmall.sudo(self.ops).unlink()

    def test_settings_default_store(self):
        settings = self.env["res.config.settings"].create(
            {"mall_default_store_id": self.tmall.id})
        settings.execute()
        self.assertEqual(
            self.env.user.company_id.mall_default_store_id, self.tmall)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import common

from .common import MallBaseCase


@common.at_install(False)
@common.post_install(True)
class TestRegions(MallBaseCase):
    @classmethod
    def setUpClass(cls):
        super(TestRegions, cls).setUpClass()
        cls.cs_east = cls.make_user(
            "cs_east", "mall_base.group_mall_customer_service",
            mall_region_ids=[(6, 0, [cls.east.id])])
        cls.order_sh = cls.make_order(cls.customer_sh)
        cls.order_bj = cls.make_order(cls.customer_bj)
        cls.foreigner = cls.env["res.partner"].create(
            {"name": "No Region Customer", "customer": True})
        cls.order_none = cls.make_order(cls.foreigner)

    def test_every_province_has_a_region(self):
        cn = self.env.ref("base.cn")
        states = self.env["res.country.state"].search([("country_id", "=", cn.id)])
        self.assertEqual(len(states), 34)
        self.assertFalse(states.filtered(lambda s: not s.mall_region_id))
        regions = self.env["mall.sales.region"].search([])
        self.assertEqual(len(regions), 7)
        self.assertEqual(
            self.env.ref("l10n_cn.state_HL").mall_region_id,
            self.env.ref("mall_base.region_northeast"))

    def test_region_computed_from_address(self):
        self.assertEqual(self.customer_sh.mall_region_id, self.east)
        self.assertEqual(self.order_sh.mall_region_id, self.east)
        self.assertEqual(self.order_bj.mall_region_id, self.north)
        self.customer_bj.state_id = self.env.ref("l10n_cn.state_JS")
        self.assertEqual(self.order_bj.mall_region_id, self.east)
        found = self.env["res.partner"].search(
            [("mall_region_id", "=", self.east.id), ("id", "=", self.customer_bj.id)])
        self.assertEqual(found, self.customer_bj)

    def test_shipping_address_decides(self):
        delivery = self.env["res.partner"].create({
            "name": "Beijing delivery", "parent_id": self.customer_sh.id,
            "type": "delivery", "state_id": self.env.ref("l10n_cn.state_BJ").id})
        order = self.make_order(self.customer_sh, partner_shipping_id=delivery.id)
        self.assertEqual(order.mall_region_id, self.north)

    def test_limited_user_cannot_read_other_region(self):
        orders = self.env["sale.order"].sudo(self.cs_east)
        self.assertEqual(
            orders.browse(self.order_sh.id).name, self.order_sh.name)
        with self.assertRaises(AccessError):
            orders.browse(self.order_bj.id).name
        with self.assertRaises(AccessError):
            self.env["res.partner"].sudo(self.cs_east).browse(
                self.customer_bj.id).name
        with self.assertRaises(AccessError):
            self.order_bj.order_line.sudo(self.cs_east).read(["name"])
        ids = (self.order_sh | self.order_bj | self.order_none).ids
        self.assertEqual(
            orders.search([("id", "in", ids)]), self.order_sh | self.order_none)

    def test_unlimited_user_sees_all(self):
        ids = (self.order_sh | self.order_bj).ids
        self.assertEqual(
            self.env["sale.order"].sudo(self.cs).search([("id", "in", ids)]).ids,
            self.env["sale.order"].search([("id", "in", ids)]).ids)

    def test_limit_cannot_be_widened_by_other_groups(self):
        # A Sales manager ("All documents" rules) is still limited.
        self.cs_east.groups_id = [(4, self.env.ref("mall_base.group_mall_manager").id)]
        with self.assertRaises(AccessError):
            self.env["sale.order"].sudo(self.cs_east).browse(self.order_bj.id).name

    def test_removing_the_limit_takes_effect(self):
        self.cs_east.mall_region_ids = [(5, 0, 0)]
        self.assertEqual(
            self.env["sale.order"].sudo(self.cs_east).browse(self.order_bj.id).name,
            self.order_bj.name)

    def test_pickings_and_invoices_follow_region(self):
        self.order_bj.action_confirm()
        picking = self.order_bj.picking_ids
        self.assertEqual(picking.mall_region_id, self.north)
        with self.assertRaises(AccessError):
            self.env["stock.picking"].sudo(self.cs_east).browse(picking.id).name
        invoice = self.env["account.invoice"].create({
            "partner_id": self.customer_bj.id, "type": "out_invoice"})
        self.assertEqual(invoice.mall_region_id, self.north)
        with self.assertRaises(AccessError):
            self.env["account.invoice"].sudo(self.cs_east).browse(invoice.id).name

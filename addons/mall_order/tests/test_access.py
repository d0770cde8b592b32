# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError

from .common import MallOrderCase


class TestAccess(MallOrderCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        cls.cs_north = cls.make_user(
            "cs_north", "mall_base.group_mall_customer_service",
            login="mall_cs_north_test",
            mall_region_ids=[(6, 0, cls.north.ids)])
        cls.east_order = cls.make_tea_order(partner=cls.customer_sh)
        cls.flow.pay(cls.east_order)
        cls.flow.ship(cls.east_order)
        cls.east_order.action_mall_confirm_receipt()
        cls.east_request = cls.env["mall.aftersale"].create({
            "order_id": cls.east_order.id, "kind": "return", "line_ids": [
                (0, 0, {"sale_line_id": cls.east_order.order_line.id,
                        "quantity": 1.0})]})

    def test_regional_user_cannot_read_other_region(self):
        self.assertEqual(self.east_order.mall_region_id, self.east)
        order = self.east_order.sudo(self.cs_north)
        with self.assertRaises(AccessError):
            order.read(["mall_state"])
        request = self.east_request.sudo(self.cs_north)
        with self.assertRaises(AccessError):
            request.read(["state"])
        with self.assertRaises(AccessError):
            request.action_approve()
        events = self.env["mall.order.event"].sudo(self.cs_north).search(
            [("order_id", "=", self.east_order.id)])
        self.assertFalse(events)
        # The unlimited customer service user decides.
        self.east_request.sudo(self.cs).action_approve()
        self.assertEqual(self.east_request.state, "approved")

    def test_operations_read_but_cannot_decide(self):
        request = self.east_request.sudo(self.ops)
        self.assertEqual(request.state, "draft")
        self.assertEqual(self.east_order.sudo(self.ops).mall_state,
                         "after_sales")
        with self.assertRaises(AccessError):
            request.write({"reject_reason": "no"})
        with self.assertRaises(AccessError):
            self.env["mall.aftersale"].sudo(self.ops).create({
                "order_id": self.east_order.id, "kind": "refund",
                "line_ids": [(0, 0, {
                    "sale_line_id": self.east_order.order_line.id,
                    "quantity": 1.0})]})

    def test_portal_customer_sees_only_own_requests(self):
        portal_sh = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Portal SH", "login": "mall_portal_sh_test",
                "partner_id": self.customer_sh.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        portal_bj = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Portal BJ", "login": "mall_portal_bj_test",
                "partner_id": self.customer_bj.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)]})
        Aftersale = self.env["mall.aftersale"]
        self.assertEqual(
            Aftersale.sudo(portal_sh).search([]), self.east_request)
        self.assertFalse(Aftersale.sudo(portal_bj).search([]))
        with self.assertRaises(AccessError):
            self.east_request.sudo(portal_bj).read(["state"])
        with self.assertRaises(AccessError):
            Aftersale.sudo(portal_sh).create({
                "order_id": self.east_order.id, "kind": "refund",
                "line_ids": [(0, 0, {
                    "sale_line_id": self.east_order.order_line.id,
                    "quantity": 1.0})]})

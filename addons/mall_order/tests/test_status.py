# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import common

from ..exceptions import MallOrderEditError
from ..status import compute_mall_state, compute_payment_state
from .common import MallOrderCase, shift


class TestStatusFunctions(common.BaseCase):
    """The pure derivation, fact by fact."""

    def test_mall_state_precedence(self):
        cases = [
            (("draft", False, False, False, False, False), "quotation"),
            (("sent", False, False, False, False, False), "quotation"),
            (("sale", False, False, False, False, False), "to_pay"),
            (("sale", True, False, False, False, False), "paid"),
            # Cash on delivery: shipped before it is paid.
            (("sale", False, True, False, False, False), "shipping"),
            (("sale", True, True, False, False, False), "shipping"),
            (("done", True, True, True, False, False), "delivered"),
            (("sale", True, True, True, True, False), "done"),
            (("sale", True, True, True, False, True), "after_sales"),
            (("sale", True, True, True, True, True), "after_sales"),
            (("cancel", True, False, False, False, True), "cancel"),
        ]
        for args, expected in cases:
            self.assertEqual(compute_mall_state(*args), expected, args)

    def test_payment_state(self):
        cases = [
            (("sale", 100.0, 0.0, 0.0), "unpaid"),
            (("sale", 100.0, 99.99, 0.0), "unpaid"),
            (("sale", 100.0, 100.0, 0.0), "paid"),
            (("draft", 100.0, 100.0, 0.0), "unpaid"),
            (("sale", 0.0, 0.0, 0.0), "paid"),
            (("sale", 100.0, 100.0, 40.0), "partial_refund"),
            (("sale", 100.0, 100.0, 100.0), "refunded"),
            (("cancel", 100.0, 0.0, 0.0), "cancel"),
            (("cancel", 100.0, 100.0, 100.0), "refunded"),
            # 100.004 rounds to 100.00 at the currency's 0.01.
            (("sale", 100.0, 100.004 - 0.008, 0.0), "paid"),
        ]
        for args, expected in cases:
            self.assertEqual(
                compute_payment_state(*(args + (0.01,))), expected, args)


class TestStatusTransitions(MallOrderCase):

    def test_full_lifecycle_fires_each_event_once(self):
        order = self.make_tea_order(confirm=False)
        self.assertEqual(order.mall_state, "quotation")
        self.assertEqual(order.mall_payment_state, "unpaid")

        order.action_confirm()
        self.assertEqual(order.mall_state, "to_pay")
        # Stock is reserved as soon as the order is confirmed, unpaid.
        self.assertEqual(self.reserved(self.tea), 5.0)

        invoices = self.flow.invoice(order)
        self.assertEqual(order.mall_state, "to_pay")
        self.flow.register_payment(invoices, amount=200.0)
        self.assertEqual(order.mall_paid_amount, 200.0)
        self.assertEqual(order.mall_payment_state, "unpaid")
        self.assertFalse(self.events(order, "paid"))

        self.flow.register_payment(invoices)
        self.assertEqual(order.mall_paid_amount, 500.0)
        self.assertEqual(order.mall_payment_state, "paid")
        self.assertEqual(order.mall_state, "paid")
        self.assertEqual(len(self.events(order, "paid")), 1)
        self.assertTrue(order.mall_paid_date)

        self.flow.ship(order)
        self.assertEqual(order.mall_state, "shipping")
        self.assertTrue(order.mall_shipped_date)
        self.assertEqual(len(self.events(order, "shipped")), 1)

        order.action_mall_confirm_receipt()
        self.assertEqual(order.mall_state, "delivered")
        self.assertFalse(order.mall_received_auto)
        self.assertFalse(order.mall_default_good_review)
        order.action_mall_confirm_receipt()
        self.assertEqual(len(self.events(order, "delivered")), 1)

        # Completed once the 7-day window has passed.
        self.env["sale.order"]._run_mall_complete(
            now=shift(order.mall_received_date, days=6))
        self.assertEqual(order.mall_state, "delivered")
        self.env["sale.order"]._run_mall_complete(
            now=shift(order.mall_received_date, days=7, minutes=1))
        self.assertEqual(order.mall_state, "done")
        self.env["sale.order"]._run_mall_complete(
            now=shift(order.mall_received_date, days=30))
        self.assertEqual(len(self.events(order, "completed")), 1)

        # Repeated synchronisations never repeat an event.
        order._mall_sync_events()
        order._mall_sync_events()
        self.assertEqual(
            sorted(order.mall_event_ids.mapped("event")),
            ["completed", "delivered", "paid", "shipped"])

    def test_partial_shipment_is_in_delivery_until_all_shipped(self):
        order = self.make_tea_order()
        self.flow.pay(order)
        picking = order.picking_ids
        self.flow.process_picking(picking, quantities={self.tea: 2.0})
        # Odoo 11 creates a backorder for the 3 others without asking.
        backorder = order.picking_ids - picking
        self.assertEqual(len(backorder), 1)
        self.assertEqual(order.mall_state, "shipping")
        self.assertTrue(order.mall_is_shipped)
        self.assertFalse(order.mall_shipped_date)
        self.assertFalse(self.events(order, "shipped"))
        with self.assertRaises(MallOrderEditError):
            order.action_mall_confirm_receipt()
        self.flow.process_picking(backorder)
        self.assertTrue(order.mall_shipped_date)
        self.assertEqual(len(self.events(order, "shipped")), 1)

    def test_cancel(self):
        order = self.make_tea_order()
        self.assertEqual(self.reserved(self.tea), 5.0)
        order.action_cancel()
        self.assertEqual(order.mall_state, "cancel")
        self.assertEqual(order.mall_payment_state, "cancel")
        self.assertEqual(self.reserved(self.tea), 0.0)
        self.assertEqual(len(self.events(order, "cancelled")), 1)

    def test_after_sales_status_while_a_request_is_open(self):
        order = self.make_tea_order()
        self.flow.pay(order)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        request = self.env["mall.aftersale"].create({
            "order_id": order.id, "kind": "return", "line_ids": [
                (0, 0, {"sale_line_id": order.order_line.id, "quantity": 1})]})
        self.assertEqual(order.mall_state, "after_sales")
        request.reject_reason = "Used goods"
        request.action_reject()
        self.assertEqual(order.mall_state, "delivered")

    def test_status_is_searchable_and_grouped(self):
        paid = self.make_tea_order(store_id=self.tmall.id)
        self.flow.pay(paid)
        unpaid = self.make_tea_order(store_id=self.tmall.id)
        SaleOrder = self.env["sale.order"]
        self.assertEqual(
            SaleOrder.search([("store_id", "=", self.tmall.id),
                              ("mall_state", "=", "paid")]), paid)
        self.assertEqual(
            SaleOrder.search([("store_id", "=", self.tmall.id),
                              ("mall_payment_state", "=", "unpaid")]), unpaid)
        groups = SaleOrder.read_group(
            [("store_id", "=", self.tmall.id)], ["store_id", "mall_state"],
            ["store_id", "mall_state"], lazy=False)
        self.assertEqual(
            sorted((g["mall_state"], g["__count"]) for g in groups),
            [("paid", 1), ("to_pay", 1)])

    def test_event_log_is_append_only(self):
        order = self.make_tea_order()
        order.action_cancel()
        event = self.events(order, "cancelled")
        with self.assertRaises(UserError):
            event.write({"event": "paid"})
        self.assertEqual(event.user_id, self.env.user)
        self.assertLessEqual(event.date, fields.Datetime.now())

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import MallOrderCase, shift


class TestAutoCancel(MallOrderCase):

    def test_unpaid_own_shop_orders_cancelled_after_delay(self):
        old = self.make_tea_order(qty=2.0)
        recent = self.make_tea_order(qty=3.0)
        marketplace = self.make_tea_order(qty=1.0, store_id=self.tmall.id)
        paid = self.make_tea_order(qty=1.0)
        self.flow.pay(paid)
        quotation = self.make_tea_order(qty=1.0, confirm=False)
        self.assertEqual(self.reserved(self.tea), 7.0)
        now = shift(old.confirmation_date, minutes=31)
        recent.confirmation_date = shift(now, minutes=-29)

        cancelled = self.env["sale.order"]._run_mall_auto_cancel(now=now)

        mine = old | recent | marketplace | paid | quotation
        self.assertEqual(cancelled & mine, old)
        self.assertEqual(old.mall_state, "cancel")
        self.assertEqual(set(old.picking_ids.mapped("state")), {"cancel"})
        # Its 2 units are no longer reserved.
        self.assertEqual(self.reserved(self.tea), 5.0)
        for order in (recent, marketplace, paid):
            self.assertEqual(order.state, "sale")
        self.assertEqual(quotation.state, "draft")
        self.assertEqual(len(self.events(old, "cancelled")), 1)

    def test_zero_delay_disables(self):
        order = self.make_tea_order()
        self.company.mall_unpaid_cancel_minutes = 0
        self.env["sale.order"]._run_mall_auto_cancel(
            now=shift(order.confirmation_date, days=2))
        self.assertEqual(order.state, "sale")


class TestAutoReceiptAndCompletion(MallOrderCase):

    def shipped_order(self, **vals):
        order = self.make_tea_order(**vals)
        # Mooncakes are invoiced on delivered quantities.
        self.flow.ship(order)
        self.flow.pay(order)
        return order

    def test_auto_receipt_15_days_after_shipment(self):
        order = self.shipped_order()
        shipped = order.mall_shipped_date
        SaleOrder = self.env["sale.order"]
        SaleOrder._run_mall_auto_receipt(now=shift(shipped, days=14))
        self.assertEqual(order.mall_state, "shipping")

        SaleOrder._run_mall_auto_receipt(now=shift(shipped, days=15, minutes=1))
        self.assertEqual(order.mall_state, "delivered")
        self.assertTrue(order.mall_received_auto)
        self.assertTrue(order.mall_default_good_review)
        self.assertEqual(order.mall_received_date,
                         shift(shipped, days=15, minutes=1))
        SaleOrder._run_mall_auto_receipt(now=shift(shipped, days=20))
        self.assertEqual(len(self.events(order, "delivered")), 1)

    def test_completion_follows_category_window(self):
        tea_order = self.shipped_order()
        cake_order = self.shipped_order(order_line=[(0, 0, {
            "product_id": self.cake.id, "product_uom_qty": 1.0})])
        (tea_order | cake_order).action_mall_confirm_receipt()
        # Fresh food has a 0-day window: complete at once; tea waits 7 days.
        received = tea_order.mall_received_date
        self.env["sale.order"]._run_mall_complete(now=shift(received, minutes=1))
        self.assertEqual(cake_order.mall_state, "done")
        self.assertEqual(tea_order.mall_state, "delivered")
        self.env["sale.order"]._run_mall_complete(now=shift(received, days=8))
        self.assertEqual(tea_order.mall_state, "done")

    def test_open_request_blocks_completion(self):
        order = self.shipped_order()
        order.action_mall_confirm_receipt()
        self.env["mall.aftersale"].create({
            "order_id": order.id, "kind": "return", "line_ids": [
                (0, 0, {"sale_line_id": order.order_line.id, "quantity": 1})]})
        self.env["sale.order"]._run_mall_complete(
            now=shift(order.mall_received_date, days=30))
        self.assertEqual(order.mall_state, "after_sales")
        self.assertFalse(order.mall_completed_date)
        self.assertFalse(self.events(order, "completed"))

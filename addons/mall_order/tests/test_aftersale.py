# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ..exceptions import MallAfterSaleError
from .common import MallOrderCase, shift


class TestAfterSale(MallOrderCase):

    def refunds(self, order):
        """The refund events of the order: (amount, [(sale line, qty)])."""
        return [(e.amount, [(rec.sale_line_id.id, rec.quantity)
                            for rec in e.aftersale_id.line_ids])
                for e in self.events(order, "refunded")]

    def delivered_order(self, qty=5.0, product=None):
        product = product or self.tea
        order = self.make_tea_order(order_line=[(0, 0, {
            "product_id": product.id, "product_uom_qty": qty,
            "price_unit": product.list_price})])
        if product.invoice_policy == "delivery":
            self.flow.ship(order)
            self.flow.pay(order)
        else:
            self.flow.pay(order)
            self.flow.ship(order)
        order.action_mall_confirm_receipt()
        return order

    def request(self, order, qty, kind="return", user=None, **vals):
        values = {
            "order_id": order.id, "kind": kind, "reason": "quality",
            "line_ids": [(0, 0, {"sale_line_id": order.order_line[0].id,
                                 "quantity": qty})],
        }
        values.update(vals)
        Aftersale = self.env["mall.aftersale"]
        if user:
            Aftersale = Aftersale.sudo(user)
        return Aftersale.create(values)

    def test_partial_return_two_of_five(self):
        order = self.delivered_order(qty=5.0)
        line = order.order_line
        on_hand = self.on_hand(self.tea)
        request = self.request(order, 2.0, user=self.cs)
        self.assertEqual(request.amount_total, 200.0)
        self.assertEqual(order.mall_state, "after_sales")

        request.sudo(self.cs).action_approve()
        self.assertEqual(request.state, "approved")
        returns = request.picking_ids
        self.assertEqual(len(returns), 1)
        self.assertEqual(returns.picking_type_id.code, "incoming")
        self.assertEqual(returns.move_lines.product_uom_qty, 2.0)
        self.assertTrue(returns.move_lines.to_refund)
        # Stock rises only on receipt.
        self.assertEqual(self.on_hand(self.tea), on_hand)
        self.assertFalse(request.refund_invoice_id)

        self.flow.process_picking(returns.sudo(self.wh))
        self.assertEqual(self.on_hand(self.tea), on_hand + 2.0)
        self.assertEqual(request.state, "received")
        self.assertEqual(line.qty_delivered, 3.0)
        credit_note = request.refund_invoice_id
        self.assertEqual(credit_note.type, "out_refund")
        self.assertEqual(credit_note.state, "draft")
        self.assertEqual(credit_note.invoice_line_ids.quantity, 2.0)
        self.assertEqual(credit_note.amount_total, 200.0)
        self.assertEqual(self.refunds(order), [])
        # Ordered-quantity invoicing: the order does not ask to invoice the
        # returned units again.
        self.assertEqual(order.invoice_status, "invoiced")

        credit_note.sudo(self.fin).action_invoice_open()
        self.assertEqual(request.state, "refunded")
        self.assertEqual(self.refunds(order), [(200.0, [(line.id, 2.0)])])
        self.assertEqual(order.mall_payment_state, "partial_refund")
        self.assertEqual(order.mall_refunded_amount, 200.0)
        refunded = self.events(order, "refunded")
        self.assertEqual(len(refunded), 1)
        self.assertEqual(refunded.amount, 200.0)
        self.assertEqual(refunded.aftersale_id, request)

        self.flow.register_payment(credit_note, payment_type="outbound")
        self.assertEqual(credit_note.state, "paid")
        self.assertEqual(request.state, "done")
        self.assertEqual(order.mall_state, "delivered")
        self.assertEqual(len(self.refunds(order)), 1)

        # 3 units are left to return, not more.
        with self.assertRaisesRegex(MallAfterSaleError, "At most 3"), \
                self.env.cr.savepoint():
            self.request(order, 4.0)
        self.request(order, 3.0)

    def test_delivery_policy_credit_note_updates_invoiced_quantity(self):
        order = self.delivered_order(qty=4.0, product=self.cake)
        line = order.order_line
        self.category_food.mall_return_days = 3
        request = self.request(order, 1.0)
        request.action_approve()
        self.flow.process_picking(request.picking_ids)
        request.refund_invoice_id.action_invoice_open()
        self.assertEqual(line.qty_delivered, 3.0)
        self.assertEqual(line.qty_invoiced, 3.0)
        self.assertEqual(line.qty_to_invoice, 0.0)
        self.assertNotEqual(order.invoice_status, "to invoice")
        self.assertEqual(self.refunds(order), [(50.0, [(line.id, 1.0)])])

    def test_return_after_window_refused(self):
        order = self.delivered_order()
        order.mall_received_date = shift(order.mall_received_date, days=-8)
        with self.assertRaisesRegex(MallAfterSaleError, "window"), \
                self.env.cr.savepoint():
            self.request(order, 1.0)
        # Inside the window it is accepted.
        order.mall_received_date = shift(order.mall_received_date, days=2)
        self.request(order, 1.0)

    def test_return_before_shipment_refused(self):
        order = self.make_tea_order()
        self.flow.pay(order)
        with self.assertRaisesRegex(MallAfterSaleError, "not been shipped"), \
                self.env.cr.savepoint():
            self.request(order, 1.0)
        # A refund only is possible (cancellation with refund).
        request = self.request(order, 1.0, kind="refund")
        request.action_approve()
        self.assertEqual(request.refund_invoice_id.amount_total, 100.0)

    def test_refund_requires_payment(self):
        order = self.make_tea_order()
        with self.assertRaisesRegex(MallAfterSaleError, "not been paid"):
            self.request(order, 1.0, kind="refund")

    def test_refund_only(self):
        order = self.delivered_order()
        on_hand = self.on_hand(self.tea)
        request = self.request(order, 1.0, kind="refund")
        request.action_approve()
        self.assertFalse(request.picking_ids)
        request.refund_invoice_id.action_invoice_open()
        self.assertEqual(request.state, "refunded")
        self.assertEqual(self.on_hand(self.tea), on_hand)
        self.assertEqual(self.refunds(order)[0][0], 100.0)

    def test_exchange(self):
        order = self.delivered_order()
        request = self.request(order, 1.0, kind="exchange")
        request.action_approve()
        self.flow.process_picking(request.picking_ids)
        self.assertEqual(request.state, "received")
        replacement = request.picking_ids.filtered(
            lambda p: p.picking_type_id.code == "outgoing")
        self.assertEqual(replacement.move_lines.product_uom_qty, 1.0)
        self.assertFalse(replacement.move_lines.sale_line_id)
        self.flow.process_picking(replacement)
        self.assertEqual(request.state, "done")
        self.assertFalse(request.refund_invoice_id)
        self.assertEqual(self.refunds(order), [])
        self.assertEqual(order.order_line.qty_delivered, 4.0)
        self.assertEqual(len(self.events(order, "shipped")), 1)

    def test_reject_needs_a_reason(self):
        order = self.delivered_order()
        request = self.request(order, 1.0)
        with self.assertRaisesRegex(MallAfterSaleError, "rejected"):
            request.sudo(self.cs).action_reject()
        request.reject_reason = "Opened and used"
        request.sudo(self.cs).action_reject()
        self.assertEqual(request.state, "rejected")
        with self.assertRaises(MallAfterSaleError):
            request.action_approve()
        # A rejected request frees its quantity.
        self.request(order, 5.0)

    def test_withdraw_cancels_return_picking(self):
        order = self.delivered_order()
        request = self.request(order, 2.0)
        request.action_approve()
        request.action_withdraw()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(request.picking_ids.state, "cancel")
        self.assertEqual(order.mall_state, "delivered")

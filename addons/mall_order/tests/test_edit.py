# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ..exceptions import MallOrderEditError
from .common import MallOrderCase, shift


class TestCustomerEdits(MallOrderCase):

    def setUp(self):
        super(TestCustomerEdits, self).setUp()
        self.order = self.make_tea_order(qty=5.0)
        self.line = self.order.order_line

    def edit(self, qty, **kwargs):
        return self.order.mall_customer_edit(
            line_quantities={self.line.id: qty}, **kwargs)

    def test_three_edits_then_refused(self):
        for count, qty in enumerate((4.0, 3.0, 6.0), 1):
            self.edit(qty)
            self.assertEqual(self.order.mall_edit_count, count)
            self.assertEqual(self.order.amount_total, qty * 100.0)
            self.assertEqual(self.order.mall_state, "to_pay")
        # The reservation follows the quantities (decrease and increase).
        self.assertEqual(self.reserved(self.tea), 6.0)
        with self.assertRaisesRegex(MallOrderEditError, "3 times"):
            self.edit(2.0)
        self.assertEqual(self.order.mall_edit_count, 3)
        self.assertEqual(self.line.product_uom_qty, 6.0)

    def test_after_window_refused(self):
        start = self.order.confirmation_date
        self.edit(4.0, now=shift(start, minutes=59))
        with self.assertRaisesRegex(MallOrderEditError, "60 minutes"):
            self.edit(3.0, now=shift(start, minutes=61))
        self.assertEqual(self.order.mall_edit_count, 1)

    def test_address_change_refused(self):
        other = self.make_customer("Other address", "l10n_cn.state_SH")
        for field in ("partner_shipping_id", "partner_invoice_id",
                      "partner_id"):
            with self.assertRaisesRegex(MallOrderEditError, "address"):
                self.order.mall_customer_edit(values={field: other.id})
        with self.assertRaises(MallOrderEditError):
            self.order.mall_customer_edit(values={"amount_total": 1.0})
        self.assertEqual(self.order.mall_edit_count, 0)
        # The remark is the customer's.
        self.order.mall_customer_edit(values={"note": "请周末送货"})
        self.assertEqual(self.order.note, "请周末送货")

    def test_paid_order_refused(self):
        self.flow.pay(self.order)
        with self.assertRaisesRegex(MallOrderEditError, "awaiting payment"):
            self.edit(4.0)

    def test_remove_line_releases_reservation(self):
        self.order.mall_customer_edit(new_lines=[(self.cake.id, 2.0)])
        cake_line = self.order.order_line.filtered(
            lambda rec: rec.product_id == self.cake)
        self.assertEqual(cake_line.price_unit, 50.0)
        self.assertEqual(self.reserved(self.cake), 2.0)
        self.assertEqual(self.order.amount_total, 600.0)
        self.order.mall_customer_edit(line_quantities={cake_line.id: 0.0})
        self.assertEqual(self.reserved(self.cake), 0.0)
        self.assertEqual(self.order.amount_total, 500.0)
        self.assertEqual(
            set(cake_line.move_ids.mapped("state")), {"cancel"})
        # Removing everything is a cancellation, not an edit.
        with self.assertRaisesRegex(MallOrderEditError, "cancel"):
            self.edit(0.0)

    def test_nothing_changed_is_not_an_edit(self):
        with self.assertRaises(MallOrderEditError):
            self.edit(5.0)
        self.assertEqual(self.order.mall_edit_count, 0)

    def test_staff_are_not_limited(self):
        cs_order = self.order.sudo(self.cs)
        other = self.make_customer("Other address", "l10n_cn.state_SH")
        for qty in (4.0, 3.0, 2.0, 1.0):
            cs_order.order_line.write({"product_uom_qty": qty})
        cs_order.write({"partner_shipping_id": other.id})
        self.assertEqual(self.order.partner_shipping_id, other)
        self.assertEqual(self.order.mall_edit_count, 0)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Referral tree and commissions through the real order lifecycle:
payment, refunds, completion and cancellation events of mall_order."""
from odoo import fields
from odoo.exceptions import UserError, ValidationError

from odoo.addons.mall_order.tests.common import MallOrderCase

from ..models import commission


class DistributionCase(MallOrderCase):
    """The tree X → S (store) → U1 → U2 → B, with the default rates."""

    @classmethod
    def setUpClass(cls):
        super(DistributionCase, cls).setUpClass()
        cls.company.write({
            "mall_commission_rate_1": 5.0, "mall_commission_rate_2": 10.0,
            "mall_commission_rate_3": 15.0, "mall_commission_levels": 3,
            "mall_commission_compliance": False, "mall_hq_rebate_rate": 3.0,
            "mall_commission_self_purchase": False,
            "mall_recruit_threshold": 1000.0})
        Partner = cls.env["res.partner"]
        cls.top = Partner.create({"name": "X 第四代", "customer": True})
        cls.store = Partner.create({
            "name": "S 体验店", "is_company": True, "mall_is_store": True,
            "mall_upline_id": cls.top.id})
        cls.u1 = Partner.create({"name": "U1", "customer": True,
                                 "mall_upline_id": cls.store.id})
        cls.u2 = Partner.create({"name": "U2", "customer": True,
                                 "mall_upline_id": cls.u1.id})
        cls.buyer = Partner.create({"name": "B", "customer": True,
                                    "mall_upline_id": cls.u2.id})

    def paid_order(self, partner=None, qty=10.0):
        order = self.make_tea_order(partner=partner or self.buyer, qty=qty)
        self.flow.pay(order)
        return order

    def amounts(self, order):
        return {(line.partner_id, line.kind, line.level): line.amount
                for line in order.mall_commission_ids
                if line.kind != "adjustment"}


class TestCommission(DistributionCase):

    def test_three_levels_and_the_store_rebate(self):
        order = self.paid_order()
        self.assertEqual(self.amounts(order), {
            (self.u2, "commission", 1): 50.0,
            (self.u1, "commission", 2): 100.0,
            (self.store, "commission", 3): 150.0,
            (self.store, "rebate", 0): 30.0})
        self.assertEqual(set(order.mall_commission_ids.mapped("state")),
                         {"pending"})
        self.assertFalse(order.mall_commission_ids.filtered(
            lambda line: line.partner_id == self.top))

    def test_repeated_events_do_not_duplicate(self):
        order = self.paid_order()
        order._mall_order_paid()
        order._mall_sync_events()
        self.env["mall.commission"]._mall_create_for_orders(order)
        self.assertEqual(len(order.mall_commission_ids), 4)

    def test_partial_refund_before_settlement_reverses_pro_rata(self):
        order = self.paid_order()
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        request = self.env["mall.aftersale"].create({
            "order_id": order.id, "kind": "refund", "reason": "quality",
            "line_ids": [(0, 0, {"sale_line_id": order.order_line.id,
                                 "quantity": 4.0})]})
        request.action_approve()
        request.refund_invoice_id.action_invoice_open()
        self.assertEqual(self.amounts(order), {
            (self.u2, "commission", 1): 30.0,
            (self.u1, "commission", 2): 60.0,
            (self.store, "commission", 3): 90.0,
            (self.store, "rebate", 0): 18.0})
        self.assertEqual(set(order.mall_commission_ids.mapped(
            "refunded_base")), {400.0})

    def test_refund_after_settlement_carries_a_negative_line(self):
        order = self.paid_order()
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        order.mall_commission_ids.write({"state": "settled"})
        request = self.env["mall.aftersale"].create({
            "order_id": order.id, "kind": "refund", "reason": "quality",
            "line_ids": [(0, 0, {"sale_line_id": order.order_line.id,
                                 "quantity": 4.0})]})
        request.action_approve()
        request.refund_invoice_id.action_invoice_open()
        settled = order.mall_commission_ids.filtered(
            lambda line: line.kind != "adjustment")
        self.assertEqual(set(settled.mapped("amount")),
                         {50.0, 100.0, 150.0, 30.0})
        adjustments = order.mall_commission_ids - settled
        self.assertEqual(
            sorted((line.partner_id.name, line.amount, line.state)
                   for line in adjustments),
            sorted([("U2", -20.0, "earned"), ("U1", -40.0, "earned"),
                    ("S 体验店", -60.0, "earned"),
                    ("S 体验店", -12.0, "earned")]))
        self.assertEqual(adjustments.mapped("adjusts_id"), settled)

    def test_completion_earns_and_cancellation_cancels(self):
        order = self.paid_order()
        order._mall_order_completed()
        self.assertEqual(set(order.mall_commission_ids.mapped("state")),
                         {"earned"})
        other = self.paid_order()
        other.action_cancel()
        self.assertEqual(set(other.mall_commission_ids.mapped("state")),
                         {"cancelled"})

    def test_compliance_caps_levels_and_no_commission_products(self):
        self.company.mall_commission_compliance = True
        order = self.paid_order()
        self.assertEqual(sorted(order.mall_commission_ids.mapped("level")),
                         [0, 1, 2])
        self.company.mall_commission_compliance = False
        self.tea.mall_no_commission = True
        order = self.paid_order()
        self.assertFalse(order.mall_commission_ids)

    def test_category_rates_override_the_company_rates(self):
        category = self.env["product.category"].create({
            "name": "高佣茶", "mall_commission_override": True,
            "mall_commission_rate_1": 8.0, "mall_commission_rate_2": 0.0,
            "mall_commission_rate_3": 2.0})
        sub = self.env["product.category"].create({
            "name": "高佣茶·子类", "parent_id": category.id})
        self.tea.categ_id = sub
        order = self.paid_order()
        self.assertEqual(self.amounts(order), {
            (self.u2, "commission", 1): 80.0,
            (self.store, "commission", 3): 20.0,
            (self.store, "rebate", 0): 30.0})

    def test_cycles_and_self_referral_refused(self):
        with self.assertRaises(ValidationError):
            self.u1.mall_upline_id = self.u1
        with self.assertRaises(ValidationError):
            self.store.mall_upline_id = self.buyer
        self.assertEqual(self.buyer.mall_referral_depth, 4)
        self.assertEqual(self.top.mall_downline_count, 4)
        self.assertEqual(self.buyer._mall_chain(), [
            (self.u2.id, False), (self.u1.id, False),
            (self.store.id, True), (self.top.id, False)])

    def test_recruiting_needs_completed_spending(self):
        newcomer = self.env["res.partner"].create({"name": "新人"})
        self.assertFalse(self.u2.mall_can_recruit)
        with self.assertRaises(UserError):
            self.u2.action_mall_referral_code()
        self.assertAlmostEqual(self.u2._mall_missing_spending(), 1000.0)
        order = self.paid_order(partner=self.u2, qty=10.0)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        self.u2.invalidate_cache()
        self.assertEqual(self.u2.mall_completed_spending, 1000.0)
        self.assertTrue(self.u2.mall_can_recruit)
        self.u2.action_mall_referral_code()
        self.assertEqual(len(self.u2.mall_referral_code), 8)
        self.assertEqual(newcomer._mall_bind(
            self.u2.mall_referral_code.lower()), self.u2)
        self.assertEqual(newcomer.mall_upline_id, self.u2)
        # Opening the same link again changes nothing.
        self.assertEqual(newcomer._mall_bind(self.u2.mall_referral_code),
                         self.u2)
        # Stores always recruit.
        self.assertTrue(self.store.mall_can_recruit)

    def test_manager_move_is_logged(self):
        wizard = self.env["mall.referral.move.wizard"].create({
            "partner_id": self.u2.id, "new_upline_id": self.store.id,
            "reason": "门店调整"})
        wizard.action_move()
        self.assertEqual(self.u2.mall_upline_id, self.store)
        self.assertEqual(self.buyer.mall_referral_path, "/%d/%d/%d/%d/" % (
            self.top.id, self.store.id, self.u2.id, self.buyer.id))
        move = self.env["mall.referral.move"].search(
            [("partner_id", "=", self.u2.id)])
        self.assertEqual((move.old_upline_id, move.reason),
                         (self.u1, "门店调整"))

    def test_pure_functions(self):
        lines = [commission.Line(600.0, None, False),
                 commission.Line(400.0, None, False),
                 commission.Line(20.0, None, True),
                 commission.Line(-100.0, None, False)]
        shares = commission.shares(lines, [(1, False), (2, True)],
                                   {1: 5.0, 2: 10.0, 3: 15.0},
                                   rebate_rate=3.0, points_paid=100.0)
        self.assertEqual([(s.partner_id, s.level, s.kind, s.amount)
                          for s in shares],
                         [(1, 1, "commission", 40.0),
                          (2, 2, "commission", 80.0),
                          (2, 0, "rebate", 24.0)])
        self.assertEqual(commission.after_refund(100.0, 1000.0, 333.0), 66.7)
        self.assertEqual(commission.ancestors("/1/5/9/", 9), [5, 1])


class TestSettlement(DistributionCase):
    """Settlements, withdrawals (the commission tests' tree and orders)."""

    @classmethod
    def setUpClass(cls):
        super(TestSettlement, cls).setUpClass()
        # The demo's earned commissions would join the settlements.
        cls.env["mall.commission"].search(
            [("state", "=", "earned")]).write({"state": "cancelled"})

    def earned_order(self, qty=10.0):
        order = self.paid_order(qty=qty)
        order._mall_order_completed()
        return order

    def settle(self):
        settlement = self.env["mall.commission.settlement"].create({})
        settlement.action_generate()
        return settlement

    def test_settlement_posts_expense_against_each_payable(self):
        order = self.earned_order()
        settlement = self.settle()
        settlement.action_generate()  # again: the same lines
        self.assertEqual(settlement.commission_ids, order.mall_commission_ids)
        self.assertEqual(
            {(line.partner_id, line.amount) for line in settlement.line_ids},
            {(self.u2, 50.0), (self.u1, 100.0), (self.store, 180.0)})
        settlement.action_post()
        move = settlement.move_ids
        self.assertEqual(move.state, "posted")
        self.assertEqual(sum(move.line_ids.mapped("debit")), 330.0)
        payable = self.company.mall_commission_payable_account_id
        self.assertEqual(
            {(line.partner_id, line.credit)
             for line in move.line_ids.filtered(
                 lambda rec: rec.account_id == payable)},
            {(self.u2, 50.0), (self.u1, 100.0), (self.store, 180.0)})
        self.assertEqual(set(order.mall_commission_ids.mapped("state")),
                         {"settled"})
        self.assertFalse(self.settle().line_ids)

    def test_refund_after_settlement_lowers_the_next_settlement(self):
        order = self.earned_order()
        self.settle().action_post()
        self.env["mall.commission"]._mall_refund(order, 400.0, "RMA")
        self.earned_order(qty=20.0)
        settlement = self.settle()
        self.assertEqual(
            {(line.partner_id, line.amount) for line in settlement.line_ids},
            {(self.u2, 100.0 - 20.0), (self.u1, 200.0 - 40.0),
             (self.store, 360.0 - 72.0)})

    def test_negative_net_waits_for_the_next_settlement(self):
        order = self.earned_order()
        self.settle().action_post()
        self.env["mall.commission"]._mall_refund(order, 1000.0, "RMA")
        settlement = self.settle()
        self.assertFalse(settlement.line_ids)
        self.assertEqual(
            len(order.mall_commission_ids.filtered(
                lambda rec: rec.kind == "adjustment" and not rec.settlement_id)), 4)

    def test_no_posting_into_a_locked_period(self):
        self.earned_order()
        settlement = self.settle()
        self.company.period_lock_date = settlement.date
        with self.assertRaises(UserError):
            settlement.action_post()
        self.assertEqual(settlement.state, "draft")

    def test_withdrawal_limits_and_payout(self):
        self.earned_order()
        self.settle().action_post()
        Withdrawal = self.env["mall.commission.withdrawal"]
        self.assertEqual(self.u1.mall_commission_balance, 100.0)
        with self.assertRaises(UserError):
            Withdrawal._mall_request(self.u1, 99.0)  # below the minimum
        with self.assertRaises(UserError):
            Withdrawal._mall_request(self.store, 180.01)  # over the balance
        withdrawal = Withdrawal._mall_request(self.u1, 100.0)
        self.u1.invalidate_cache()
        self.assertEqual(self.u1.mall_commission_balance, 0.0)
        with self.assertRaises(UserError):
            Withdrawal._mall_request(self.u1, 100.0)
        withdrawal.action_approve()
        bill = withdrawal.invoice_id
        self.assertEqual((bill.type, bill.state, bill.amount_total),
                         ("in_invoice", "open", 100.0))
        # Finance pays the bill from the bank.
        payment = self.env["account.payment"].create({
            "payment_type": "outbound", "partner_type": "supplier",
            "partner_id": self.u1.id, "amount": 100.0,
            "journal_id": self.env["account.journal"].search([
                ("type", "=", "bank"),
                ("company_id", "=", self.company.id)], limit=1).id,
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_out").id,
            "invoice_ids": [(4, bill.id)]})
        payment.post()
        self.assertEqual(bill.state, "paid")
        withdrawal.invalidate_cache()
        self.assertEqual(withdrawal.state, "paid")
        self.assertEqual(self.env["mall.commission"].search([
            ("partner_id", "=", self.u1.id)]).mapped("state"), ["paid"])

    def test_wallet_payout_credits_the_customer_account(self):
        self.earned_order()
        self.settle().action_post()
        receivable = self.store.property_account_receivable_id
        before = self.store.credit
        withdrawal = self.env["mall.commission.withdrawal"]._mall_request(
            self.store, 150.0, "wallet")
        withdrawal.action_approve()
        self.assertEqual(withdrawal.state, "paid")
        self.assertFalse(withdrawal.invoice_id)
        move = withdrawal.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(
            {(line.account_id, line.debit, line.credit)
             for line in move.line_ids},
            {(self.company.mall_commission_payable_account_id, 150.0, 0.0),
             (receivable, 0.0, 150.0)})
        self.store.invalidate_cache()
        self.assertAlmostEqual(self.store.credit, before - 150.0)
        # FIFO: the level-3 commission (150) is paid, the rebate is not.
        self.assertEqual(
            {(line.kind, line.state) for line in self.env[
                "mall.commission"].search([
                    ("partner_id", "=", self.store.id)])},
            {("commission", "paid"), ("rebate", "settled")})
        self.assertEqual(self.store._mall_commission_balance(), 30.0)

    def test_wallet_payout_respects_the_lock_date(self):
        self.earned_order()
        self.settle().action_post()
        withdrawal = self.env["mall.commission.withdrawal"]._mall_request(
            self.u1, 100.0, "wallet")
        self.company.period_lock_date = fields.Date.today()
        with self.assertRaises(UserError):
            withdrawal.action_approve()

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The points ledger through the real order lifecycle: earning on
delivery, the daily release, paying with points, refunds, expiry,
accounting, and the ledger's immutability."""
from odoo.exceptions import AccessError, UserError

from .common import MemberCase


class TestPoints(MemberCase):

    def test_180_cash_releases_one_point_a_day(self):
        order = self.delivered(180.0)
        grant = order.mall_points_grant_ids
        self.assertEqual((grant.earned, grant.points, grant.days),
                         (180, 180, 180))
        self.assertEqual(grant.start_date, self.day(1))
        self.assertEqual(self.balances()[:2], (180, 0))
        self.Grant._mall_release_due(today=self.day(10))
        self.assertEqual(self.balances()[:2], (170, 10))
        # Idempotent per day.
        self.Grant._mall_release_due(today=self.day(10))
        self.assertEqual(self.balances()[:2], (170, 10))
        self.Grant._mall_release_due(today=self.day(180))
        self.assertEqual(self.balances()[:2], (0, 180))
        self.assertEqual(grant.state, "done")
        self.assertEqual(order.mall_points_earned, 180)

    def test_remainder_on_the_last_day(self):
        self.delivered(200.0)
        self.Grant._mall_release_due(today=self.day(179))
        self.assertEqual(self.balances()[:2], (21, 179))
        self.Grant._mall_release_due(today=self.day(180))
        self.assertEqual(self.balances()[:2], (0, 200))

    def test_release_period_zero_releases_at_once(self):
        self.company.mall_points_release_days = 0
        self.delivered(99.9)
        self.assertEqual(self.balances()[:2], (0, 99))

    def test_non_members_earn_nothing(self):
        order = self.delivered(100.0, partner=self.customer_sh)
        self.assertFalse(order.mall_points_grant_ids)

    def test_half_paid_with_points_earns_on_the_cash_half(self):
        self.give(500)
        order = self.order(200.0)
        self.assertEqual(order._mall_points_payable(), 100)
        with self.assertRaises(UserError):
            order.mall_pay_with_points(101)  # over the 50 % cap
        payment = order.mall_pay_with_points(100)
        self.assertEqual(payment.journal_id,
                         self.company.mall_points_journal_id)
        invoice = order.invoice_ids
        self.assertEqual((invoice.state, invoice.residual), ("open", 100.0))
        self.assertEqual(order._mall_points_paid(), 100.0)
        self.assertEqual(order.mall_points_used, 100)
        self.assertEqual(self.available(), 400)
        # The cap counts what was paid with points already.
        self.assertEqual(order._mall_points_payable(), 0)
        self.flow.register_payment(invoice)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        self.assertEqual(order.mall_points_grant_ids.earned, 100)

    def test_only_released_points_pay(self):
        self.delivered(1000.0)  # 1,000 pending, nothing released
        order = self.order(100.0)
        self.assertEqual(order._mall_points_payable(), 0)
        with self.assertRaises(UserError):
            order.mall_pay_with_points(1)

    def test_partial_refunds_cancel_take_back_and_record_debt(self):
        order = self.delivered(1000.0)
        self.Grant._mall_release_due(today=self.day(100))
        self.assertEqual(self.balances()[:2], (500, 500))
        other = self.order(1000.0)
        other.mall_pay_with_points(300)
        self.assertEqual(self.available(), 200)
        # 40 % refunded: 400 points go, 200 of them released (taken back
        # from the 200 available) and 200 unreleased (cancelled).
        self.refund(order, 0.4)
        self.assertEqual(self.balances(), (300, 0, 300, 0, 0))
        grant = order.mall_points_grant_ids
        self.assertEqual((grant.points, grant.held), (300, 300))
        # The other 60 %: 300 released points were spent: a debt.
        self.refund(order, 0.6)
        self.assertEqual(self.balances(), (0, 0, 300, 0, 300))
        kinds = order.mall_points_move_ids.mapped("kind")
        self.assertEqual(kinds.count("cancel"), 2)
        self.assertIn("debt", kinds)
        # Future points repay the debt first.
        self.give(120)
        self.member._mall_repay_debts()
        self.assertEqual(self.balances()[1:], (0, 300, 0, 180))

    def test_refund_returns_the_points_that_paid(self):
        self.give(100)
        order = self.order(200.0)
        order.mall_pay_with_points(100)
        self.flow.register_payment(order.invoice_ids)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        self.assertEqual(self.balances()[:2], (100, 0))
        request = self.refund(order, 0.5)
        # Half of the 100 points that paid come back; half of the 100
        # earned (all unreleased) are cancelled.
        self.assertEqual(self.balances()[:2], (50, 50))
        credit_note = request.refund_invoice_id
        self.assertEqual(credit_note.amount_total, 100.0)
        # The points' value is paid back from the points journal: only
        # the cash half is left to refund.
        self.assertEqual(credit_note.residual, 50.0)

    def test_expiry_is_fifo_and_idempotent(self):
        self.company.mall_points_expiry_years = 2
        self.give(100, day="2023-05-01")
        self.give(40, day="2024-03-01")
        order = self.order(1000.0)
        order.mall_pay_with_points(30)  # takes the oldest points
        Job = self.env["mall.member.job"]
        self.assertEqual(Job._cron_mall_points_expire(
            today="2026-01-01"), 1)
        self.assertEqual(self.balances()[1], 40)
        self.assertEqual(self.balances()[3], 70)
        self.assertEqual(Job._cron_mall_points_expire(
            today="2026-06-01"), 0)
        self.assertEqual(self.member._mall_points_expiring(
            today="2026-06-01"), {self.member.id: 40})
        self.assertEqual(Job._cron_mall_points_expire(
            today="2027-01-01"), 1)
        self.assertEqual(self.balances()[1], 0)

    def test_liability_entries_and_lock_date(self):
        Job = self.env["mall.member.job"]
        Job._cron_mall_points_post()  # the demo's lines
        self.delivered(180.0)
        self.give(50, day="2023-05-01")
        Job._cron_mall_points_expire(today="2026-01-01")
        moves = Job._cron_mall_points_post()
        _journal, liability, expense = self.company._mall_points_accounts()
        lines = moves.mapped("line_ids")
        self.assertEqual(
            sum(lines.filtered(lambda l_: l_.account_id == liability)
                .mapped("credit")), 230.0)  # 180 earned + 50 given
        self.assertEqual(
            sum(lines.filtered(lambda l_: l_.account_id == liability)
                .mapped("debit")), 50.0)  # expired
        self.assertFalse(Job._cron_mall_points_post())  # nothing new
        self.give(10)
        self.company.period_lock_date = self.day(0)
        with self.assertRaises(UserError):
            Job._cron_mall_points_post()

    def test_ledger_lines_cannot_be_edited_or_deleted(self):
        line = self.give(10)
        for env in (self.env, self.env(user=self.manager.id)):
            record = line.with_env(env)
            with self.assertRaises(AccessError):
                record.write({"points": 1000})
            with self.assertRaises(AccessError):
                record.unlink()
        with self.assertRaises(AccessError):
            line.sudo().write({"available": 1000})
        self.assertEqual(self.available(), 10)

    def test_manual_adjustment_never_goes_negative(self):
        self.give(10)
        with self.assertRaises(UserError):
            self.member._mall_adjust_points(-11, "wrong")
        with self.assertRaises(UserError):
            self.member._mall_adjust_points(-5, "")
        self.member._mall_adjust_points(-5, "duplicate reward")
        self.assertEqual(self.available(), 5)

    def test_sign_in_once_a_day_when_on(self):
        self.assertEqual(self.member._mall_sign_in(), 0)
        self.company.write({"mall_points_sign_in": True,
                            "mall_points_sign_in_points": 2})
        self.assertEqual(self.member._mall_sign_in(), 2)
        self.assertEqual(self.member._mall_sign_in(), 0)
        self.assertEqual(self.available(), 2)

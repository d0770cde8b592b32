# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Monthly dealer statements: generated from the records for all dealers
at once, amounts to the cent, regeneration, dispute and approval,
posting (never into a locked period) and the period close."""
import tempfile
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import config

from .test_deposit import DepositCase


class TestStatement(DepositCase):

    @classmethod
    def setUpClass(cls):
        super(TestStatement, cls).setUpClass()
        cls.store = cls.env["mall.store"].create({
            "name": "经销商门店", "code": "DLS", "store_type": "offline"})
        cls.dealer.write({"mall_dealer_store_ids": [(6, 0, cls.store.ids)],
                          "mall_monthly_fee": 100.0})
        cls.period = cls.env["mall.settlement.period"]._mall_month()

    def commission(self, order, kind, amount):
        return self.env["mall.commission"].create({
            "order_id": order.id, "partner_id": self.dealer.id,
            "company_id": self.company.id, "level": 0 if kind == "rebate"
            else 1, "kind": kind, "base": 1000.0, "rate": 1.0,
            "original_amount": amount, "amount": amount, "state": "earned",
            "earned_date": fields.Date.context_today(self.env.user)})

    def month(self):
        """The constructed month: two store orders (1,000 and 500), a
        refund of 200, a rebate of 45, commissions of 80 and -10, a
        top-up of 3,000 and the monthly fee of 100."""
        first = self.make_tea_order(qty=10.0, store_id=self.store.id)
        self.make_tea_order(qty=5.0, store_id=self.store.id)
        first._mall_log_event("refunded", amount=200.0)
        self.commission(first, "rebate", 45.0)
        self.commission(first, "commission", 80.0)
        self.commission(first, "adjustment", -10.0)
        self.topup(3000.0)

    def statement(self):
        return self.env["mall.dealer.statement"].search([
            ("partner_id", "=", self.dealer.id),
            ("period_id", "=", self.period.id)])

    def test_amounts_match_the_hand_computed_month(self):
        self.month()
        self.period.action_generate()
        statement = self.statement()
        self.assertEqual(
            (statement.sales, statement.returns, statement.rebate,
             statement.commission, statement.deposit_in, statement.fees,
             statement.net),
            (1500.0, -200.0, 45.0, 70.0, 3000.0, -100.0, 15.0))
        self.assertEqual(len(statement.line_ids), 8)
        # A franchise store still onboarding gets no statement.
        self.assertFalse(self.env["mall.dealer.statement"].search([
            ("period_id", "=", self.period.id),
            ("partner_id.mall_franchise_state", "=", "applied")]))
        # Every amount is traceable to its record.
        sources = statement.line_ids.filtered(lambda l_: l_.kind == "sale")
        self.assertEqual(set(sources.mapped("res_model")), {"sale.order"})
        # Regenerating gives the same lines, never duplicates.
        self.period.action_generate()
        self.assertEqual(self.statement(), statement)
        self.assertEqual(len(statement.line_ids), 8)
        self.assertEqual(statement.net, 15.0)
        # The distributor settlement leaves the dealer's commissions.
        settlement = self.env["mall.commission.settlement"].create({})
        settlement.action_generate()
        self.assertNotIn(self.dealer, settlement.line_ids.mapped(
            "partner_id"))

    def test_dispute_approve_post_and_lock_date(self):
        self.month()
        self.period.action_generate()
        statement = self.statement()
        with self.assertRaises(UserError):
            statement.action_dispute("")
        statement.action_dispute("返点少算了")
        self.assertEqual(statement.state, "disputed")
        self.period.action_generate()  # corrected, regenerated
        statement.action_submit()
        with self.assertRaises(UserError):
            statement.action_post()  # not approved yet
        statement.action_approve()
        self.company.period_lock_date = self.period.date_to
        with self.assertRaises(UserError):
            statement.action_post()
        self.assertEqual(statement.state, "approved")
        self.company.period_lock_date = False
        statement.action_post()
        move = statement.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(sum(move.line_ids.mapped("debit")), 115.0)
        payable = self.dealer.property_account_payable_id
        self.assertEqual(move.line_ids.filtered(
            lambda l_: l_.account_id == payable).credit, 15.0)
        # The net is the dealer's vendor bill, dated the period's end.
        bill = statement.invoice_id
        self.assertEqual((bill.type, bill.state, bill.amount_total,
                          bill.date_invoice, bill.move_id),
                         ("in_invoice", "open", 15.0, self.period.date_to,
                          move))
        self.assertEqual(set(self.env["mall.commission"].search([
            ("partner_id", "=", self.dealer.id)]).mapped("state")),
            {"settled"})
        # A posted statement is not regenerated.
        self.period.action_generate()
        self.assertEqual(statement.net, 15.0)
        self.assertEqual(statement.state, "posted")

    def test_statement_report_and_xlsx(self):
        self.month()
        self.period.action_generate()
        statement = self.statement()
        html = self.env.ref("mall_dealer.action_report_statement")\
            .render_qweb_html(statement.ids)[0].decode()
        self.assertIn(self.dealer.name, html)
        self.assertIn("o_mall_report_net", html)
        self.assertEqual(statement._mall_xlsx()[:2], b"PK")

    def test_period_close_needs_a_clean_checklist(self):
        self.month()
        self.period.action_generate()
        with self.assertRaises(UserError):
            self.period.action_close()
        self.assertEqual(self.period.state, "open")
        self.assertIn("Statements not posted", self.period.checklist)

    def test_unreconciled_topup_holds_the_close(self):
        """A month of long ago: its only business is a top-up, which
        holds the close until a bank statement line matches it."""
        self.company.period_lock_date = False  # the demo's closed month
        period = self.env["mall.settlement.period"].create({
            "name": "2025-01", "company_id": self.company.id,
            "date_from": "2025-01-01", "date_to": "2025-01-31"})
        payment = self.topup(500.0)
        payment.payment_date = "2025-01-15"
        self.assertIn("Deposit top-ups not reconciled with the bank: 1",
                      period.checklist)
        with self.assertRaises(UserError):
            period.action_close()
        statement = self.env["account.bank.statement"].create({
            "journal_id": self.bank.id, "date": "2025-01-20",
            "line_ids": [(0, 0, {
                "name": "到账 top-up", "date": "2025-01-20",
                "amount": 500.0, "partner_id": self.dealer.id})]})
        liquidity = payment.move_line_ids.filtered(
            lambda l_: l_.account_id == self.bank.default_debit_account_id)
        statement.line_ids.process_reconciliation(payment_aml_rec=liquidity)
        self.assertEqual(payment.state, "reconciled")
        period.invalidate_cache()
        self.assertEqual(period.checklist, "Nothing open.")
        period.action_close()
        self.assertEqual((period.state, self.company.period_lock_date),
                         ("closed", "2025-01-31"))
        self.assertEqual(period.closed_by, self.env.user)
        # Generation into a closed month is refused.
        with self.assertRaises(UserError):
            period.action_generate()

    def quarter(self, shift=0):
        """The periods of the first and the last month of this quarter
        (``shift`` quarters later)."""
        today = fields.Date.from_string(fields.Date.context_today(
            self.env.user))
        first = today.replace(month=today.month - (today.month - 1) % 3,
                              day=1)
        months = first.year * 12 + first.month - 1 + 3 * shift
        first = first.replace(year=months // 12, month=months % 12 + 1)
        Period = self.env["mall.settlement.period"]
        return (Period._mall_month(fields.Date.to_string(first)),
                Period._mall_month(fields.Date.to_string(
                    first.replace(month=first.month + 2))))

    def dealer_statement(self, period):
        return period.statement_ids.filtered(
            lambda s_: s_.partner_id == self.dealer)

    def test_quarterly_dealer_gets_one_statement_per_quarter(self):
        self.month()
        self.dealer.mall_settlement_period = "quarterly"
        first, last = self.quarter()
        last.action_generate()
        statement = self.dealer_statement(last)
        self.assertEqual((statement.date_from, statement.date_to),
                         (first.date_from, last.date_to))
        # The whole quarter: the month's business and three monthly fees.
        self.assertEqual(
            (statement.sales, statement.returns, statement.rebate,
             statement.commission, statement.deposit_in, statement.fees,
             statement.net),
            (1500.0, -200.0, 45.0, 70.0, 3000.0, -300.0, -185.0))
        self.assertEqual(len(statement.line_ids), 10)
        # No statement in the first month of a quarter.
        first, _last = self.quarter(shift=1)
        first.action_generate()
        self.assertTrue(first.statement_ids)
        self.assertFalse(self.dealer_statement(first))

    def test_moving_to_quarterly_never_covers_a_month_twice(self):
        first, last = self.quarter(shift=1)
        first.action_generate()  # still monthly: the first month
        self.assertEqual(self.dealer_statement(first).fees, -100.0)
        self.dealer.mall_settlement_period = "quarterly"
        last.action_generate()
        quarterly = self.dealer_statement(last)
        second = fields.Date.from_string(first.date_to) + timedelta(days=1)
        self.assertEqual(quarterly.date_from, fields.Date.to_string(second))
        self.assertEqual(quarterly.fees, -200.0)  # two months, not three

    def posted(self):
        self.month()
        self.period.action_generate()
        statement = self.statement()
        statement.action_submit()
        statement.action_approve()
        statement.action_post()
        return statement

    def test_dealer_applies_and_finance_pays(self):
        statement = self.posted()
        self.assertEqual(statement.net, 15.0)
        statement.with_context(mall_portal_uid=self.env.uid)\
            .action_apply_payout()
        self.assertTrue(statement.payout_requested_date)
        with self.assertRaises(UserError):
            statement.action_apply_payout()  # once
        wizard = self.env["mall.dealer.statement.pay"].with_context(
            active_ids=statement.ids).create({"journal_id": self.bank.id})
        self.assertEqual(wizard.amount, 15.0)
        # Only finance pays: another staff user is refused.
        clerk = self.env["res.users"].create({
            "name": "Dealer Clerk", "login": "mall_dealer_clerk",
            "groups_id": [(6, 0, self.env.ref(
                "mall_base.group_mall_user").ids)]})
        with self.assertRaises(UserError):
            wizard.sudo(clerk).action_pay()
        self.assertEqual(statement.state, "posted")
        wizard.action_pay()
        self.assertEqual(statement.state, "paid")
        payment = statement.payment_id
        self.assertEqual((payment.state, payment.payment_type,
                          payment.amount), ("posted", "outbound", 15.0))
        payable = statement.move_id.line_ids.filtered(
            lambda l_: l_.account_id == self.dealer.property_account_payable_id)
        self.assertTrue(payable.reconciled)
        self.assertEqual(statement.invoice_id.state, "paid")
        # Paid once only.
        with self.assertRaises(UserError):
            statement._mall_pay(self.bank)

    def test_no_application_when_the_dealer_owes(self):
        self.dealer.mall_monthly_fee = 1000.0
        statement = self.posted()
        self.assertEqual(statement.net, -885.0)
        with self.assertRaises(UserError):
            statement.action_apply_payout()
        # The dealer pays the company: an inbound payment settles the
        # receivable.
        statement._mall_pay(self.bank)
        self.assertEqual((statement.state, statement.payment_id.payment_type),
                         ("paid", "inbound"))
        receivable = statement.move_id.line_ids.filtered(
            lambda l_: l_.account_id
            == self.dealer.property_account_receivable_id)
        self.assertTrue(receivable.reconciled)
        self.assertEqual((statement.invoice_id.type,
                          statement.invoice_id.amount_total,
                          statement.invoice_id.state),
                         ("out_invoice", 885.0, "paid"))

    def test_statement_pdf_is_a_real_pdf(self):
        """wkhtmltopdf itself, not the HTML fallback Odoo's test mode
        takes unless a report directory is set."""
        self.month()
        self.period.action_generate()
        report = self.env.ref("mall_dealer.action_report_statement")
        # wkhtmltopdf would fetch the style sheets from this server, whose
        # requests cannot see the test's uncommitted asset bundles and may
        # wait on its locks: point it at a closed port instead (it then
        # prints without them, exit code 1, which Odoo accepts).
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9")
        with tempfile.TemporaryDirectory() as directory, patch.dict(
                config.options, {"test_report_directory": directory}):
            pdf, kind = report.render_qweb_pdf(self.statement().ids)
        self.assertEqual(kind, "pdf")
        self.assertEqual(pdf[:5], b"%PDF-")
        self.assertGreater(len(pdf), 1000)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Monthly dealer statements: generated from the records for all dealers
at once, amounts to the cent, regeneration, dispute and approval,
posting (never into a locked period) and the period close."""
from odoo import fields
from odoo.exceptions import UserError

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
        # A company whose month has nothing open closes, and its lock
        # date moves to the month's end.
        other = self.env["res.company"].create({"name": "Closing Co"})
        period = self.env["mall.settlement.period"].create({
            "name": "2026-10", "company_id": other.id,
            "date_from": "2026-10-01", "date_to": "2026-10-31"})
        period.action_close()
        self.assertEqual((period.state, other.period_lock_date),
                         ("closed", "2026-10-31"))

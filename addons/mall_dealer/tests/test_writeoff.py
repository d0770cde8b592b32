# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad-debt write-off of overdue dealer receivables (with a manager's
approval) and the receivable aging."""
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from .test_deposit import DepositCase


class TestWriteoff(DepositCase):

    def overdue_invoice(self, amount, days):
        account = self.env["ir.property"].get(
            "property_account_income_categ_id", "product.category")
        invoice = self.env["account.invoice"].create({
            "type": "out_invoice", "partner_id": self.dealer.id,
            "date_invoice": self.day(-days - 30),
            "date_due": self.day(-days),
            "invoice_line_ids": [(0, 0, {
                "name": "Goods", "account_id": account.id, "quantity": 1.0,
                "price_unit": amount})]})
        invoice.action_invoice_open()
        return invoice

    @staticmethod
    def day(offset):
        return (date.today() + timedelta(days=offset)).isoformat()

    def test_writeoff_needs_approval_and_reconciles(self):
        invoice = self.overdue_invoice(1234.56, 95)
        Writeoff = self.env["mall.dealer.writeoff"]
        writeoff = Writeoff.create({"invoice_id": invoice.id,
                                    "reason": "经销商已注销"})
        self.assertEqual(writeoff.amount, 1234.56)
        with self.assertRaises(UserError):
            writeoff.action_post()  # not approved
        with self.assertRaises(AccessError):
            writeoff.sudo(self.fin).action_approve()
        writeoff.sudo(self.manager).action_approve()
        self.company.period_lock_date = self.day(0)
        with self.assertRaises(UserError):
            writeoff.action_post()
        self.company.period_lock_date = False
        writeoff.action_post()
        self.assertEqual((writeoff.state, invoice.state),
                         ("posted", "paid"))
        _journal, expense = self.company._mall_bad_debt_accounts()
        self.assertEqual(writeoff.move_id.line_ids.filtered(
            lambda line: line.account_id == expense).debit, 1234.56)

    def test_only_overdue_dealer_invoices(self):
        invoice = self.overdue_invoice(100.0, -5)  # due in 5 days
        with self.assertRaises((UserError, ValidationError)):
            self.env["mall.dealer.writeoff"].create(
                {"invoice_id": invoice.id, "reason": "too early"})

    def test_aging_buckets(self):
        self.overdue_invoice(100.0, 10)
        self.overdue_invoice(200.0, 45)
        self.overdue_invoice(300.0, 120)
        self.overdue_invoice(50.0, -3)
        rows = self.env["mall.dealer.aging"].read_group(
            [("partner_id", "=", self.dealer.id)], ["bucket", "residual"],
            ["bucket"])
        self.assertEqual({row["bucket"]: row["residual"] for row in rows},
                         {"1_30": 100.0, "31_60": 200.0, "over_90": 300.0,
                          "current": 50.0})

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dealers' pre-deposit through the real order and accounting flow:
top-ups, freezing on confirmation, the credit check, release on
cancellation, deduction on invoicing; franchise onboarding."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.mall_order.tests.common import MallOrderCase


class DepositCase(MallOrderCase):
    """A dealer whose orders draw on the deposit, and the bank."""

    @classmethod
    def setUpClass(cls):
        super(DepositCase, cls).setUpClass()
        cls.company.write({"mall_deposit_bonus_threshold": 0.0,
                           "mall_deposit_bonus_percent": 0.0})
        cls.dealer = cls.env["res.partner"].create({
            "name": "测试经销商", "is_company": True, "customer": True,
            "mall_dealer_type": "dealer", "mall_deposit_required": True})
        cls.bank = cls.env["account.journal"].search([
            ("type", "=", "bank"), ("company_id", "=", cls.company.id)],
            limit=1)

    def topup(self, amount, dealer=None):
        payment = self.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": (dealer or self.dealer).id, "amount": amount,
            "journal_id": self.bank.id, "mall_deposit_topup": True,
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in").id})
        payment.post()
        return payment

    def dealer_order(self, amount):
        return self.make_tea_order(partner=self.dealer, qty=amount / 100.0,
                                   confirm=False)

    def balances(self):
        return self.dealer._mall_deposit_balances().get(
            self.dealer.id, (0.0, 0.0))


class TestDeposit(DepositCase):

    def test_freeze_credit_release_and_deduct(self):
        payment = self.topup(10000.0)
        _journal, deposit_account = self.company._mall_deposit_accounts()
        self.assertEqual(payment.move_line_ids.filtered(
            lambda line: line.credit).account_id, deposit_account)
        first = self.dealer_order(8000.0)
        first.action_confirm()
        self.assertEqual(self.balances(), (2000.0, 8000.0))
        self.assertEqual(first.mall_deposit_frozen, 8000.0)
        second = self.dealer_order(5000.0)
        with self.assertRaisesRegex(UserError, "credit left is 0.00"):
            second.action_confirm()
        self.assertEqual(second.state, "draft")
        self.assertEqual(self.balances(), (2000.0, 8000.0))
        self.dealer.mall_credit_limit = 3000.0
        second.action_confirm()
        self.assertEqual((second.mall_deposit_frozen,
                          second.mall_credit_used), (2000.0, 3000.0))
        self.assertEqual(self.balances(), (0.0, 10000.0))
        self.dealer.invalidate_cache()
        self.assertEqual(self.dealer.mall_credit_used, 3000.0)
        # A third order finds neither deposit nor credit.
        with self.assertRaises(UserError):
            self.dealer_order(1.0).action_confirm()
        # Cancelling releases what it froze and its credit.
        second.action_cancel()
        self.assertEqual(self.balances(), (2000.0, 8000.0))
        self.dealer.invalidate_cache()
        self.assertEqual(self.dealer.mall_credit_used, 0.0)
        # Invoicing deducts: the deposit pays the invoice.
        invoice = self.flow.invoice(first)
        self.assertEqual(invoice.state, "paid")
        self.assertEqual(self.balances(), (2000.0, 0.0))
        self.assertEqual(first.mall_deposit_frozen, 0.0)
        kinds = self.env["mall.dealer.deposit.move"].search(
            [("partner_id", "=", self.dealer.id)]).mapped("kind")
        self.assertEqual(sorted(kinds), sorted(
            ["topup", "freeze", "freeze", "release", "deduct"]))

    def test_topup_bonus(self):
        self.company.write({"mall_deposit_bonus_threshold": 10000.0,
                            "mall_deposit_bonus_percent": 2.0})
        self.topup(9999.0)
        self.topup(10000.0)
        self.assertEqual(self.balances(), (9999.0 + 10000.0 + 200.0, 0.0))
        # The bonus is in the books: expense against the deposit.
        _journal, expense = self.company._mall_bonus_accounts()
        line = self.env["account.move.line"].search([
            ("account_id", "=", expense.id),
            ("partner_id", "=", self.dealer.id)])
        self.assertEqual((line.debit, line.move_id.state), (200.0, "posted"))

    def test_credit_note_refunds_the_deposit(self):
        self.topup(10000.0)
        order = self.dealer_order(8000.0)
        order.action_confirm()
        invoice = self.flow.invoice(order)
        self.assertEqual(self.balances(), (2000.0, 0.0))
        credit_note = invoice.refund(description="退货")
        credit_note.invoice_line_ids.write({"quantity": 30.0})
        credit_note.compute_taxes()
        credit_note.action_invoice_open()
        # 3,000 back to the deposit, paid on the credit note.
        self.assertEqual(credit_note.state, "paid")
        self.assertEqual(self.balances(), (5000.0, 0.0))

    def test_non_dealers_are_not_held(self):
        order = self.make_tea_order(qty=5.0)
        self.assertEqual((order.state, order.mall_deposit_frozen),
                         ("sale", 0.0))
        with self.assertRaises(UserError):
            self.topup(100.0, dealer=self.customer_sh)

    def test_ledger_is_append_only(self):
        self.topup(100.0)
        line = self.env["mall.dealer.deposit.move"].search(
            [("partner_id", "=", self.dealer.id)])
        with self.assertRaises(AccessError):
            line.write({"available": 1e6})
        with self.assertRaises(AccessError):
            line.sudo().unlink()

    def test_franchise_onboarding_invoices_on_contract(self):
        store = self.env["res.partner"].create({
            "name": "加盟申请", "is_company": True,
            "mall_dealer_type": "franchise_store",
            "mall_franchise_state": "applied",
            "mall_franchise_security_deposit": 20000.0,
            "mall_franchise_fee": 50000.0})
        with self.assertRaises(UserError):
            store.action_mall_franchise_contract()  # not visited yet
        store.action_mall_franchise_review()
        store.action_mall_franchise_visit()
        store.action_mall_franchise_contract()
        invoice = store.mall_franchise_invoice_id
        self.assertEqual((invoice.state, invoice.amount_total),
                         ("open", 70000.0))
        _journal, deposit_account = self.company._mall_deposit_accounts()
        self.assertEqual(invoice.invoice_line_ids.filtered(
            lambda line: line.price_unit == 20000.0).account_id,
            deposit_account)
        store.action_mall_franchise_activate()
        self.assertEqual(store.mall_franchise_state, "active")

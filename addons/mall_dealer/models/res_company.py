# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_deposit_account_id = fields.Many2one(
        "account.account", string="Dealer Deposit Account",
        help="The liability that holds the dealers' pre-deposits (预存款). "
        "Empty: created on first use (220301).")
    mall_deposit_journal_id = fields.Many2one(
        "account.journal", string="Deposit Journal",
        help="The payment journal that pays dealer invoices from their "
        "deposit (its account is the deposit account). Empty: created on "
        "first use (DEP).")
    mall_bad_debt_account_id = fields.Many2one(
        "account.account", string="Bad-debt Expense Account",
        help="Written-off dealer receivables are charged to it. Empty: "
        "created on first use (670201).")
    mall_deposit_bonus_account_id = fields.Many2one(
        "account.account", string="Top-up Bonus Expense Account",
        help="Empty: created on first use (660111).")
    mall_deposit_bonus_threshold = fields.Monetary(
        string="Top-up Bonus From", currency_field="currency_id",
        help="A top-up of at least this amount earns the bonus below; "
        "0 = no bonus.")
    mall_deposit_bonus_percent = fields.Float(
        string="Top-up Bonus (%)",
        help="Credited to the deposit on top of a qualifying top-up.")

    _sql_constraints = [
        ("mall_deposit_bonus_valid",
         "CHECK(mall_deposit_bonus_threshold >= 0 "
         "AND mall_deposit_bonus_percent >= 0)",
         "The top-up bonus cannot be negative."),
    ]

    @api.multi
    def _mall_deposit_accounts(self):
        """(journal, deposit account), created on first use."""
        self.ensure_one()
        account = self._mall_account(
            "mall_deposit_account_id", "220301", _("Dealer pre-deposits"),
            "account.data_account_type_current_liabilities", reconcile=True)
        journal = self._mall_payment_journal(
            "mall_deposit_journal_id", "DEP", _("Dealer Deposits"), account)
        return journal, account

    @api.multi
    def _mall_deposit_payment(self, payment_type, partner, invoice, amount,
                              memo):
        """A posted payment of the deposit journal on ``invoice``: the
        deposit pays an invoice (inbound) or takes a refund back
        (outbound)."""
        self.ensure_one()
        journal, _account = self._mall_deposit_accounts()
        payment = self.env["account.payment"].sudo().create({
            "payment_type": payment_type, "partner_type": "customer",
            "partner_id": partner.id, "amount": amount,
            "journal_id": journal.id,
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in"
                if payment_type == "inbound"
                else "account.account_payment_method_manual_out").id,
            "payment_date": fields.Date.context_today(self),
            "communication": memo, "invoice_ids": [(4, invoice.id)]})
        payment.post()
        return payment

    @api.multi
    def _mall_misc_journal(self):
        self.ensure_one()
        return self.env["account.journal"].sudo().search([
            ("type", "=", "general"), ("company_id", "=", self.id)],
            limit=1)

    @api.multi
    def _mall_bad_debt_accounts(self):
        """(journal, bad-debt expense account), created on first use."""
        return self._mall_misc_journal(), self._mall_account(
            "mall_bad_debt_account_id", "670201", _("Bad debts"),
            "account.data_account_type_expenses")

    @api.multi
    def _mall_bonus_accounts(self):
        """(journal, top-up bonus expense account)."""
        return self._mall_misc_journal(), self._mall_account(
            "mall_deposit_bonus_account_id", "660111",
            _("Dealer top-up bonuses"), "account.data_account_type_expenses")

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AccountPayment(models.Model):
    _inherit = "account.payment"

    mall_deposit_topup = fields.Boolean(
        string="Dealer Deposit Top-up", readonly=True, copy=False,
        help="The money goes to the dealer's pre-deposit (the deposit "
        "account), not against their invoices.")

    @api.one
    @api.depends("invoice_ids", "payment_type", "partner_type",
                 "partner_id", "mall_deposit_topup")
    def _compute_destination_account_id(self):
        if self.mall_deposit_topup:
            _journal, account = self.company_id._mall_deposit_accounts()
            self.destination_account_id = account
            return
        super(AccountPayment, self)._compute_destination_account_id()

    @api.multi
    def post(self):
        result = super(AccountPayment, self).post()
        Move = self.env["mall.dealer.deposit.move"]
        for payment in self.filtered("mall_deposit_topup"):
            dealer = payment.partner_id.commercial_partner_id
            if not dealer.mall_dealer_type:
                raise UserError(_("%s is not a dealer.") % dealer.name)
            dealer._mall_lock_deposit()
            Move._mall_add(dealer, "topup", available=payment.amount,
                           payment_id=payment.id,
                           reason=_("Top-up %s") % payment.name)
            company = payment.company_id
            threshold = company.mall_deposit_bonus_threshold
            if threshold and payment.amount >= threshold and \
                    company.mall_deposit_bonus_percent:
                bonus = company.currency_id.round(
                    payment.amount * company.mall_deposit_bonus_percent
                    / 100.0)
                Move._mall_add(dealer, "bonus", available=bonus,
                               payment_id=payment.id,
                               reason=_("Bonus on %s") % payment.name)
                payment._mall_post_bonus(dealer, bonus)
        return result

    @api.multi
    def _mall_post_bonus(self, dealer, bonus):
        """The bonus is money the company gives: bonus expense debited,
        the deposit liability credited."""
        self.ensure_one()
        company = self.company_id
        _journal, deposit = company._mall_deposit_accounts()
        journal, expense = company._mall_bonus_accounts()
        label = _("Top-up bonus %s") % self.name
        move = self.env["account.move"].sudo().create({
            "journal_id": journal.id, "date": self.payment_date,
            "ref": label, "line_ids": [
                (0, 0, {"name": label, "account_id": expense.id,
                        "partner_id": dealer.id, "debit": bonus,
                        "credit": 0.0}),
                (0, 0, {"name": label, "account_id": deposit.id,
                        "partner_id": dealer.id, "debit": 0.0,
                        "credit": bonus})]})
        move.post()
        return move

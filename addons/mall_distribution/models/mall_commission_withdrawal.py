# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

OPEN_STATES = ("requested", "approved", "paid")


class MallCommissionWithdrawal(models.Model):
    """A member asks to be paid their settled commissions (提现); finance
    approves, which creates the vendor bill of the payout."""

    _name = "mall.commission.withdrawal"
    _description = "Commission Withdrawal"
    _order = "create_date desc, id desc"

    name = fields.Char(required=True, readonly=True, copy=False,
                       default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, readonly=True,
        index=True, ondelete="restrict")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True,
        default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"),
         ("paid", "Paid"), ("refused", "Refused")], default="requested",
        required=True, readonly=True, index=True)
    payout_method = fields.Selection(
        [("bank", "Bank Transfer"), ("wallet", "Wallet Credit")],
        string="Payout", default="bank", required=True, readonly=True,
        help="Bank transfer: approving creates a vendor bill that finance "
        "pays.  Wallet credit: approving credits the member's customer "
        "account at once; the credit pays their next orders.")
    invoice_id = fields.Many2one(
        "account.invoice", string="Vendor Bill", readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", string="Wallet Entry", readonly=True, copy=False)
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Text(readonly=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)",
         "A withdrawal is a positive amount."),
    ]

    @api.model
    def _mall_request(self, partner, amount, payout_method="bank"):
        """Ask for ``amount`` of the partner's available balance.  Two
        requests at once never overdraw: the partner's row is written
        first, so a concurrent request waits, gets a serialization failure
        and is retried on a snapshot that has this one."""
        partner = partner.commercial_partner_id
        company = self.env.user.company_id
        if amount < company.mall_withdrawal_minimum:
            raise UserError(_(
                "The minimum withdrawal is %(minimum).2f.") % {
                    "minimum": company.mall_withdrawal_minimum})
        self.env.cr.execute(
            "UPDATE res_partner SET mall_bound_date = mall_bound_date "
            "WHERE id = %s", (partner.id,))
        available = partner._mall_commission_balance()
        if amount > available + 0.005:
            raise UserError(_(
                "%(partner)s can withdraw at most %(available).2f.") % {
                    "partner": partner.name, "available": available})
        withdrawal = self.sudo().create({
            "partner_id": partner.id, "amount": amount,
            "company_id": company.id, "payout_method": payout_method,
            "name": self.env["ir.sequence"].sudo().next_by_code(
                "mall.commission.withdrawal") or "/"})
        return withdrawal

    @api.multi
    def action_approve(self):
        """Finance approves: a bank payout becomes a vendor bill on the
        commission payable account, to pay like any bill; a wallet payout
        moves the amount from the commission payable to the member's
        customer account (a credit that pays their next invoices) and is
        paid at once."""
        for withdrawal in self.filtered(lambda w: w.state == "requested"):
            if withdrawal.payout_method == "wallet":
                withdrawal._mall_credit_wallet()
                continue
            journal, _expense, payable = \
                withdrawal.company_id._mall_commission_accounts()
            purchase = self.env["account.journal"].search([
                ("type", "=", "purchase"),
                ("company_id", "=", withdrawal.company_id.id)], limit=1)
            invoice = self.env["account.invoice"].create({
                "type": "in_invoice", "partner_id": withdrawal.partner_id.id,
                "account_id": withdrawal.partner_id.with_context(
                    force_company=withdrawal.company_id.id)
                .property_account_payable_id.id,
                "journal_id": purchase.id or journal.id,
                "reference": withdrawal.name,
                "invoice_line_ids": [(0, 0, {
                    "name": _("Commission withdrawal %s") % withdrawal.name,
                    "account_id": payable.id, "quantity": 1.0,
                    "price_unit": withdrawal.amount})]})
            invoice.action_invoice_open()
            withdrawal.write({"state": "approved", "invoice_id": invoice.id,
                              "approved_by": self.env.uid})
        return True

    @api.multi
    def _mall_credit_wallet(self):
        """Debit the commission payable, credit the member's receivable:
        one posted entry (lock dates apply)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        self.company_id._mall_check_lock_date(
            today, _("Withdrawal %s") % self.name)
        journal, _expense, payable = \
            self.company_id._mall_commission_accounts()
        receivable = self.partner_id.with_context(
            force_company=self.company_id.id).property_account_receivable_id
        label = _("Commission withdrawal %s to the wallet") % self.name
        move = self.env["account.move"].sudo().create({
            "journal_id": journal.id, "ref": self.name, "date": today,
            "company_id": self.company_id.id,
            "line_ids": [
                (0, 0, {"name": label, "account_id": payable.id,
                        "partner_id": self.partner_id.id,
                        "debit": self.amount, "credit": 0.0}),
                (0, 0, {"name": label, "account_id": receivable.id,
                        "partner_id": self.partner_id.id,
                        "debit": 0.0, "credit": self.amount})]})
        move.post()
        self.write({"state": "approved", "move_id": move.id,
                    "approved_by": self.env.uid})
        return self._mall_mark_paid()

    @api.multi
    def action_refuse(self):
        self.filtered(lambda w: w.state == "requested").write(
            {"state": "refused"})
        return True

    @api.multi
    def _mall_mark_paid(self):
        """The withdrawals are paid: the member's settled commissions
        covered by all their paid withdrawals, oldest first, become
        paid."""
        self.filtered(lambda w: w.state == "approved").write(
            {"state": "paid"})
        Commission = self.env["mall.commission"].sudo()
        for partner in self.mapped("partner_id"):
            paid = sum(self.search([("partner_id", "=", partner.id),
                                    ("state", "=", "paid")]).mapped("amount"))
            covered = sum(Commission.search([
                ("partner_id", "=", partner.id),
                ("state", "=", "paid")]).mapped("amount"))
            for line in Commission.search([
                    ("partner_id", "=", partner.id),
                    ("state", "=", "settled")], order="date, id"):
                if covered + line.amount > paid + 0.005:
                    break
                covered += line.amount
                line.state = "paid"
        return True

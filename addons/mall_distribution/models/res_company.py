# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_commission_rate_1 = fields.Float(
        string="Level 1 Rate (%)", default=5.0)
    mall_commission_rate_2 = fields.Float(
        string="Level 2 Rate (%)", default=10.0)
    mall_commission_rate_3 = fields.Float(
        string="Level 3 Rate (%)", default=15.0)
    mall_commission_levels = fields.Integer(
        string="Paid Levels", default=3,
        help="How many levels above the buyer earn commission (1 to 3).")
    mall_commission_compliance = fields.Boolean(
        string="Compliance Mode",
        help="Caps the paid levels at 2 and pays only on real product "
        "sales (禁止传销条例): no commission on recruiting itself.")
    mall_hq_rebate_rate = fields.Float(
        string="HQ Sales Rebate (%)", default=3.0,
        help="What a store earns on every order of its tree, at any depth.")
    mall_commission_self_purchase = fields.Boolean(
        string="Self-purchase Commission",
        help="A member who may recruit earns the level 1 commission on "
        "their own orders (their uplines move one level up).")
    mall_recruit_threshold = fields.Monetary(
        string="Spending Needed to Recruit", default=1000.0,
        currency_field="currency_id",
        help="Completed spending (delivered, not refunded) a member needs "
        "before they can recruit; stores always can.")

    mall_binding_validity_days = fields.Integer(
        string="Binding Validity (days)", default=0,
        help="How long a member stays bound to their upline; 0: for "
        "ever.  When it lapses, the upline no longer earns on the "
        "member's orders and the next invite link the member opens binds "
        "them anew.")
    mall_binding_rebind = fields.Boolean(
        string="Invite Links Can Re-bind",
        help="Off (default): a binding is permanent while it is valid.  On: "
        "once the protection period is over, a member who opens another "
        "upline's invite link moves to that upline (the move is logged).")
    mall_binding_protection_days = fields.Integer(
        string="Protection Period (days)", default=15,
        help="With re-binding on: how long after binding no other upline "
        "can take the member.")
    mall_withdrawal_minimum = fields.Monetary(
        string="Minimum Withdrawal", default=100.0,
        currency_field="currency_id")
    mall_commission_journal_id = fields.Many2one(
        "account.journal", string="Settlement Journal",
        help="Empty: the company's first miscellaneous journal.")
    mall_commission_expense_account_id = fields.Many2one(
        "account.account", string="Commission Expense Account",
        help="Empty: created on the first settlement.")
    mall_commission_payable_account_id = fields.Many2one(
        "account.account", string="Commission Payable Account",
        help="Empty: created on the first settlement (a reconcilable "
        "current liability, per beneficiary; not the vendors' payable "
        "account).")

    _sql_constraints = [
        ("mall_commission_rates_valid",
         "CHECK(mall_commission_rate_1 >= 0 AND mall_commission_rate_2 >= 0 "
         "AND mall_commission_rate_3 >= 0 AND mall_hq_rebate_rate >= 0 "
         "AND mall_recruit_threshold >= 0)",
         "Commission rates and the recruiting threshold cannot be "
         "negative."),
        ("mall_binding_days_valid",
         "CHECK(mall_binding_validity_days >= 0 "
         "AND mall_binding_protection_days >= 0)",
         "Binding validity and protection are zero or more days."),
    ]

    @api.constrains("mall_commission_levels")
    def _check_mall_commission_levels(self):
        for company in self:
            if not 1 <= company.mall_commission_levels <= 3:
                raise ValidationError(_("Paid levels go from 1 to 3."))

    @api.multi
    def _mall_commission_rates(self):
        self.ensure_one()
        return {1: self.mall_commission_rate_1,
                2: self.mall_commission_rate_2,
                3: self.mall_commission_rate_3}

    @api.multi
    def _mall_paid_levels(self):
        self.ensure_one()
        levels = self.mall_commission_levels or 3
        return min(levels, 2) if self.mall_commission_compliance else levels

    @api.multi
    def _mall_commission_accounts(self):
        """(journal, expense account, payable account) of the settlements,
        created on first use when not configured."""
        self.ensure_one()
        company = self.sudo()
        journal = company.mall_commission_journal_id or self.env[
            "account.journal"].sudo().search([
                ("type", "=", "general"), ("company_id", "=", company.id)],
                limit=1)
        if not journal:
            raise ValidationError(_(
                "%s has no miscellaneous journal for the settlements.")
                % company.name)
        expense = company._mall_account(
            "mall_commission_expense_account_id", "660109",
            _("Distribution commissions"),
            "account.data_account_type_expenses")
        # A liability of its own, not the vendors' payable: the payout
        # bill debits it and pays through the payable.
        payable = company._mall_account(
            "mall_commission_payable_account_id", "224109",
            _("Distribution commissions payable"),
            "account.data_account_type_current_liabilities", reconcile=True)
        return journal, expense, payable

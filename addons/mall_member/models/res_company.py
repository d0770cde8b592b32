# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_point_value = fields.Float(
        string="Point Value", default=1.0, digits=(16, 4),
        help="What one point is worth in the company currency: one point "
        "is earned per this amount of cash paid, and pays this amount.")
    mall_points_release_days = fields.Integer(
        string="Release Period (days)", default=180,
        help="Earned points are released day by day over this period, "
        "from the day after delivery; 0 releases them at once.")
    mall_points_cap_percent = fields.Float(
        string="Points Payment Cap (%)", default=50.0,
        help="At most this share of an order's total may be paid with "
        "points.")
    mall_points_expiry_years = fields.Integer(
        string="Points Expire After (years)", default=2,
        help="Released points expire at the end of this calendar year "
        "after their release (2: released in 2026, expire on 31 December "
        "2028); 0 = never.")
    mall_points_review = fields.Boolean(
        string="Points for Reviews", default=True,
        help="An approved review of an item of at least 20 earns points "
        "(and always 20 growth).")
    mall_points_review_points = fields.Integer(
        string="Points per Review", default=10)
    mall_points_sign_in = fields.Boolean(
        string="Points for the Daily Sign-in",
        help="A member who signs in on the portal once a day earns points.")
    mall_points_sign_in_points = fields.Integer(
        string="Points per Sign-in", default=1)
    mall_level_review_mode = fields.Selection(
        [("none", "No yearly review"),
         ("deduct", "Deduct growth per level (JD style)"),
         ("keep", "Yearly spending needed to keep the level")],
        string="Yearly Level Review", default="none", required=True)
    mall_points_journal_id = fields.Many2one(
        "account.journal", string="Points Journal",
        help="The payment journal of points (its account is the points "
        "liability). Empty: created on first use.")
    mall_points_liability_account_id = fields.Many2one(
        "account.account", string="Points Liability Account",
        help="Deferred revenue: points earned and not yet spent or "
        "expired. Empty: created on first use (224110).")
    mall_points_expense_account_id = fields.Many2one(
        "account.account", string="Points Expense Account",
        help="Cost of the points given. Empty: created on first use "
        "(660110).")
    mall_points_posted_move_id = fields.Integer(
        string="Points Posted up to Ledger Line", readonly=True,
        help="The last ledger line included in a posted points entry.")

    _sql_constraints = [
        ("mall_points_settings_valid",
         "CHECK(mall_point_value > 0 AND mall_points_release_days >= 0 "
         "AND mall_points_cap_percent >= 0 AND mall_points_cap_percent <= 100 "
         "AND mall_points_expiry_years >= 0 "
         "AND mall_points_review_points >= 0 "
         "AND mall_points_sign_in_points >= 0)",
         "Point value is positive, the cap between 0 and 100 %, the other "
         "settings zero or more."),
    ]

    @api.multi
    def _mall_points_accounts(self):
        """(journal, liability account, expense account) of the points,
        created on first use when not configured."""
        self.ensure_one()
        liability = self._mall_account(
            "mall_points_liability_account_id", "224110",
            _("Member points liability"),
            "account.data_account_type_current_liabilities")
        expense = self._mall_account(
            "mall_points_expense_account_id", "660110",
            _("Member points expense"), "account.data_account_type_expenses")
        journal = self._mall_payment_journal(
            "mall_points_journal_id", "PTS", _("Member Points"), liability)
        return journal, liability, expense

    @api.constrains("mall_points_journal_id")
    def _check_mall_points_journal(self):
        for company in self.filtered("mall_points_journal_id"):
            if company.mall_points_journal_id.type not in ("bank", "cash"):
                raise ValidationError(_(
                    "The points journal is a payment journal (bank or "
                    "cash type)."))

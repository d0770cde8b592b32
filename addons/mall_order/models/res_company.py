# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_unpaid_cancel_minutes = fields.Integer(
        string="Cancel Unpaid Own-Shop Orders After (minutes)", default=30,
        help="Confirmed own web shop orders still unpaid after this delay "
        "are cancelled and their reservations released. 0 = never.")
    mall_edit_window_minutes = fields.Integer(
        string="Customer Edit Window (minutes)", default=60,
        help="How long after placing an unpaid order the customer may "
        "still change it.")
    mall_edit_max_count = fields.Integer(
        string="Customer Edits per Order", default=3,
        help="How many times a customer may change an unpaid order.")
    mall_auto_receipt_days = fields.Integer(
        string="Automatic Receipt After (days)", default=15,
        help="Days after the last shipment after which an order the "
        "customer has not confirmed counts as received. 0 = never.")
    mall_return_days = fields.Integer(
        string="Return Window (days)", default=7,
        help="Days after receipt during which the customer may request a "
        "return, exchange or refund (七日无理由退货). Product categories "
        "may set their own window.")

    _sql_constraints = [
        ("mall_order_settings_positive",
         "CHECK(mall_unpaid_cancel_minutes >= 0 AND mall_edit_window_minutes "
         ">= 0 AND mall_edit_max_count >= 0 AND mall_auto_receipt_days >= 0 "
         "AND mall_return_days >= 0)",
         "The order delays and limits cannot be negative."),
    ]

    @api.model
    def _mall_order_settings_fields(self):
        return ["mall_unpaid_cancel_minutes", "mall_edit_window_minutes",
                "mall_edit_max_count", "mall_auto_receipt_days",
                "mall_return_days"]

    @api.multi
    def _mall_check_lock_date(self, date, what):
        """Refuse an entry of the suite dated inside a locked period (the
        period lock date counts for everybody here, advisers included:
        settlements and points entries are not adviser corrections)."""
        self.ensure_one()
        lock = max(self.period_lock_date or "",
                   self.fiscalyear_lock_date or "")
        if lock and date <= lock:
            raise UserError(_(
                "%(what)s is dated %(date)s, inside the period locked up "
                "to %(lock)s: date it later.") % {
                    "what": what, "date": date, "lock": lock})

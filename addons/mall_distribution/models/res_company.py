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

    _sql_constraints = [
        ("mall_commission_rates_valid",
         "CHECK(mall_commission_rate_1 >= 0 AND mall_commission_rate_2 >= 0 "
         "AND mall_commission_rate_3 >= 0 AND mall_hq_rebate_rate >= 0 "
         "AND mall_recruit_threshold >= 0)",
         "Commission rates and the recruiting threshold cannot be "
         "negative."),
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

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_deposit_account_id = fields.Many2one(
        related="company_id.mall_deposit_account_id")
    mall_deposit_journal_id = fields.Many2one(
        related="company_id.mall_deposit_journal_id")
    mall_deposit_bonus_threshold = fields.Monetary(
        related="company_id.mall_deposit_bonus_threshold")
    mall_deposit_bonus_percent = fields.Float(
        related="company_id.mall_deposit_bonus_percent")
    mall_bad_debt_account_id = fields.Many2one(
        related="company_id.mall_bad_debt_account_id")

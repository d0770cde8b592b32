# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_commission_rate_1 = fields.Float(
        related="company_id.mall_commission_rate_1")
    mall_commission_rate_2 = fields.Float(
        related="company_id.mall_commission_rate_2")
    mall_commission_rate_3 = fields.Float(
        related="company_id.mall_commission_rate_3")
    mall_commission_levels = fields.Integer(
        related="company_id.mall_commission_levels")
    mall_commission_compliance = fields.Boolean(
        related="company_id.mall_commission_compliance")
    mall_hq_rebate_rate = fields.Float(
        related="company_id.mall_hq_rebate_rate")
    mall_commission_self_purchase = fields.Boolean(
        related="company_id.mall_commission_self_purchase")
    mall_recruit_threshold = fields.Monetary(
        related="company_id.mall_recruit_threshold")
    mall_binding_validity_days = fields.Integer(
        related="company_id.mall_binding_validity_days")
    mall_binding_rebind = fields.Boolean(
        related="company_id.mall_binding_rebind")
    mall_binding_protection_days = fields.Integer(
        related="company_id.mall_binding_protection_days")
    mall_withdrawal_minimum = fields.Monetary(
        related="company_id.mall_withdrawal_minimum")
    mall_commission_journal_id = fields.Many2one(
        related="company_id.mall_commission_journal_id")
    mall_commission_expense_account_id = fields.Many2one(
        related="company_id.mall_commission_expense_account_id")
    mall_commission_payable_account_id = fields.Many2one(
        related="company_id.mall_commission_payable_account_id")

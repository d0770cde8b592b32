# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_point_value = fields.Float(related="company_id.mall_point_value")
    mall_points_release_days = fields.Integer(
        related="company_id.mall_points_release_days")
    mall_points_cap_percent = fields.Float(
        related="company_id.mall_points_cap_percent")
    mall_points_expiry_years = fields.Integer(
        related="company_id.mall_points_expiry_years")
    mall_points_review = fields.Boolean(
        related="company_id.mall_points_review")
    mall_points_review_points = fields.Integer(
        related="company_id.mall_points_review_points")
    mall_points_sign_in = fields.Boolean(
        related="company_id.mall_points_sign_in")
    mall_points_sign_in_points = fields.Integer(
        related="company_id.mall_points_sign_in_points")
    mall_level_review_mode = fields.Selection(
        related="company_id.mall_level_review_mode")
    mall_points_journal_id = fields.Many2one(
        related="company_id.mall_points_journal_id")
    mall_points_liability_account_id = fields.Many2one(
        related="company_id.mall_points_liability_account_id")
    mall_points_expense_account_id = fields.Many2one(
        related="company_id.mall_points_expense_account_id")

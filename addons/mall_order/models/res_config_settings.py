# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_unpaid_cancel_minutes = fields.Integer(
        related="company_id.mall_unpaid_cancel_minutes")
    mall_edit_window_minutes = fields.Integer(
        related="company_id.mall_edit_window_minutes")
    mall_edit_max_count = fields.Integer(
        related="company_id.mall_edit_max_count")
    mall_auto_receipt_days = fields.Integer(
        related="company_id.mall_auto_receipt_days")
    mall_return_days = fields.Integer(related="company_id.mall_return_days")

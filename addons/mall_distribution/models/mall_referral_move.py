# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MallReferralMove(models.Model):
    """A manager moved a member to another upline: who, when, why.
    Append-only."""

    _name = "mall.referral.move"
    _description = "Referral Tree Move"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True,
        ondelete="cascade", readonly=True)
    old_upline_id = fields.Many2one(
        "res.partner", string="From", readonly=True, ondelete="set null")
    new_upline_id = fields.Many2one(
        "res.partner", string="To", readonly=True, ondelete="set null")
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True,
        default=lambda self: self.env.uid)
    date = fields.Datetime(
        readonly=True, default=fields.Datetime.now, required=True)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MallReferralMoveWizard(models.TransientModel):
    """A manager moves a member (and their whole team) under another
    upline; the move is logged with its reason."""

    _name = "mall.referral.move.wizard"
    _description = "Move a Member in the Referral Tree"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True)
    new_upline_id = fields.Many2one("res.partner")
    reason = fields.Text(required=True)

    @api.multi
    def action_move(self):
        self.ensure_one()
        self.partner_id._mall_move_upline(self.new_upline_id, self.reason)
        return {"type": "ir.actions.act_window_close"}

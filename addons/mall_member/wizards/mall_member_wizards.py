# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


def check_group(env, *groups):
    """The wizards write as superuser: only these groups may run them."""
    if not any(env.user.has_group(group) for group in groups):
        raise AccessError(_("You are not allowed to do this."))


class MallMemberLevelWizard(models.TransientModel):
    """A manager sets a member's level by hand, with a reason."""

    _name = "mall.member.level.wizard"
    _description = "Set a Member's Level"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True)
    level_id = fields.Many2one("mall.member.level", string="New Level",
                               required=True)
    reason = fields.Char(required=True)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        check_group(self.env, "mall_base.group_mall_manager")
        if not self.partner_id.mall_is_member:
            raise UserError(_("%s has no member account.")
                            % self.partner_id.name)
        self.partner_id._mall_set_level(self.level_id, self.reason)
        return {"type": "ir.actions.act_window_close"}


class MallPointsAdjustWizard(models.TransientModel):
    """A manager corrects a member's points: a new ledger line."""

    _name = "mall.points.adjust.wizard"
    _description = "Adjust a Member's Points"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True)
    points = fields.Integer(required=True,
                            help="Positive to give, negative to deduct.")
    reason = fields.Char(required=True)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        check_group(self.env, "mall_base.group_mall_manager")
        if not self.points:
            raise UserError(_("Give a number of points other than 0."))
        self.partner_id._mall_adjust_points(self.points, self.reason)
        return {"type": "ir.actions.act_window_close"}


class MallPointsPayWizard(models.TransientModel):
    """Staff pay part of a confirmed order with the member's points."""

    _name = "mall.points.pay.wizard"
    _description = "Pay an Order with Points"

    order_id = fields.Many2one("sale.order", required=True)
    available = fields.Integer(compute="_compute_limits")
    maximum = fields.Integer(string="At Most", compute="_compute_limits")
    points = fields.Integer(required=True)

    @api.depends("order_id")
    def _compute_limits(self):
        for wizard in self:
            member = wizard.order_id._mall_member() if wizard.order_id \
                else self.env["res.partner"]
            wizard.available = member.mall_points_available if member \
                else 0
            wizard.maximum = wizard.order_id._mall_points_payable() \
                if wizard.order_id else 0

    @api.model
    def default_get(self, fields_list):
        values = super(MallPointsPayWizard, self).default_get(fields_list)
        order = self.env["sale.order"].browse(
            values.get("order_id") or self.env.context.get("active_id"))
        if order:
            values["order_id"] = order.id
            values["points"] = order._mall_points_payable()
        return values

    @api.multi
    def action_apply(self):
        self.ensure_one()
        check_group(self.env, "mall_base.group_mall_customer_service",
                    "mall_base.group_mall_finance",
                    "mall_base.group_mall_manager")
        self.order_id.mall_pay_with_points(self.points)
        return {"type": "ir.actions.act_window_close"}

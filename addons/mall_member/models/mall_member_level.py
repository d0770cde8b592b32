# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MallMemberLevel(models.Model):
    """A member level (VIP1–VIP7): the growth it starts at, what it gives
    and what it takes to keep it."""

    _name = "mall.member.level"
    _description = "Member Level"
    _order = "threshold, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="VIP1 ... VIP7.")
    threshold = fields.Integer(
        string="Growth Threshold", required=True,
        help="The growth value from which a member is at this level.")
    growth_coefficient = fields.Float(
        default=1.0, digits=(16, 2),
        help="Completed spending times this coefficient is the growth a "
        "member at this level earns (加速系数).")
    points_multiplier = fields.Float(
        default=1.0, digits=(16, 2),
        help="Points earned on orders are multiplied by it.")
    yearly_deduction = fields.Integer(
        string="Yearly Growth Deduction",
        help="With the JD-style yearly review: growth taken off a member "
        "at this level each year.")
    keep_amount = fields.Float(
        string="Yearly Spending to Keep", digits=(16, 2),
        help="With the keep-the-level yearly review: completed spending "
        "over the last year needed to keep this level.")
    benefits = fields.Text(translate=True)
    member_count = fields.Integer(compute="_compute_member_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A level code is unique."),
        ("threshold_uniq", "unique(threshold)",
         "Two levels cannot start at the same growth."),
        ("values_valid",
         "CHECK(threshold >= 0 AND growth_coefficient >= 0 "
         "AND points_multiplier >= 0 AND yearly_deduction >= 0 "
         "AND keep_amount >= 0)",
         "Level values cannot be negative."),
    ]

    @api.constrains("threshold")
    def _check_lowest(self):
        if not self.search_count([("threshold", "=", 0)]):
            raise ValidationError(_("The lowest level starts at 0 growth."))

    @api.multi
    def _compute_member_count(self):
        data = self.env["res.partner"].read_group(
            [("mall_level_id", "in", self.ids)], ["mall_level_id"],
            ["mall_level_id"])
        counts = {row["mall_level_id"][0]: row["mall_level_id_count"]
                  for row in data}
        for level in self:
            level.member_count = counts.get(level.id, 0)

    @api.model
    def _mall_table(self):
        """The levels as the engine wants them: ((code, threshold), ...)
        and {code: level}."""
        levels = self.search([("active", "=", True)])
        return (tuple((level.code, level.threshold) for level in levels),
                {level.code: level for level in levels})


class MallMemberLevelHistory(models.Model):
    """A level change: when, from, to, why, who.  Append-only."""

    _name = "mall.member.level.history"
    _description = "Member Level Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True, index=True,
                                 ondelete="cascade", readonly=True)
    old_level_id = fields.Many2one("mall.member.level", string="From",
                                   readonly=True)
    new_level_id = fields.Many2one("mall.member.level", string="To",
                                   readonly=True)
    growth = fields.Integer(readonly=True)
    reason = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True,
                              default=lambda self: self.env.uid)
    date = fields.Datetime(required=True, readonly=True,
                           default=fields.Datetime.now)

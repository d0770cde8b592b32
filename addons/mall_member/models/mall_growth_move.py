# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

GROWTH_KINDS = [
    ("order", "Completed order"),
    ("review", "Approved review"),
    ("rollback", "Return rollback"),
    ("yearly", "Yearly review"),
    ("manual", "Manual"),
]


class MallGrowthMove(models.Model):
    """The growth log (成长值): append-only, like the points ledger."""

    _name = "mall.growth.move"
    _inherit = "mall.append.only"
    _description = "Member Growth Log Line"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True, index=True,
                                 ondelete="restrict", readonly=True)
    date = fields.Datetime(required=True, readonly=True,
                           default=fields.Datetime.now)
    kind = fields.Selection(GROWTH_KINDS, required=True, readonly=True)
    amount = fields.Integer(readonly=True)
    growth = fields.Integer(string="Growth After", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True, index=True,
                               ondelete="restrict")
    sale_line_id = fields.Many2one("sale.order.line", readonly=True,
                                   ondelete="restrict")
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True,
                              default=lambda self: self.env.uid)

    @api.model_cr
    def init(self):
        # One review reward per order line.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS mall_growth_move_review
                ON mall_growth_move (sale_line_id) WHERE kind = 'review'""")

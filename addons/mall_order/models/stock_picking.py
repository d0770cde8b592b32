# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mall_aftersale_id = fields.Many2one(
        "mall.aftersale", string="After-Sales Request", index=True,
        readonly=True, copy=False, ondelete="set null")

    @api.multi
    def action_done(self):
        result = super(StockPicking, self).action_done()
        self.mapped("sale_id")._mall_sync_events()
        self.mapped("mall_aftersale_id")._mall_on_picking_done()
        return result

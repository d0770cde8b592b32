# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

#: Stock changes are pushed at most once a minute per store (debounce).
DEBOUNCE_SECONDS = 60


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.multi
    def _action_done(self):
        result = super(StockMove, self)._action_done()
        self._mall_queue_stock_push()
        return result

    @api.multi
    def _action_assign(self):
        result = super(StockMove, self)._action_assign()
        self._mall_queue_stock_push()
        return result

    @api.multi
    def _mall_queue_stock_push(self):
        """Queue one delayed stock push per store pushing stock; the
        identity key keeps a single pending job per store whatever the
        number of moves in the meantime."""
        if not self:
            return
        # sudo: any stock user's move triggers the push of every store.
        stores = self.env["mall.store"].sudo().search(
            [("stock_push_enabled", "=", True),
             ("channel_adapter", "!=", False)])
        if stores:
            stores._mall_queue_stock_sync(eta=DEBOUNCE_SECONDS)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.float_utils import float_compare


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.multi
    def _mall_get_shipped_qty(self):
        """Quantity shipped to the customer by the order's deliveries
        (returns not deducted), in the line's unit."""
        self.ensure_one()
        qty = 0.0
        for move in self.move_ids:
            if (move.state == "done" and not move.scrapped
                    and move.location_dest_id.usage == "customer"
                    and not move.origin_returned_move_id):
                qty += move.product_uom._compute_quantity(
                    move.product_uom_qty, self.product_uom)
        return qty

    @api.multi
    def _mall_get_requested_qty(self, kinds, exclude=None):
        """Quantity of the line in the active after-sales requests of the
        given kinds (rejected and cancelled requests do not count)."""
        self.ensure_one()
        lines = self.env["mall.aftersale.line"].sudo().search([
            # sudo: a customer's request must count the quantities of every
            # request on the line, including those filed by staff.
            ("sale_line_id", "=", self.id),
            ("request_id.kind", "in", list(kinds)),
            ("request_id.state", "not in", ("rejected", "cancel")),
        ])
        if exclude:
            lines = lines.filtered(lambda rec: rec.request_id not in exclude)
        return sum(lines.mapped("quantity"))

    @api.multi
    def _mall_get_return_deadline(self):
        """Last moment of the after-sales window of the line: receipt of
        the order + its product category's window; False before receipt
        (the window has not started)."""
        self.ensure_one()
        received = self.order_id.mall_received_date
        if not received:
            return False
        days = self.product_id.categ_id._mall_get_return_days(
            self.order_id.company_id)
        return fields.Datetime.to_string(
            fields.Datetime.from_string(received) + timedelta(days=days))

    @api.multi
    def _mall_set_customer_quantity(self, qty):
        """Set the quantity of the line as the customer asked.  On a
        confirmed order, an increase is procured by ``sale_stock``; a
        decrease shrinks or cancels the open delivery moves, which
        releases their reservation."""
        self.ensure_one()
        decrease = self.product_uom_qty - qty
        self.product_uom_qty = qty
        if self.order_id.state != "sale" or float_compare(
                decrease, 0.0, precision_rounding=self.product_uom.rounding) <= 0:
            return
        moves = self.move_ids.filtered(
            lambda m: m.state not in ("done", "cancel")
            and m.location_dest_id.usage == "customer")
        for move in moves.sorted("id", reverse=True):
            if float_compare(decrease, 0.0,
                             precision_rounding=self.product_uom.rounding) <= 0:
                break
            move_qty = move.product_uom._compute_quantity(
                move.product_uom_qty, self.product_uom)
            if float_compare(move_qty, decrease,
                             precision_rounding=self.product_uom.rounding) <= 0:
                move._action_cancel()
                decrease -= move_qty
            else:
                move._do_unreserve()
                move.product_uom_qty = self.product_uom._compute_quantity(
                    move_qty - decrease, move.product_uom)
                move._action_assign()
                decrease = 0.0

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    mall_warehouse_id = fields.Many2one(
        "stock.warehouse", string="Ships From", readonly=True, copy=False,
        index=True, help="The warehouse routing chose for this line.")
    mall_dropship = fields.Boolean(
        string="Drop-ship", readonly=True, copy=False,
        help="The supplier of the warehouse ships it to the customer.")
    mall_lead_days = fields.Integer(
        string="Days to Arrive", readonly=True, copy=False)

    @api.multi
    def _prepare_procurement_values(self, group_id=False):
        """Procure from the routed warehouse; a drop-ship line buys from
        the supplier warehouse's supplier, delivered to the customer."""
        values = super(SaleOrderLine, self)._prepare_procurement_values(
            group_id)
        warehouse = self.mall_warehouse_id
        if warehouse:
            values["warehouse_id"] = warehouse
            if self.mall_dropship:
                values["route_ids"] = self.env.ref(
                    "stock_dropshipping.route_drop_shipping")
                values["mall_dropship_partner_id"] = \
                    warehouse.mall_supplier_id
        return values

    @api.multi
    def _action_launch_procurement_rule(self):
        """Lines added to a routed order after confirmation (a customer
        edit) are routed on their own before they are procured."""
        new = self.filtered(
            lambda line: line.state == "sale" and not line.mall_warehouse_id
            and line.order_id.mall_routing_state not in (False, "none")
            and line.product_id.type in ("product", "consu"))
        for order in new.mapped("order_id"):
            lines = new.filtered(lambda line: line.order_id == order)
            context = order._mall_routing_context(order.company_id, order)
            decision, lines = order._mall_decide(context, lines=lines)
            for alloc in decision.allocations:
                lines.browse(alloc.line_id).write({
                    "mall_warehouse_id": alloc.warehouse_id,
                    "mall_dropship": alloc.dropship,
                    "mall_lead_days": alloc.lead_days or 0})
        return super(SaleOrderLine, self)._action_launch_procurement_rule()

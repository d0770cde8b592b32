# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mall_carrier_how = fields.Selection(
        [("requested", "Requested by the customer"),
         ("designated", "Designated for the warehouse and area"),
         ("cheapest", "Cheapest covering the address")],
        string="Carrier Chosen", readonly=True, copy=False,
        help="How routing chose the carrier of this delivery.")
    mall_bonded = fields.Boolean(
        related="picking_type_id.warehouse_id.mall_bonded", readonly=True,
        string="Bonded Warehouse")

    @api.multi
    def write(self, vals):
        if "carrier_tracking_ref" in vals:
            for picking in self:
                if picking.mall_bonded and picking.carrier_tracking_ref and \
                        picking.carrier_tracking_ref != \
                        vals["carrier_tracking_ref"]:
                    raise UserError(_(
                        "%(picking)s ships from bonded warehouse "
                        "%(warehouse)s: its tracking number %(ref)s was "
                        "declared to customs and cannot change.") % {
                            "picking": picking.name,
                            "warehouse": picking.picking_type_id
                            .warehouse_id.name,
                            "ref": picking.carrier_tracking_ref})
        return super(StockPicking, self).write(vals)

    @api.multi
    def _add_delivery_cost_to_so(self):
        """A carrier the company chose (designated or cheapest) is the
        company's cost: it adds no delivery line to the customer's order
        (the customer's shipping was priced when they ordered)."""
        if self.mall_carrier_how in ("designated", "cheapest"):
            return None
        return super(StockPicking, self)._add_delivery_cost_to_so()

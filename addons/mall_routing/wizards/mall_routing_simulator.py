# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .common import reopen


class MallRoutingSimulator(models.TransientModel):
    """Enter an address and products, see where the order would ship from
    and why: the same engine as confirmation, on a draft order that is
    rolled back afterwards (nothing is kept, nothing reserved)."""

    _name = "mall.routing.simulator"
    _description = "Routing Simulator"

    company_id = fields.Many2one(
        "res.company", required=True,
        default=lambda self: self.env.user.company_id)
    partner_id = fields.Many2one(
        "res.partner", string="Customer",
        help="Optional: the customer (its tags count for the rules).")
    store_id = fields.Many2one("mall.store")
    country_id = fields.Many2one(
        "res.country", required=True,
        default=lambda self: self.env.ref("base.cn", raise_if_not_found=False))
    state_id = fields.Many2one(
        "res.country.state", string="Province",
        domain="[('country_id', '=', country_id)]")
    city = fields.Char()
    designated_warehouse_id = fields.Many2one(
        "stock.warehouse", string="Ship From (designated)")
    line_ids = fields.One2many(
        "mall.routing.simulator.line", "wizard_id", string="Products")
    result = fields.Text(readonly=True)
    predispatch = fields.Text(string="Warehouses", readonly=True)
    expected_date = fields.Date(string="Expected Arrival", readonly=True)
    carriers = fields.Text(readonly=True)
    done = fields.Boolean(readonly=True)

    @api.multi
    def action_simulate(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(_("Add at least one product."))
        results = self._mall_simulate()
        self.write(dict(results, done=True))
        return reopen(self)

    @api.multi
    def _mall_simulate(self):
        cr = self.env.cr
        cr.execute("SAVEPOINT mall_routing_simulator")
        try:
            return self._mall_simulate_order()
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT mall_routing_simulator")
            self.env["sale.order"].invalidate_cache()

    @api.multi
    def _mall_simulate_order(self):
        Partner = self.env["res.partner"].sudo()
        customer = self.partner_id.sudo() or Partner.create(
            {"name": _("Routing simulation")})
        address = Partner.create({
            "name": _("Routing simulation"), "type": "delivery",
            "parent_id": customer.id, "country_id": self.country_id.id,
            "state_id": self.state_id.id, "city": self.city})
        values = {
            "partner_id": customer.id, "partner_shipping_id": address.id,
            "company_id": self.company_id.id,
            "mall_designated_warehouse_id": self.designated_warehouse_id.id,
            "order_line": [(0, 0, {
                "product_id": line.product_id.id,
                "product_uom_qty": line.quantity,
            }) for line in self.line_ids],
        }
        if self.store_id:
            values["store_id"] = self.store_id.id
        order = self.env["sale.order"].sudo().create(values)
        if not order._mall_routing_active():
            raise UserError(_(
                "Routing is not set up for %s: give warehouses delivery "
                "areas (and check the setting).") % self.company_id.name)
        context = order._mall_routing_context(order.company_id, order)
        decision, lines = order._mall_decide(context)
        predispatch, expected = order._mall_predispatch_summary(
            decision, lines, context["warehouses"])
        carriers = []
        labels = order._mall_carrier_labels()
        for warehouse in order.env["stock.warehouse"].browse(sorted(
                {alloc.warehouse_id for alloc in decision.allocations})):
            carrier, how = order._mall_choose_carrier(warehouse)
            carriers.append("%s: %s (%s)" % (
                warehouse.name, carrier.name or _("none"), labels[how]))
        return {
            "result": order._mall_explain(
                decision, lines, context["warehouses"]),
            "predispatch": predispatch,
            "expected_date": expected,
            "carriers": "\n".join(carriers),
        }


class MallRoutingSimulatorLine(models.TransientModel):
    _name = "mall.routing.simulator.line"
    _description = "Routing Simulator Product"

    wizard_id = fields.Many2one(
        "mall.routing.simulator", required=True, ondelete="cascade")
    product_id = fields.Many2one(
        "product.product", required=True,
        domain=[("type", "in", ("product", "consu"))])
    quantity = fields.Float(default=1.0, required=True)

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .common import reopen

#: Changed orders listed by name in the report.
CHANGED_LISTED = 100


class MallRoutingDryRun(models.TransientModel):
    """Replay the current rules over the orders confirmed in a date range:
    where would they ship from now, how many splits, what changed."""

    _name = "mall.routing.dry.run"
    _description = "Routing Dry Run"

    company_id = fields.Many2one(
        "res.company", required=True,
        default=lambda self: self.env.user.company_id)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    orders = fields.Integer(readonly=True)
    actual_splits = fields.Integer(string="Splits (actual)", readonly=True)
    replay_splits = fields.Integer(string="Splits (replay)", readonly=True)
    replay_dropships = fields.Integer(
        string="Drop-ships (replay)", readonly=True)
    changed = fields.Integer(string="Orders That Would Change",
                             readonly=True)
    changed_orders = fields.Text(readonly=True)
    line_ids = fields.One2many(
        "mall.routing.dry.run.line", "wizard_id", string="Per Warehouse",
        readonly=True)
    done = fields.Boolean(readonly=True)

    @api.multi
    def action_run(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The start date is after the end date."))
        orders = self.env["sale.order"].search([
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("sale", "done")),
            ("confirmation_date", ">=", self.date_from + " 00:00:00"),
            ("confirmation_date", "<=", self.date_to + " 23:59:59"),
        ], order="confirmation_date, id")
        self.write(dict(self._mall_replay(orders), done=True))
        return reopen(self)

    @api.multi
    def _mall_replay(self, orders):
        """Route the orders again, oldest first, from today's stock (the
        stock they had then is not known), each consuming what it takes;
        capacity is not applied (orders of many days)."""
        SaleOrder = self.env["sale.order"]
        context = SaleOrder._mall_routing_context(self.company_id, orders)
        context["capacity"] = None
        per_warehouse = {}
        counts = {"actual_splits": 0, "replay_splits": 0,
                  "replay_dropships": 0, "changed": 0}
        changed = []
        for order in orders:
            decision, lines = order._mall_decide(context, consume=True)
            actual = {line.id: line.mall_warehouse_id.id
                      or order.warehouse_id.id for line in lines}
            replay = {alloc.line_id: alloc.warehouse_id
                      for alloc in decision.allocations}
            for side, routing in (("actual", actual), ("replay", replay)):
                for warehouse_id in set(routing.values()):
                    row = per_warehouse.setdefault(
                        warehouse_id, {"actual_orders": 0, "replay_orders": 0,
                                       "actual_lines": 0, "replay_lines": 0})
                    row[side + "_orders"] += 1
                for warehouse_id in routing.values():
                    per_warehouse[warehouse_id][side + "_lines"] += 1
            counts["actual_splits"] += len(set(actual.values())) > 1
            counts["replay_splits"] += decision.split
            counts["replay_dropships"] += any(
                alloc.dropship for alloc in decision.allocations)
            if actual != replay:
                counts["changed"] += 1
                changed.append(order.name)
        lines = [(5, 0, 0)] + [
            (0, 0, dict(row, warehouse_id=warehouse_id))
            for warehouse_id, row in sorted(per_warehouse.items())]
        listed = ", ".join(changed[:CHANGED_LISTED])
        if len(changed) > CHANGED_LISTED:
            listed += " " + _("(and %(count)s more)") % {
                "count": len(changed) - CHANGED_LISTED}
        return dict(counts, orders=len(orders), line_ids=lines,
                    changed_orders=listed or False)


class MallRoutingDryRunLine(models.TransientModel):
    _name = "mall.routing.dry.run.line"
    _description = "Routing Dry Run per Warehouse"
    _order = "warehouse_id"

    wizard_id = fields.Many2one(
        "mall.routing.dry.run", required=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    actual_orders = fields.Integer(string="Orders (actual)", readonly=True)
    replay_orders = fields.Integer(string="Orders (replay)", readonly=True)
    actual_lines = fields.Integer(string="Lines (actual)", readonly=True)
    replay_lines = fields.Integer(string="Lines (replay)", readonly=True)

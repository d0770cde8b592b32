# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from .. import engine

ROUTING_STATES = [
    ("none", "Not routed"),
    ("single", "One warehouse"),
    ("split", "Split"),
    ("dropship", "With drop-ship"),
    ("unroutable", "Unroutable"),
]


def reason_sentences():
    """The engine's reasons, translated (the same English as
    ``engine.REASON_CODES``; tests check they stay in step)."""
    return {
        "designated": _(
            "Designated on the order: it ships every line, whatever the "
            "other rules say."),
        "forced_by_rule": _(
            "Routing rule %(rule)s limits this line to its warehouses."),
        "excluded_by_rule": _("Excluded by routing rule %(rule)s."),
        "not_shippable": _("Does not ship orders."),
        "not_sellable": _("Its stock is not for sale."),
        "no_coverage": _("Does not deliver to this address."),
        "full": _("Has no shipping capacity left today."),
        "supplier_only_dropship": _(
            "Supplier warehouse: it only drop-ships what no own warehouse "
            "can supply."),
        "short": _(
            "Not enough stock: %(available)s available, %(needed)s needed."),
        "chosen_whole": _(
            "Chosen: ships the whole order from stock (area level "
            "%(level)s, priority %(sequence)s, shipping cost %(cost)s)."),
        "lost_level": _(
            "Area level %(level)s, the chosen warehouse has level "
            "%(best_level)s."),
        "lost_sequence": _(
            "Priority %(sequence)s, the chosen warehouse has priority "
            "%(best_sequence)s."),
        "lost_cost": _(
            "Shipping cost %(cost)s, the chosen warehouse costs "
            "%(best_cost)s."),
        "lost_id": _(
            "Tied with the chosen warehouse: the one created first wins."),
        "chosen_split": _(
            "Chosen: the order is split, this warehouse ships %(lines)s "
            "line(s) from stock."),
        "lost_split": _(
            "Can ship %(lines)s line(s) from stock, the chosen warehouse "
            "%(best_lines)s."),
        "dropship": _("Chosen: drop-shipped by this supplier."),
        "no_stock_anywhere": _(
            "Chosen although no warehouse or supplier has the stock: the "
            "line waits for stock here."),
        "unroutable": _("No warehouse can ship this line."),
    }


def _show(value):
    if isinstance(value, float):
        return "%g" % float_round(value, precision_digits=4)
    return "%s" % (value,)


def category_chain(category):
    """The category and all its parents' ids."""
    ids = []
    while category:
        ids.append(category.id)
        category = category.parent_id
    return tuple(ids)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_designated_warehouse_id = fields.Many2one(
        "stock.warehouse", string="Ship From (designated)",
        readonly=True, states={"draft": [("readonly", False)],
                               "sent": [("readonly", False)]},
        help="Skip routing: this warehouse ships every line.")
    mall_routing_state = fields.Selection(
        ROUTING_STATES, string="Routing", default="none", readonly=True,
        copy=False, index=True)
    mall_routing_explanation = fields.Text(
        string="Why These Warehouses", readonly=True, copy=False)
    mall_routed_date = fields.Datetime(
        string="Routed On", readonly=True, copy=False, index=True)
    mall_routing_warehouses = fields.Char(
        string="Ships From", readonly=True, copy=False)
    mall_predispatch = fields.Text(
        string="Expected Warehouses", compute="_compute_mall_predispatch",
        help="Pre-dispatch (预调度): where the order would ship from if "
        "confirmed now, without reserving anything.")
    mall_expected_date = fields.Date(
        string="Expected Arrival", compute="_compute_mall_predispatch")

    # ------------------------------------------------------------------
    # Engine input

    @api.multi
    def _mall_routing_active(self):
        self.ensure_one()
        company = self.company_id
        return company.mall_routing_enabled and bool(
            self.env["stock.warehouse"].sudo()._mall_routing_candidates(
                company))

    @api.multi
    def _mall_routing_lines(self):
        """The lines routing decides: goods, not services or notes."""
        return self.order_line.filtered(
            lambda line: line.product_id.type in ("product", "consu")
            and line.product_uom_qty > 0)

    @api.multi
    def _mall_designated(self):
        self.ensure_one()
        if self.mall_designated_warehouse_id:
            return self.mall_designated_warehouse_id
        if self.store_id.routing_designated and self.store_id.warehouse_id:
            return self.store_id.warehouse_id
        return self.env["stock.warehouse"]

    @api.multi
    def _mall_engine_order(self, lines):
        self.ensure_one()
        address = self.partner_shipping_id
        tags = (address.category_id | self.partner_id.category_id
                | self.partner_id.commercial_partner_id.category_id)
        return engine.Order(
            self.id, address.country_id.code or None,
            address.state_id.id or None, address.city or None,
            self.store_id.id or None, tuple(tags.ids), self.amount_total,
            self._mall_designated().id or None,
            tuple(engine.Line(
                line.id, line.product_id.id,
                line.product_uom._compute_quantity(
                    line.product_uom_qty, line.product_id.uom_id),
                category_chain(line.product_id.categ_id))
                for line in lines))

    @api.model
    def _mall_routing_context(self, company, orders, products=None,
                              lock=False):
        """Everything the engine needs for a batch of orders of one
        company, read in a few set-based queries (``lock``: for routing
        that will reserve, see ``_mall_capacity_left``)."""
        Warehouse = self.env["stock.warehouse"].sudo()
        warehouses = Warehouse._mall_routing_candidates(company)
        for order in orders:
            warehouses |= order._mall_designated().sudo()
        if products is None:
            products = orders.mapped("order_line.product_id")
        rules = self.env["mall.routing.rule"].sudo().search(
            [("company_id", "=", company.id)])
        return {
            "warehouses": warehouses,
            "engine_warehouses": warehouses._mall_engine_warehouses(),
            "stock": warehouses._mall_available(products),
            "rules": rules._mall_engine_rules(),
            "capacity": warehouses._mall_capacity_left(lock=lock),
        }

    @api.multi
    def _mall_decide(self, context, lines=None, consume=False):
        self.ensure_one()
        lines = self._mall_routing_lines() if lines is None else lines
        return engine.route(
            self._mall_engine_order(lines), context["engine_warehouses"],
            context["stock"], context["rules"], context["capacity"],
            consume=consume), lines

    # ------------------------------------------------------------------
    # Explanation

    @api.multi
    def _mall_explain(self, decision, lines, warehouses):
        sentences = reason_sentences()
        names = {warehouse.id: warehouse.name for warehouse in warehouses}
        chosen = {alloc.line_id: alloc for alloc in decision.allocations}
        text = []
        for line in lines:
            alloc = chosen.get(line.id)
            head = "%s × %s" % (_show(line.product_uom_qty),
                                line.product_id.display_name)
            if alloc:
                where = names.get(alloc.warehouse_id, "?")
                if alloc.dropship:
                    where = _("%(warehouse)s (drop-ship)") % {
                        "warehouse": where}
                if alloc.lead_days is not None:
                    where += " " + _("(arrives in %(days)s days)") % {
                        "days": alloc.lead_days}
                head += " → " + where
            text.append(head)
            for reason in decision.reasons.get(line.id, []):
                params = {key: _show(value)
                          for key, value in reason.params.items()}
                sentence = sentences[reason.code] % params
                if reason.warehouse_id:
                    sentence = "%s: %s" % (
                        names.get(reason.warehouse_id, "?"), sentence)
                text.append("    · " + sentence)
        return "\n".join(text)

    # ------------------------------------------------------------------
    # Routing at confirmation

    @api.multi
    def action_confirm(self):
        self._mall_route()
        result = super(SaleOrder, self).action_confirm()
        self.filtered(lambda o: o.mall_routing_state != "none")\
            ._mall_assign_carriers()
        return result

    @api.multi
    def _mall_route(self):
        """Route the quotations being confirmed; a batch shares its stock
        and daily capacity, so two orders do not both count on the last
        unit."""
        todo = self.filtered(
            lambda o: o.state in ("draft", "sent")
            and o._mall_routing_active())
        for company in todo.mapped("company_id"):
            orders = todo.filtered(lambda o: o.company_id == company)
            context = self._mall_routing_context(company, orders, lock=True)
            for order in orders:
                decision, lines = order._mall_decide(context, consume=True)
                order._mall_apply(decision, lines, context["warehouses"])
        return True

    @api.multi
    def _mall_apply(self, decision, lines, warehouses):
        self.ensure_one()
        Warehouse = self.env["stock.warehouse"]
        by_line = {alloc.line_id: alloc for alloc in decision.allocations}
        for line in lines:
            alloc = by_line.get(line.id)
            line.write({
                "mall_warehouse_id": alloc.warehouse_id if alloc else False,
                "mall_dropship": bool(alloc and alloc.dropship),
                "mall_lead_days": alloc.lead_days or 0 if alloc else 0,
            })
        used = Warehouse.browse(sorted(
            {alloc.warehouse_id for alloc in decision.allocations}))
        if decision.unroutable:
            state = "unroutable"
        elif any(alloc.dropship for alloc in decision.allocations):
            state = "dropship"
        elif decision.split:
            state = "split"
        else:
            state = "single"
        values = {
            "mall_routing_state": state,
            "mall_routing_explanation": self._mall_explain(
                decision, lines, warehouses),
            "mall_routed_date": fields.Datetime.now(),
            "mall_routing_warehouses": ", ".join(used.mapped("name")),
        }
        own = used.filtered(lambda w: w.mall_kind != "supplier")
        if len(own) == 1 and not decision.unroutable:
            # One own warehouse ships it all: it is the order's warehouse.
            values["warehouse_id"] = own.id
        self.write(values)

    # ------------------------------------------------------------------
    # Pre-dispatch

    @api.depends("order_line.product_id", "order_line.product_uom_qty",
                 "partner_shipping_id", "mall_designated_warehouse_id",
                 "state")
    def _compute_mall_predispatch(self):
        for order in self:
            order.mall_predispatch = False
            order.mall_expected_date = False
            if not order.id or not isinstance(order.id, int):
                continue
            if order.state not in ("draft", "sent") or \
                    not order._mall_routing_active():
                continue
            context = self._mall_routing_context(order.company_id, order)
            decision, lines = order._mall_decide(context)
            order.mall_predispatch, order.mall_expected_date = \
                order._mall_predispatch_summary(decision, lines,
                                                context["warehouses"])

    @api.multi
    def _mall_predispatch_summary(self, decision, lines, warehouses):
        names = {warehouse.id: warehouse.name for warehouse in warehouses}
        products = {line.id: line.product_id.display_name for line in lines}
        groups = {}
        for alloc in decision.allocations:
            groups.setdefault((alloc.warehouse_id, alloc.dropship), []).append(
                products[alloc.line_id])
        parts = []
        for (warehouse_id, dropship), items in sorted(groups.items()):
            name = names.get(warehouse_id, "?")
            if dropship:
                name = _("%(warehouse)s (drop-ship)") % {"warehouse": name}
            parts.append("%s: %s" % (name, ", ".join(items)))
        if decision.unroutable:
            parts.append(_("No warehouse: %(products)s") % {
                "products": ", ".join(products[line_id]
                                      for line_id in decision.unroutable)})
        days = [alloc.lead_days for alloc in decision.allocations
                if alloc.lead_days is not None]
        expected = False
        if days and not decision.unroutable:
            expected = fields.Date.to_string(
                fields.Date.from_string(fields.Date.context_today(self))
                + timedelta(days=max(days)))
        return "\n".join(parts) or False, expected

    # ------------------------------------------------------------------
    # Carriers

    @api.multi
    def _mall_choose_carrier(self, warehouse, cheapest=None):
        """(carrier, how): the customer's requested carrier, else the
        company's designated carrier for the warehouse and area, else the
        cheapest carrier that covers the address (``cheapest``: a list
        that keeps that answer between the deliveries of the order)."""
        self.ensure_one()
        if self.carrier_id:
            return self.carrier_id, "requested"
        address = self.partner_shipping_id
        rule = self.env["mall.routing.carrier.rule"].sudo()._mall_find(
            warehouse, address)
        if rule:
            return rule.carrier_id, "designated"
        if cheapest:
            return cheapest[0]
        answer = self._mall_cheapest_carrier()
        if cheapest is not None:
            cheapest.append(answer)
        return answer

    @api.multi
    def _mall_cheapest_carrier(self):
        address = self.partner_shipping_id
        carriers = self.env["delivery.carrier"].sudo().search([
            "|", ("company_id", "=", False),
            ("company_id", "=", self.company_id.id)]).available_carriers(
                address)
        best, best_price = self.env["delivery.carrier"], None
        for carrier in carriers:
            try:
                rate = carrier.rate_shipment(self)
            except (UserError, ValidationError):
                # A provider that cannot quote is not the cheapest.
                continue
            if rate.get("success") and (
                    best_price is None or rate["price"] < best_price):
                best, best_price = carrier, rate["price"]
        return best, "cheapest" if best else "none"

    @api.model
    def _mall_carrier_labels(self):
        return {"requested": _("requested by the customer"),
                "designated": _("designated for the warehouse and area"),
                "cheapest": _("cheapest carrier covering the address"),
                "none": _("no carrier covers the address")}

    @api.multi
    def _mall_assign_carriers(self):
        """Give each routed delivery without a carrier its carrier, and
        say how it was chosen."""
        labels = self._mall_carrier_labels()
        for order in self:
            notes = []
            pickings = order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
                and p.picking_type_id.code == "outgoing"
                and not p.carrier_id)
            # The quotes depend on the order, not on the warehouse: the
            # cheapest carrier is looked for once per order.
            cheapest = []
            for picking in pickings:
                warehouse = picking.picking_type_id.warehouse_id
                carrier, how = order._mall_choose_carrier(
                    warehouse, cheapest=cheapest)
                if not carrier:
                    continue
                picking.write({"carrier_id": carrier.id,
                               "mall_carrier_how": how})
                notes.append(_("Carrier of %(picking)s: %(carrier)s, "
                               "%(how)s.") % {
                    "picking": picking.name, "carrier": carrier.name,
                    "how": labels[how]})
            if notes:
                order.mall_routing_explanation = "\n".join(
                    [order.mall_routing_explanation or ""] + notes).strip()
        return True

    # ------------------------------------------------------------------
    # Re-routing

    @api.multi
    def action_mall_reroute(self):
        """Re-route what the routed deliveries could not reserve."""
        rerouted = self.env["sale.order.line"]
        for order in self.filtered(lambda o: o.state == "sale"):
            rerouted |= order._mall_reroute()
        return rerouted

    @api.multi
    def _mall_reroute(self):
        """Cancel the unreserved part of the open routed moves and route
        those quantities again from the current stock; returns the lines
        that moved to another warehouse."""
        self.ensure_one()
        moves = self.order_line.mapped("move_ids").filtered(
            lambda m: m.state in ("confirmed", "partially_available")
            and m.picking_code == "outgoing" and m.sale_line_id
            and m.sale_line_id.mall_warehouse_id)
        if not moves:
            return self.env["sale.order.line"]
        moves.mapped("picking_id").action_assign()
        moves = moves.filtered(
            lambda m: m.state in ("confirmed", "partially_available"))
        if not moves:
            return self.env["sale.order.line"]
        lines = moves.mapped("sale_line_id")
        context = self._mall_routing_context(self.company_id, self,
                                             lock=True)
        # What the moves still need, as the quantities to route.
        missing = {}
        for move in moves:
            need = move.product_uom_qty - move.reserved_availability
            missing[move.sale_line_id.id] = missing.get(
                move.sale_line_id.id, 0.0) + need
        order_input = self._mall_engine_order(lines)
        order_input = order_input._replace(
            designated_warehouse_id=None,
            lines=tuple(line._replace(quantity=missing[line.id])
                        for line in order_input.lines))
        decision = engine.route(
            order_input, context["engine_warehouses"], context["stock"],
            context["rules"], context["capacity"])
        names = {w.id: w.name for w in context["warehouses"]}
        changed = self.env["sale.order.line"]
        notes = []
        for alloc in decision.allocations:
            line = lines.browse(alloc.line_id)
            if alloc.warehouse_id == line.mall_warehouse_id.id and \
                    not alloc.dropship:
                continue
            for move in moves.filtered(lambda m: m.sale_line_id == line):
                if move.state == "partially_available":
                    new_id = move._split(
                        move.product_uom_qty - move.reserved_availability)
                    move = move.browse(new_id)
                move._action_cancel()
            old = line.mall_warehouse_id.name
            line.write({"mall_warehouse_id": alloc.warehouse_id,
                        "mall_dropship": alloc.dropship,
                        "mall_lead_days": alloc.lead_days or 0})
            line._action_launch_procurement_rule()
            changed |= line
            notes.append(_("Re-routed %(product)s from %(old)s to %(new)s "
                           "(stock missing).") % {
                "product": line.product_id.display_name, "old": old,
                "new": names.get(alloc.warehouse_id, "?")})
        if notes:
            self.write({
                "mall_routing_explanation": "\n".join(
                    [self.mall_routing_explanation or ""] + notes).strip(),
                "mall_routing_warehouses": ", ".join(
                    self.order_line.mapped("mall_warehouse_id.name")),
            })
            self._mall_assign_carriers()
        return changed

    @api.model
    def _run_mall_reroute(self, now=None):
        """Scheduled: re-route the orders whose routed deliveries still
        wait for stock after the company's delay."""
        now = fields.Datetime.from_string(now) if now else datetime.utcnow()
        result = self.browse()
        for company in self.env["res.company"].search(
                [("mall_routing_enabled", "=", True),
                 ("mall_reroute_hours", ">", 0)]):
            limit = fields.Datetime.to_string(
                now - timedelta(hours=company.mall_reroute_hours))
            orders = self.search([
                ("company_id", "=", company.id), ("state", "=", "sale"),
                ("mall_routed_date", "<=", limit),
                ("picking_ids.state", "in", ("confirmed", "waiting"))])
            for order in orders:
                if order._mall_reroute():
                    result |= order
        return result

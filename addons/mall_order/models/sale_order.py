# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools.float_utils import float_compare, float_is_zero

from ..exceptions import MallOrderEditError
from ..status import (MALL_STATES, PAYMENT_STATES, compute_mall_state,
                      compute_payment_state)

#: Order fields a customer may change on an unpaid order (the remark).
CUSTOMER_EDITABLE_FIELDS = ("note",)
#: Order fields only staff may change: addresses and contact.
CUSTOMER_LOCKED_FIELDS = ("partner_id", "partner_invoice_id",
                          "partner_shipping_id")
OPEN_AFTERSALE_STATES = ("draft", "approved", "received", "refunded")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_state = fields.Selection(
        MALL_STATES, string="Mall Status", compute="_compute_mall_state",
        store=True, index=True,
        help="Where the order stands, derived from the order, its "
        "deliveries, invoices, payments and after-sales requests.")
    mall_payment_state = fields.Selection(
        PAYMENT_STATES, string="Payment Status",
        compute="_compute_mall_state", store=True, index=True)
    mall_paid_amount = fields.Monetary(
        string="Paid", compute="_compute_mall_amounts", store=True,
        help="Amount paid on the order's validated customer invoices.")
    mall_refunded_amount = fields.Monetary(
        string="Refunded", compute="_compute_mall_amounts", store=True,
        help="Total of the order's validated credit notes.")
    mall_is_shipped = fields.Boolean(
        string="Shipped", compute="_compute_mall_shipping", store=True,
        help="At least one delivery to the customer is done.")
    mall_shipped_date = fields.Datetime(
        string="Shipped On", compute="_compute_mall_shipping", store=True,
        help="When the last delivery to the customer was done, once every "
        "delivery is done; the automatic receipt counts from it.")
    mall_paid_date = fields.Datetime(
        string="Paid On", readonly=True, copy=False)
    mall_received_date = fields.Datetime(
        string="Received On", readonly=True, copy=False,
        help="When the customer confirmed receipt, or when the receipt was "
        "confirmed automatically.")
    mall_received_auto = fields.Boolean(
        string="Received Automatically", readonly=True, copy=False)
    mall_default_good_review = fields.Boolean(
        string="Default Good Review", readonly=True, copy=False,
        help="The customer neither confirmed receipt nor reviewed: the "
        "order counts as a good review (默认好评).")
    mall_completed_date = fields.Datetime(
        string="Completed On", readonly=True, copy=False,
        help="When the after-sales window closed without an open request.")
    mall_return_deadline = fields.Datetime(
        string="After-Sales Until", compute="_compute_mall_return_deadline",
        help="Last moment to request a return, exchange or refund.")
    mall_edit_count = fields.Integer(
        string="Customer Edits", readonly=True, copy=False,
        help="Changes the customer made to this order.")
    mall_edit_max_count = fields.Integer(
        related="company_id.mall_edit_max_count", readonly=True,
        string="Edits Allowed")
    mall_edit_deadline = fields.Datetime(
        string="Editable Until", compute="_compute_mall_edit_deadline")
    mall_aftersale_ids = fields.One2many(
        "mall.aftersale", "order_id", string="After-Sales Requests")
    mall_aftersale_count = fields.Integer(
        compute="_compute_mall_aftersale_count", string="After-Sales")
    mall_event_ids = fields.One2many(
        "mall.order.event", "order_id", string="Lifecycle Events")

    # ------------------------------------------------------------------
    # Derived values

    @api.multi
    def _mall_get_invoices(self, invoice_type):
        """Validated invoices of ``invoice_type`` of the order: those made
        from its lines, and the credit notes of its after-sales requests."""
        self.ensure_one()
        invoices = self.order_line.mapped("invoice_lines.invoice_id")
        if invoice_type == "out_refund":
            invoices |= self.mall_aftersale_ids.mapped("refund_invoice_id")
        return invoices.filtered(
            lambda inv: inv.type == invoice_type
            and inv.state in ("open", "paid"))

    @api.depends("order_line.invoice_lines.invoice_id.state",
                 "order_line.invoice_lines.invoice_id.residual",
                 "mall_aftersale_ids.refund_invoice_id.state")
    def _compute_mall_amounts(self):
        for order in self:
            order.mall_paid_amount = order._mall_get_paid_amount()
            order.mall_refunded_amount = sum(
                order._mall_get_invoices("out_refund").mapped("amount_total"))

    @api.multi
    def _mall_get_paid_amount(self):
        """What the customer paid: the paid part of the order's validated
        invoices.  Modules with other payment sources (a marketplace that
        collected the money) extend it, and the depends of
        ``_compute_mall_amounts``."""
        self.ensure_one()
        return sum(inv.amount_total - inv.residual
                   for inv in self._mall_get_invoices("out_invoice"))

    @api.multi
    def _mall_points_paid(self):
        """The part of the order paid with member points (mall_member
        extends it): it is a payment, but earns no commission and no
        points."""
        self.ensure_one()
        return 0.0

    @api.multi
    def _mall_get_deliveries(self):
        self.ensure_one()
        return self.picking_ids.filtered(
            lambda p: p.picking_type_id.code == "outgoing"
            and p.location_dest_id.usage == "customer")

    @api.depends("picking_ids.state", "picking_ids.date_done")
    def _compute_mall_shipping(self):
        for order in self:
            deliveries = order._mall_get_deliveries()
            done = deliveries.filtered(lambda p: p.state == "done")
            order.mall_is_shipped = bool(done)
            # date_done is written just after the moves are done.
            dates = [d for d in done.mapped("date_done") if d]
            if dates and all(p.state in ("done", "cancel") for p in deliveries):
                order.mall_shipped_date = max(dates)
            else:
                order.mall_shipped_date = False

    @api.depends("state", "amount_total", "mall_paid_amount",
                 "mall_refunded_amount", "mall_is_shipped",
                 "mall_received_date", "mall_completed_date",
                 "mall_aftersale_ids.state")
    def _compute_mall_state(self):
        for order in self:
            payment_state = compute_payment_state(
                order.state, order.amount_total, order.mall_paid_amount,
                order.mall_refunded_amount, order.currency_id.rounding)
            order.mall_payment_state = payment_state
            order.mall_state = compute_mall_state(
                order.state,
                paid=payment_state != "unpaid",
                shipped=order.mall_is_shipped,
                received=bool(order.mall_received_date),
                completed=bool(order.mall_completed_date),
                aftersale_open=any(
                    r.state in OPEN_AFTERSALE_STATES
                    for r in order.mall_aftersale_ids))

    @api.depends("mall_received_date", "order_line.product_id.categ_id")
    def _compute_mall_return_deadline(self):
        for order in self:
            deadlines = [d for d in order.order_line.mapped(
                lambda line: line._mall_get_return_deadline()) if d]
            order.mall_return_deadline = max(deadlines) if deadlines else False

    @api.depends("confirmation_date", "date_order",
                 "company_id.mall_edit_window_minutes")
    def _compute_mall_edit_deadline(self):
        for order in self:
            start = order.confirmation_date or order.date_order
            order.mall_edit_deadline = start and fields.Datetime.to_string(
                fields.Datetime.from_string(start) + timedelta(
                    minutes=order.company_id.mall_edit_window_minutes))

    @api.depends("mall_aftersale_ids")
    def _compute_mall_aftersale_count(self):
        data = self.env["mall.aftersale"].read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["order_id"])
        counts = {row["order_id"][0]: row["order_id_count"] for row in data}
        for order in self:
            order.mall_aftersale_count = counts.get(order.id, 0)

    @api.multi
    def _mall_is_paid(self):
        """Whether the order is fully paid, from the invoices themselves
        (not from the stored status, which may not be recomputed yet)."""
        self.ensure_one()
        return compute_payment_state(
            self.state, self.amount_total, self._mall_get_paid_amount(), 0.0,
            self.currency_id.rounding) == "paid"

    # ------------------------------------------------------------------
    # Events

    @api.multi
    def _mall_lock(self):
        """Lock the orders' rows until the end of the transaction, so that
        two workers reacting to the same change fire an event once."""
        if self.ids:
            self.env.cr.execute(
                "SELECT id FROM sale_order WHERE id IN %s FOR UPDATE",
                (tuple(self.ids),))
            self.invalidate_cache(ids=self.ids)

    @api.multi
    def _mall_log_event(self, event, amount=0.0, aftersale=None):
        events = self.env["mall.order.event"].sudo()
        # sudo: the event log is append-only and written by whoever caused
        # the transition (a customer, a cron, a warehouse user).
        for order in self:
            events.create({
                "order_id": order.id,
                "event": event,
                "amount": amount,
                "aftersale_id": aftersale.id if aftersale else False,
                "user_id": self.env.context.get("mall_event_uid")
                or self.env.uid,
            })

    @api.multi
    def _mall_order_paid(self):
        """The order became fully paid.  Called once per order; extend it
        with ``super()`` to react (pending commissions...)."""
        self._mall_log_event("paid")

    @api.multi
    def _mall_order_shipped(self):
        """Every delivery of the order is done.  Called once per order."""
        self._mall_log_event("shipped")

    @api.multi
    def _mall_order_delivered(self):
        """The customer received the order (confirmed by the customer, by
        staff or automatically).  Called once per order."""
        self._mall_log_event("delivered")

    @api.multi
    def _mall_order_completed(self):
        """The after-sales window closed without an open request: the sale
        is final.  Called once per order."""
        self._mall_log_event("completed")

    @api.multi
    def _mall_order_refunded(self, amount, lines):
        """Money was refunded on the order: ``amount`` (tax included, in
        the order's currency) for ``lines`` (``mall.aftersale.line``
        records, each with its sale line, quantity and amounts).  Called
        once per validated credit note of an after-sales request; a
        partial refund calls it for its part only."""
        self.ensure_one()
        self._mall_log_event(
            "refunded", amount=amount, aftersale=lines.mapped("request_id")[:1])

    @api.multi
    def _mall_order_cancelled(self):
        """The order was cancelled (by staff, the customer or the unpaid
        order cron)."""
        self._mall_log_event("cancelled")

    @api.multi
    def _mall_sync_events(self):
        """Fire the payment and shipment events whose condition now holds
        and that have not fired yet.  Called after invoices are paid and
        deliveries done; safe to call any number of times."""
        candidates = self.filtered(
            lambda o: o.state in ("sale", "done")
            and (not o.mall_paid_date or not o.mall_shipped_date
                 or not o._mall_has_event("shipped")))
        if not candidates:
            return
        # sudo: the events follow documents validated by users who may not
        # write orders (warehouse, finance); the log keeps the real user.
        candidates = candidates.sudo().with_context(
            mall_event_uid=self.env.context.get("mall_event_uid")
            or self.env.uid)
        candidates._mall_lock()
        now = fields.Datetime.now()
        for order in candidates:
            if not order.mall_paid_date and order._mall_is_paid():
                order.mall_paid_date = now
                order._mall_order_paid()
            if order.mall_shipped_date and not order._mall_has_event("shipped"):
                order._mall_order_shipped()

    @api.multi
    def _mall_has_event(self, event):
        self.ensure_one()
        return any(e.event == event for e in self.sudo().mall_event_ids)

    @api.multi
    def action_cancel(self):
        to_log = self.filtered(lambda o: o.state != "cancel")
        result = super(SaleOrder, self).action_cancel()
        to_log._mall_order_cancelled()
        return result

    # ------------------------------------------------------------------
    # Receipt and completion

    @api.multi
    def action_mall_confirm_receipt(self):
        """The customer (portal) or staff confirm that the goods arrived."""
        for order in self:
            if not order.mall_shipped_date:
                raise MallOrderEditError(_(
                    "Order %s is not shipped completely yet: its receipt "
                    "cannot be confirmed.") % order.name)
        self._mall_set_received(auto=False)
        return True

    @api.multi
    def _mall_set_received(self, auto, date=None):
        # sudo: customers confirm receipt from the portal; see
        # _mall_sync_events for the log's user.
        orders = self.sudo().with_context(
            mall_event_uid=self.env.context.get("mall_event_uid")
            or self.env.uid)
        orders._mall_lock()
        orders = orders.filtered(lambda o: not o.mall_received_date)
        if not orders:
            return
        orders.write({
            "mall_received_date": date or fields.Datetime.now(),
            "mall_received_auto": auto,
            "mall_default_good_review": auto,
        })
        for order in orders:
            order._mall_order_delivered()

    @api.model
    def _run_mall_auto_receipt(self, now=None):
        """Scheduled: orders shipped completely more than the company's
        automatic receipt delay ago and not confirmed count as received,
        with a default good review."""
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        companies = self.env["res.company"].search(
            [("mall_auto_receipt_days", ">", 0)])
        for company in companies:
            limit = now - timedelta(days=company.mall_auto_receipt_days)
            orders = self.search([
                ("company_id", "=", company.id),
                ("state", "in", ("sale", "done")),
                ("mall_received_date", "=", False),
                ("mall_shipped_date", "!=", False),
                ("mall_shipped_date", "<=", fields.Datetime.to_string(limit)),
            ])
            orders._mall_set_received(
                auto=True, date=fields.Datetime.to_string(now))
        return True

    @api.model
    def _run_mall_complete(self, now=None):
        """Scheduled: received orders whose after-sales window has closed
        without an open request are completed."""
        now_str = now or fields.Datetime.now()
        orders = self.search([
            ("state", "in", ("sale", "done")),
            ("mall_received_date", "!=", False),
            ("mall_received_date", "<=", now_str),
            ("mall_completed_date", "=", False),
            ("mall_state", "!=", "after_sales"),
        ])
        due = orders.filtered(
            lambda o: not o.mall_return_deadline
            or o.mall_return_deadline <= now_str)
        due._mall_lock()
        due = due.filtered(lambda o: not o.mall_completed_date)
        due.write({"mall_completed_date": now_str})
        for order in due:
            order._mall_order_completed()
        return True

    # ------------------------------------------------------------------
    # Automatic cancellation

    @api.model
    def _run_mall_auto_cancel(self, now=None):
        """Scheduled: cancel confirmed own web shop orders that are still
        unpaid after the company's delay; cancelling their deliveries
        releases the reserved stock.  Orders with a payment, a validated
        invoice or a shipment are left to staff."""
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        companies = self.env["res.company"].search(
            [("mall_unpaid_cancel_minutes", ">", 0)])
        cancelled = self.browse()
        for company in companies:
            limit = now - timedelta(minutes=company.mall_unpaid_cancel_minutes)
            orders = self.search([
                ("company_id", "=", company.id),
                ("store_id.store_type", "=", "own_shop"),
                ("state", "=", "sale"),
                ("mall_payment_state", "=", "unpaid"),
                ("mall_is_shipped", "=", False),
                ("confirmation_date", "<=", fields.Datetime.to_string(limit)),
            ])
            orders = orders.filtered(lambda o: not any(
                inv.state in ("open", "paid") for inv in o.invoice_ids))
            if not orders:
                continue
            orders.mapped("invoice_ids").filtered(
                lambda inv: inv.state == "draft").action_invoice_cancel()
            orders.with_context(mall_auto_cancel=True).action_cancel()
            for order in orders:
                order.message_post(body=_(
                    "Cancelled automatically: unpaid %d minutes after it "
                    "was placed.") % company.mall_unpaid_cancel_minutes)
            cancelled |= orders
        return cancelled

    # ------------------------------------------------------------------
    # Customer edits

    @api.multi
    def _mall_check_customer_edit(self, values, now=None):
        """Raise ``MallOrderEditError`` unless the customer may change this
        order now with ``values`` (order fields)."""
        self.ensure_one()
        locked = [f for f in values if f in CUSTOMER_LOCKED_FIELDS]
        if locked:
            raise MallOrderEditError(_(
                "The delivery address and the contact of an order cannot be "
                "changed online. Please contact customer service."))
        unknown = [f for f in values if f not in CUSTOMER_EDITABLE_FIELDS]
        if unknown:
            raise MallOrderEditError(_(
                "These order fields cannot be changed online: %s")
                % ", ".join(sorted(unknown)))
        if self.mall_state not in ("quotation", "to_pay"):
            raise MallOrderEditError(_(
                "Order %s can no longer be changed: only orders awaiting "
                "payment can be. You may request a cancellation or an "
                "after-sales service instead.") % self.name)
        if self.mall_edit_count >= self.company_id.mall_edit_max_count:
            raise MallOrderEditError(_(
                "Order %(name)s has already been changed %(count)d times, "
                "the most allowed.") % {"name": self.name,
                                        "count": self.mall_edit_count})
        now = now or fields.Datetime.now()
        if self.mall_edit_deadline and now > self.mall_edit_deadline:
            raise MallOrderEditError(_(
                "Order %(name)s can only be changed within %(minutes)d "
                "minutes after it was placed.") % {
                    "name": self.name,
                    "minutes": self.company_id.mall_edit_window_minutes})

    @api.multi
    def mall_customer_edit(self, line_quantities=None, new_lines=None,
                           values=None, now=None):
        """Apply one change of the customer to an unpaid order: new
        quantities of existing lines (``{line_id: qty}``, 0 removes the
        line), new lines (``[(product_id, qty)]``) and order ``values``
        (only the remark).  Prices come from the order's pricelist, the
        amounts are recomputed and the reservations follow.  Counts as one
        edit; raises ``MallOrderEditError`` when the rules refuse it."""
        self.ensure_one()
        values = values or {}
        line_quantities = line_quantities or {}
        new_lines = new_lines or []
        self._mall_check_customer_edit(values, now=now)
        lines = self.order_line.filtered(lambda rec: rec.id in line_quantities)
        if len(lines) != len(line_quantities):
            raise MallOrderEditError(_("Unknown order line."))
        changed = False
        for line in lines:
            qty = float(line_quantities[line.id])
            if qty < 0:
                raise MallOrderEditError(_("A quantity cannot be negative."))
            if float_compare(qty, line.product_uom_qty, precision_rounding=(
                    line.product_uom.rounding)) != 0:
                line._mall_set_customer_quantity(qty)
                changed = True
        for product_id, qty in new_lines:
            self._mall_add_customer_line(product_id, qty)
            changed = True
        if values:
            self.write(values)
            changed = True
        if not changed:
            raise MallOrderEditError(_("Nothing was changed."))
        if all(float_is_zero(rec.product_uom_qty, precision_rounding=(
                rec.product_uom.rounding)) for rec in self.order_line):
            raise MallOrderEditError(_(
                "An order cannot be left without products: cancel it "
                "instead."))
        self.mall_edit_count += 1
        self.message_post(body=_(
            "Changed by the customer (%(count)d of %(max)d).") % {
                "count": self.mall_edit_count,
                "max": self.company_id.mall_edit_max_count})
        return True

    @api.multi
    def _mall_add_customer_line(self, product_id, qty):
        self.ensure_one()
        product = self.env["product.product"].browse(int(product_id))
        if not product.exists() or not product.sale_ok or float(qty) <= 0:
            raise MallOrderEditError(_("This product cannot be ordered."))
        line = self.env["sale.order.line"].new({
            "order_id": self.id, "product_id": product.id,
            "product_uom_qty": float(qty)})
        line.product_id_change()
        line.product_uom_qty = float(qty)
        line._onchange_discount()
        values = line._convert_to_write(
            {name: line[name] for name in line._cache})
        values["product_uom_qty"] = float(qty)
        self.env["sale.order.line"].create(values)

    # ------------------------------------------------------------------
    # Buttons

    @api.multi
    def action_mall_view_aftersales(self):
        self.ensure_one()
        action = self.env.ref("mall_order.mall_aftersale_action").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    @api.multi
    def action_mall_new_aftersale(self):
        """Open a new request on this order, its lines pre-filled with what
        was shipped (or ordered, before shipment) and not yet claimed."""
        self.ensure_one()
        kind = "return" if self.mall_is_shipped else "refund"
        lines = []
        for line in self.order_line:
            if kind == "return":
                qty = line._mall_get_shipped_qty() - line._mall_get_requested_qty(
                    ("return", "exchange"))
            else:
                qty = line.product_uom_qty - line._mall_get_requested_qty(
                    ("return", "refund"))
            if qty > 0:
                lines.append((0, 0, {"sale_line_id": line.id, "quantity": qty}))
        return {
            "type": "ir.actions.act_window",
            "res_model": "mall.aftersale",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_order_id": self.id,
                "default_kind": kind,
                "default_line_ids": lines,
            },
        }

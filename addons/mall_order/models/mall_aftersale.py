# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.tools.float_utils import float_compare, float_is_zero

from ..exceptions import MallAfterSaleError

KINDS = [
    ("return", "Return and refund"),
    ("exchange", "Exchange"),
    ("refund", "Refund only"),
]
REASONS = [
    ("no_reason", "Changed my mind (7-day no-reason return)"),
    ("quality", "Quality problem"),
    ("wrong_item", "Wrong item sent"),
    ("not_as_described", "Not as described"),
    ("damaged", "Damaged in transit"),
    ("missing", "Missing items"),
    ("other", "Other"),
]
STATES = [
    ("draft", "Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("received", "Goods received"),
    ("refunded", "Refunded"),
    ("done", "Done"),
    ("cancel", "Withdrawn"),
]
#: Kinds whose goods come back through a return picking.
RETURN_KINDS = ("return", "exchange")
#: Kinds that refund money.
REFUND_KINDS = ("return", "refund")


class MallAftersale(models.Model):
    """An after-sales request (售后单) of a customer on one order: return
    and refund, exchange, or refund only."""

    _name = "mall.aftersale"
    _description = "After-Sales Request"
    _inherit = ["mail.thread", "portal.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False,
        default="/")
    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="restrict",
        readonly=True, states={"draft": [("readonly", False)]},
        domain=[("state", "in", ("sale", "done"))])
    partner_id = fields.Many2one(
        related="order_id.partner_id", store=True, readonly=True,
        string="Customer")
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(
        related="order_id.currency_id", readonly=True)
    store_id = fields.Many2one(
        related="order_id.store_id", store=True, readonly=True)
    mall_region_id = fields.Many2one(
        related="order_id.mall_region_id", store=True, readonly=True,
        string="Sales Region")
    kind = fields.Selection(
        KINDS, string="Type", required=True, default="return",
        readonly=True, states={"draft": [("readonly", False)]},
        track_visibility="onchange")
    reason = fields.Selection(
        REASONS, required=True, default="no_reason", readonly=True,
        states={"draft": [("readonly", False)]})
    description = fields.Text(
        readonly=True, states={"draft": [("readonly", False)]})
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, copy=False,
        index=True, track_visibility="onchange")
    source = fields.Selection(
        [("portal", "Customer portal"), ("staff", "Back office")],
        default="staff", readonly=True)
    request_date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now,
        copy=False)
    line_ids = fields.One2many(
        "mall.aftersale.line", "request_id", string="Lines", copy=True,
        readonly=True, states={"draft": [("readonly", False)]})
    attachment_ids = fields.Many2many(
        "ir.attachment", "mall_aftersale_attachment_rel", "request_id",
        "attachment_id", string="Photos and Files",
        help="Photos of the goods, waybills, other proof.")
    decision_uid = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False)
    decision_date = fields.Datetime(
        string="Decided On", readonly=True, copy=False)
    reject_reason = fields.Text(
        track_visibility="onchange",
        help="Why the request is rejected; shown to the customer.")
    picking_ids = fields.One2many(
        "stock.picking", "mall_aftersale_id", string="Transfers",
        readonly=True)
    refund_invoice_id = fields.Many2one(
        "account.invoice", string="Credit Note", readonly=True, copy=False)
    amount_untaxed = fields.Monetary(
        compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(
        string="Refund Amount", compute="_compute_amounts", store=True)

    @api.depends("line_ids.amount_untaxed", "line_ids.amount_total")
    def _compute_amounts(self):
        for request in self:
            request.amount_untaxed = sum(request.line_ids.mapped(
                "amount_untaxed"))
            request.amount_total = sum(request.line_ids.mapped("amount_total"))

    @api.multi
    def _compute_portal_url(self):
        for request in self:
            request.portal_url = "/my/aftersales/%d" % request.id

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals = dict(vals, name=self.env["ir.sequence"].next_by_code(
                "mall.aftersale") or "/")
        request = super(MallAftersale, self).create(vals)
        request._mall_check_request(check_window=True)
        return request

    @api.multi
    def write(self, vals):
        result = super(MallAftersale, self).write(vals)
        if "line_ids" in vals or "kind" in vals or "order_id" in vals:
            self._mall_check_request(check_window=False)
        return result

    @api.multi
    def unlink(self):
        if any(r.state not in ("draft", "cancel") for r in self):
            raise MallAfterSaleError(_(
                "Only requests not yet decided can be deleted."))
        return super(MallAftersale, self).unlink()

    # ------------------------------------------------------------------
    # Rules

    @api.multi
    def _mall_check_request(self, check_window):
        """Raise ``MallAfterSaleError`` unless the request may exist: an
        order that is confirmed, paid (refunds) or shipped (returns and
        exchanges), quantities within what is left, and (for a new
        request) inside the after-sales window of each line."""
        now = fields.Datetime.now()
        # Serialise the requests of an order: two customers' tabs (or a
        # customer and customer service) claiming the same units at once
        # must not both pass the quantity check.
        self.mapped("order_id")._mall_lock()
        for request in self:
            order = request.order_id
            if order.state not in ("sale", "done"):
                raise MallAfterSaleError(_(
                    "Order %s is not confirmed: cancel it instead.")
                    % order.name)
            if not request.line_ids:
                raise MallAfterSaleError(_(
                    "Choose the products and quantities of the request."))
            if request.kind in REFUND_KINDS and order.mall_payment_state not in (
                    "paid", "partial_refund"):
                raise MallAfterSaleError(_(
                    "Order %s has not been paid: nothing can be refunded.")
                    % order.name)
            for line in request.line_ids:
                if line.sale_line_id.order_id != order:
                    raise MallAfterSaleError(_(
                        "Every line must belong to order %s.") % order.name)
                line._mall_check_quantity()
                deadline = line.sale_line_id._mall_get_return_deadline()
                if check_window and deadline and now > deadline:
                    raise MallAfterSaleError(_(
                        "The after-sales window of %(product)s closed on "
                        "%(deadline)s.") % {
                            "product": line.product_id.display_name,
                            "deadline": deadline})

    @api.multi
    def _mall_check_state(self, *states):
        for request in self:
            if request.state not in states:
                raise MallAfterSaleError(_(
                    "Request %(name)s is %(state)s: this step is not "
                    "possible now.") % {
                        "name": request.name,
                        "state": dict(STATES)[request.state]})

    # ------------------------------------------------------------------
    # Steps

    @api.multi
    def action_approve(self):
        """Staff accept the request: a return picking for returns and
        exchanges, a draft credit note for refunds only."""
        self._mall_check_state("draft")
        self._mall_check_request(check_window=False)
        self.write({"state": "approved", "decision_uid": self.env.uid,
                    "decision_date": fields.Datetime.now()})
        for request in self:
            if request.kind in RETURN_KINDS:
                request._mall_create_return_pickings()
            else:
                request._mall_create_credit_note()
        return True

    @api.multi
    def action_reject(self):
        self._mall_check_state("draft")
        for request in self:
            if not (request.reject_reason or "").strip():
                raise MallAfterSaleError(_(
                    "Write down why request %s is rejected: the customer "
                    "sees it.") % request.name)
        self.write({"state": "rejected", "decision_uid": self.env.uid,
                    "decision_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_withdraw(self):
        """The customer (or staff for them) withdraws the request before
        the goods come back; open return pickings are cancelled."""
        self._mall_check_state("draft", "approved")
        for request in self:
            if request.picking_ids.filtered(lambda p: p.state == "done"):
                raise MallAfterSaleError(_(
                    "The goods of %s are already back: the request cannot "
                    "be withdrawn.") % request.name)
            # sudo: the customer withdrawing has no right on pickings.
            request.picking_ids.sudo().filtered(
                lambda p: p.state != "cancel").action_cancel()
            if request.refund_invoice_id.state == "draft":
                request.refund_invoice_id.sudo().action_invoice_cancel()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_close(self):
        """Staff close a refunded request whose money went back outside
        Odoo's payments (e.g. by the marketplace)."""
        self._mall_check_state("refunded")
        self.write({"state": "done"})
        return True

    @api.multi
    def _mall_return_allocation(self):
        """{delivery move: quantity to return}: the request's quantities
        spread over the done delivery moves of each line, minus what was
        already returned from each move."""
        self.ensure_one()
        allocation = {}
        for line in self.line_ids:
            remaining = line.quantity
            moves = line.sale_line_id.move_ids.filtered(
                lambda m: m.state == "done"
                and m.location_dest_id.usage == "customer"
                and not m.origin_returned_move_id)
            for move in moves.sorted("id"):
                if float_is_zero(remaining, precision_rounding=(
                        line.product_uom_id.rounding)):
                    break
                returned = sum(move.returned_move_ids.filtered(
                    lambda m: m.state != "cancel").mapped("product_uom_qty"))
                free = move.product_uom_qty - returned
                qty = min(free, remaining)
                if qty > 0:
                    allocation[move] = allocation.get(move, 0.0) + qty
                    remaining -= qty
            if float_compare(remaining, 0.0, precision_rounding=(
                    line.product_uom_id.rounding)) > 0:
                raise MallAfterSaleError(_(
                    "Only part of %(product)s was shipped: %(qty)s cannot "
                    "come back.") % {"product": line.product_id.display_name,
                                     "qty": line.quantity})
        return allocation

    @api.multi
    def _mall_create_return_pickings(self):
        """One return picking per original delivery, through Odoo's return
        wizard, with "update quantities on the order" set so that the
        delivered quantity drops on receipt."""
        self.ensure_one()
        per_picking = defaultdict(dict)
        for move, qty in self._mall_return_allocation().items():
            per_picking[move.picking_id][move.id] = qty
        Wizard = self.env["stock.return.picking"].sudo()
        # sudo: approving is customer service's decision; the return
        # picking is a warehouse document they cannot create themselves.
        for picking, quantities in per_picking.items():
            wizard = Wizard.with_context(
                active_id=picking.id, active_ids=picking.ids,
                active_model="stock.picking").create({})
            for return_line in wizard.product_return_moves:
                return_line.write({
                    "quantity": quantities.get(return_line.move_id.id, 0.0),
                    "to_refund": True,
                })
            new_picking_id = wizard._create_returns()[0]
            self.env["stock.picking"].sudo().browse(new_picking_id).write({
                "mall_aftersale_id": self.id,
                "origin": "%s (%s)" % (self.name, picking.name),
            })

    @api.multi
    def _mall_create_credit_note(self):
        """A draft credit note of the request's lines, for finance to check
        and validate."""
        self.ensure_one()
        order = self.order_id
        # sudo: the credit note is a finance document; customer service or
        # the warehouse trigger it by approving / receiving the goods.
        Invoice = self.env["account.invoice"].sudo()
        vals = order.sudo()._prepare_invoice()
        original = order._mall_get_invoices("out_invoice")[:1]
        vals.update({
            "type": "out_refund",
            "origin": "%s, %s" % (order.name, self.name),
            "name": self.name,
            "mall_aftersale_id": self.id,
            "refund_invoice_id": original.id,
            "invoice_line_ids": [
                (0, 0, line._mall_prepare_refund_line_vals())
                for line in self.line_ids],
        })
        invoice = Invoice.create(vals)
        invoice.compute_taxes()
        self.refund_invoice_id = invoice
        invoice.message_post(body=_("Credit note of after-sales request %s.")
                             % self.name)
        return invoice

    @api.multi
    def _mall_create_exchange_picking(self):
        """The replacement goods go out like a delivery of the order (same
        procurement group), not linked to the order lines: the customer
        keeps what they paid for, no more."""
        self.ensure_one()
        order = self.order_id
        warehouse = order.warehouse_id
        picking_type = warehouse.out_type_id
        Picking = self.env["stock.picking"].sudo()
        # sudo: see _mall_create_return_pickings.
        picking = Picking.create({
            "picking_type_id": picking_type.id,
            "partner_id": order.partner_shipping_id.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id":
                order.partner_shipping_id.property_stock_customer.id,
            "origin": "%s (%s)" % (self.name, order.name),
            "group_id": order.procurement_group_id.id,
            "mall_aftersale_id": self.id,
            "move_lines": [(0, 0, {
                "name": line.product_id.display_name,
                "product_id": line.product_id.id,
                "product_uom_qty": line.quantity,
                "product_uom": line.product_uom_id.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id":
                    order.partner_shipping_id.property_stock_customer.id,
                "picking_type_id": picking_type.id,
                "warehouse_id": warehouse.id,
                "group_id": order.procurement_group_id.id,
            }) for line in self.line_ids],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    # ------------------------------------------------------------------
    # Reactions to the documents

    @api.multi
    def _mall_on_picking_done(self):
        """A transfer of the request is done: the goods are back once every
        return picking is done; an exchange is done once the replacement
        has left."""
        for request in self:
            returns = request.picking_ids.filtered(
                lambda p: p.picking_type_id.code == "incoming")
            replacements = request.picking_ids - returns
            if request.state == "approved" and returns and all(
                    p.state in ("done", "cancel") for p in returns):
                request.state = "received"
                if request.kind == "exchange":
                    request._mall_create_exchange_picking()
                else:
                    request._mall_create_credit_note()
            elif (request.state == "received" and request.kind == "exchange"
                  and replacements and all(
                      p.state in ("done", "cancel") for p in replacements)):
                request.state = "done"

    @api.multi
    def _mall_on_credit_note_validated(self):
        """The credit note is validated: the refund is decided, the order's
        refund event fires with the credit note's amount."""
        for request in self.filtered(
                lambda r: r.state in ("approved", "received")):
            request.state = "refunded"
            request.order_id._mall_order_refunded(
                request.refund_invoice_id.amount_total, request.line_ids)

    @api.multi
    def _mall_on_credit_note_paid(self):
        self.filtered(lambda r: r.state == "refunded").write({"state": "done"})


class MallAftersaleLine(models.Model):
    _name = "mall.aftersale.line"
    _description = "After-Sales Request Line"

    request_id = fields.Many2one(
        "mall.aftersale", required=True, index=True, ondelete="cascade")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, index=True,
        ondelete="restrict")
    product_id = fields.Many2one(
        related="sale_line_id.product_id", readonly=True, store=True)
    product_uom_id = fields.Many2one(
        related="sale_line_id.product_uom", readonly=True,
        string="Unit of Measure")
    quantity = fields.Float(
        required=True, default=1.0,
        digits=dp.get_precision("Product Unit of Measure"))
    currency_id = fields.Many2one(
        related="request_id.currency_id", readonly=True)
    amount_untaxed = fields.Monetary(
        compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(compute="_compute_amounts", store=True)

    @api.depends("quantity", "sale_line_id.price_reduce",
                 "sale_line_id.tax_id")
    def _compute_amounts(self):
        for line in self:
            sale_line = line.sale_line_id
            taxes = sale_line.tax_id.compute_all(
                sale_line.price_reduce, sale_line.order_id.currency_id,
                line.quantity, product=sale_line.product_id,
                partner=sale_line.order_id.partner_shipping_id)
            line.amount_untaxed = taxes["total_excluded"]
            line.amount_total = taxes["total_included"]

    @api.multi
    def _mall_get_max_quantity(self):
        """Quantity of the order line this request may still cover."""
        self.ensure_one()
        sale_line = self.sale_line_id
        request = self.request_id
        if request.kind in RETURN_KINDS:
            # Goods come back: what was shipped and not already claimed by
            # another return or exchange.
            return sale_line._mall_get_shipped_qty() - (
                sale_line._mall_get_requested_qty(RETURN_KINDS, request))
        # Refund only: what was ordered and not already refunded.
        return sale_line.product_uom_qty - sale_line._mall_get_requested_qty(
            REFUND_KINDS, request)

    @api.multi
    def _mall_check_quantity(self):
        for line in self:
            rounding = line.product_uom_id.rounding
            if float_compare(line.quantity, 0.0,
                             precision_rounding=rounding) <= 0:
                raise MallAfterSaleError(_(
                    "The quantity of %s must be positive.")
                    % line.product_id.display_name)
            maximum = line._mall_get_max_quantity()
            if float_compare(line.quantity, maximum,
                             precision_rounding=rounding) > 0:
                if line.request_id.kind in RETURN_KINDS and float_is_zero(
                        line.sale_line_id._mall_get_shipped_qty(),
                        precision_rounding=rounding):
                    raise MallAfterSaleError(_(
                        "%s has not been shipped yet: request a refund or "
                        "cancel the order instead of a return.")
                        % line.product_id.display_name)
                raise MallAfterSaleError(_(
                    "At most %(qty)s of %(product)s can still be "
                    "claimed.") % {"qty": max(maximum, 0.0),
                                   "product": line.product_id.display_name})

    @api.multi
    def _mall_prepare_refund_line_vals(self):
        """Credit note line of the request line, at the order's price.
        Lines of products invoiced on delivered quantities are linked to
        the order line (the return lowered the delivered quantity, the
        credit note lowers the invoiced one); lines invoiced on ordered
        quantities are not, or the order would ask to invoice them again."""
        self.ensure_one()
        sale_line = self.sale_line_id.sudo()
        vals = sale_line._prepare_invoice_line(qty=self.quantity)
        if sale_line.product_id.invoice_policy == "delivery":
            vals["sale_line_ids"] = [(6, 0, sale_line.ids)]
        return vals

    @api.multi
    def write(self, vals):
        result = super(MallAftersaleLine, self).write(vals)
        if "quantity" in vals or "sale_line_id" in vals:
            self._mall_check_quantity()
        return result

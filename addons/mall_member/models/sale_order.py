# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from fractions import Fraction

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import engine


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_member_level_id = fields.Many2one(
        "mall.member.level", string="Member Level",
        related="partner_id.commercial_partner_id.mall_level_id",
        readonly=True)
    mall_points_used = fields.Integer(
        string="Points Used", compute="_compute_mall_points",
        help="Points that paid the order, less those returned by refunds.")
    mall_points_earned = fields.Integer(
        string="Points Earned", compute="_compute_mall_points")
    mall_points_move_ids = fields.One2many(
        "mall.points.move", "order_id", string="Points", readonly=True,
        groups="mall_base.group_mall_user")
    mall_points_grant_ids = fields.One2many(
        "mall.points.grant", "order_id", string="Points Schedule",
        readonly=True,
        groups="mall_base.group_mall_user")

    @api.multi
    def _compute_mall_points(self):
        if not self.ids:
            return
        self.env.cr.execute("""
            SELECT order_id,
                   -COALESCE(SUM(available) FILTER (
                        WHERE kind IN ('spend', 'return')), 0),
                   COALESCE(SUM(pending) FILTER (WHERE kind = 'earn'), 0)
              FROM mall_points_move WHERE order_id = ANY(%s)
             GROUP BY order_id""", (list(self.ids),))
        data = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for order in self:
            order.mall_points_used, order.mall_points_earned = data.get(
                order.id, (0, 0))

    @api.multi
    def _mall_points_paid(self):
        """The money paid with points (the points journal's payments on
        the order's invoices, less what was paid back on credit notes)."""
        self.ensure_one()
        journal = self.company_id.mall_points_journal_id
        if not journal:
            return super(SaleOrder, self)._mall_points_paid()
        payments = self.env["account.payment"].sudo().search([
            ("journal_id", "=", journal.id), ("state", "!=", "draft"),
            ("state", "!=", "cancelled"),
            ("invoice_ids", "in", self._mall_get_invoices("out_invoice").ids
             + self._mall_get_invoices("out_refund").ids)])
        return sum(payment.amount * (
            1 if payment.payment_type == "inbound" else -1)
            for payment in payments)

    @api.multi
    def _mall_member(self):
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        return partner if partner.mall_is_member else self.env[
            "res.partner"]

    # ------------------------------------------------------------------
    # Paying with points

    @api.multi
    def _mall_points_payable(self, available=None):
        """The most points that may pay the order now."""
        self.ensure_one()
        member = self._mall_member()
        if not member or self.state not in ("sale", "done"):
            return 0
        company = self.company_id
        if available is None:
            available = member._mall_points_balances().get(
                member.id, (0, 0, 0, 0, 0))[1]
        used = self._mall_points_paid()
        cap = engine.max_points_payment(
            self.amount_total, available, company.mall_points_cap_percent,
            company.mall_point_value)
        already = int(round(used / company.mall_point_value))
        return max(0, min(available, cap - already,
                          int(self._mall_points_unpaid())))

    @api.multi
    def _mall_points_unpaid(self):
        """What is left to pay, in points."""
        self.ensure_one()
        residual = self.amount_total - self._mall_get_paid_amount()
        return max(0, int(residual / self.company_id.mall_point_value))

    @api.multi
    def mall_pay_with_points(self, points):
        """Pay ``points`` of the order with the member's available points:
        an inbound payment of their value from the points journal on the
        order's invoice (invoiced now if needed) and a *spend* ledger
        line.  At most the cap, only available points; two spends at once
        never overdraw (the member's row is written first)."""
        self.ensure_one()
        points = int(points)
        member = self._mall_member()
        if not member:
            raise UserError(_("%s has no member account.")
                            % self.partner_id.name)
        if points <= 0:
            raise UserError(_("Give a positive number of points."))
        member._mall_lock_points()
        available = member._mall_points_balances().get(
            member.id, (0, 0, 0, 0, 0))[1]
        allowed = self._mall_points_payable(available)
        if points > allowed:
            raise UserError(_(
                "At most %(allowed)d points can pay %(order)s now "
                "(%(available)d available, cap %(cap)s %% of the "
                "total).") % {
                    "allowed": allowed, "order": self.name,
                    "available": available,
                    "cap": self.company_id.mall_points_cap_percent})
        company = self.company_id
        invoice = self._mall_get_invoices("out_invoice").filtered(
            lambda inv: inv.state == "open")[:1]
        if not invoice:
            invoice = self.env["account.invoice"].sudo().browse(
                self.sudo().action_invoice_create())
            invoice.action_invoice_open()
        money, _cash = engine.split_payment(
            self.amount_total, points, company.mall_point_value)
        payment = self._mall_points_payment(
            "inbound", invoice, float(money), _("Points %s") % self.name)
        self.env["mall.points.move"].sudo()._mall_insert([{
            "partner_id": member.id, "company_id": company.id,
            "kind": "spend", "points": -points, "available": -points,
            "order_id": self.id, "payment_id": payment.id,
            "reason": _("Paid %s") % self.name}])
        self._mall_sync_events()
        return payment

    # ------------------------------------------------------------------
    # Order events

    @api.multi
    def _mall_order_delivered(self):
        result = super(SaleOrder, self)._mall_order_delivered()
        for order in self:
            order._mall_points_earn()
        return result

    @api.multi
    def _mall_points_earn(self):
        """The order was delivered: the points of its cash-paid part go
        on a release schedule from the next day."""
        self.ensure_one()
        member = self._mall_member()
        Grant = self.env["mall.points.grant"].sudo()
        if not member or Grant.search_count([("order_id", "=", self.id)]):
            return Grant
        company = self.company_id
        cash = max(0.0, self._mall_get_paid_amount() - self._mall_points_paid())
        total = sum(self.order_line.mapped("price_total"))
        lines = [engine.EarnLine(
            Fraction(repr(line.price_total)) * Fraction(repr(cash))
            / Fraction(repr(total)) if total else 0,
            line.product_id.categ_id._mall_points_multiplier())
            for line in self.order_line if line.price_total > 0]
        points = engine.points_for_lines(
            lines, company.mall_point_value,
            member.mall_level_id.points_multiplier or 1.0) if lines else 0
        if points <= 0:
            return Grant
        start = fields.Date.from_string(
            fields.Date.context_today(self)) + timedelta(days=1)
        days = company.mall_points_release_days
        grant = Grant.create({
            "partner_id": member.id, "company_id": company.id,
            "order_id": self.id, "earned": points, "points": points,
            "start_date": fields.Date.to_string(
                start if days else start - timedelta(days=1)),
            "days": days})
        self.env["mall.points.move"].sudo()._mall_insert([{
            "partner_id": member.id, "company_id": company.id,
            "kind": "earn", "points": points, "pending": points,
            "order_id": self.id, "grant_id": grant.id,
            "reason": _("Delivered %s") % self.name}])
        if not days:
            Grant._mall_release_due(partner_ids=[member.id])
        return grant

    @api.multi
    def _mall_order_completed(self):
        result = super(SaleOrder, self)._mall_order_completed()
        for order in self:
            member = order._mall_member()
            if not member:
                continue
            spending = order.amount_total - order.mall_refunded_amount
            growth = engine.growth_for_spending(
                max(spending, 0.0),
                member.mall_level_id.growth_coefficient or 1.0)
            if growth:
                member._mall_apply_growth(
                    growth, "order", _("Completed %s") % order.name,
                    order=order)
        return result

    @api.multi
    def _mall_order_refunded(self, amount, lines):
        result = super(SaleOrder, self)._mall_order_refunded(amount, lines)
        member = self._mall_member()
        if member and self.amount_total:
            self._mall_points_refund(member, amount, lines)
        return result

    @api.multi
    def _mall_points_refund(self, member, amount, lines):
        """decisions.md: unreleased points of the refunded part are
        cancelled, released points not spent are taken back (a shortfall
        becomes a debt), points used to pay are returned (pro rata), and
        growth is rolled back when it was already credited."""
        self.ensure_one()
        company = self.company_id
        Move = self.env["mall.points.move"].sudo()
        member._mall_lock_points()
        grant = self.env["mall.points.grant"].sudo().search(
            [("order_id", "=", self.id)])
        fraction = engine.refund_fraction(amount, self.amount_total)
        previous = self._mall_refunded_fraction_before(amount)
        used = -sum(Move.search([("order_id", "=", self.id),
                                 ("kind", "=", "spend")]).mapped("available"))
        available = member._mall_points_balances().get(
            member.id, (0, 0, 0, 0, 0))[1]
        refund = engine.refund_points(
            grant.earned if grant else 0, grant.held if grant else 0,
            available, min(fraction, 1 - previous), used, previous)
        rows = []
        reason = _("Refund of %s") % self.name
        base = {"partner_id": member.id, "company_id": company.id,
                "order_id": self.id, "grant_id": grant.id or None,
                "reason": reason}
        payment = self.env["account.payment"]
        if refund.returned:
            payment = self._mall_points_pay_back(refund.returned, lines)
            rows.append(dict(base, kind="return", points=refund.returned,
                             available=refund.returned,
                             payment_id=payment.id or None))
        if refund.cancelled:
            rows.append(dict(base, kind="cancel", points=-refund.cancelled,
                             pending=-refund.cancelled))
        if refund.taken_back:
            rows.append(dict(base, kind="take_back",
                             points=-refund.taken_back,
                             available=-refund.taken_back))
        if refund.debt:
            rows.append(dict(base, kind="debt", points=-refund.debt,
                             debt=refund.debt))
        Move._mall_insert(rows)
        if grant:
            today = fields.Date.from_string(fields.Date.context_today(self))
            last = fields.Date.from_string(grant.last_date)
            tomorrow = today + timedelta(days=1)
            days = max(0, (last - today).days) if grant.days else 0
            grant.write({
                "held": refund.released,
                "points": refund.remaining, "released": 0,
                "start_date": fields.Date.to_string(
                    tomorrow if days else today),
                "days": days,
                "state": "open" if refund.remaining else "done"})
        rollback = self.env["mall.growth.move"].sudo().search([
            ("order_id", "=", self.id), ("kind", "=", "order")])
        if rollback:
            earned = sum(rollback.mapped("amount"))
            back = engine.growth_rollback(earned, fraction, previous)
            if back:
                member._mall_apply_growth(-back, "rollback", reason,
                                          order=self)
        member._mall_repay_debts()
        return refund

    @api.multi
    def _mall_refunded_fraction_before(self, amount):
        """The share of the order refunded before this refund of
        ``amount`` (from the order's refund events, this one included)."""
        self.ensure_one()
        events = self.env["mall.order.event"].sudo().search([
            ("order_id", "=", self.id), ("event", "=", "refunded")])
        before = max(0.0, sum(events.mapped("amount")) - amount)
        return min(engine.refund_fraction(before, self.amount_total), 1)

    @api.multi
    def _mall_points_pay_back(self, points, lines):
        """Pay the points' value of the refund back from the points
        journal, on the credit note: the rest is paid back in cash."""
        self.ensure_one()
        credit_note = lines.mapped("request_id.refund_invoice_id").filtered(
            lambda inv: inv.state == "open")[:1]
        company = self.company_id
        value = min(points * company.mall_point_value,
                    credit_note.residual if credit_note else 0.0)
        if not credit_note or value <= 0:
            return self.env["account.payment"]
        return self._mall_points_payment(
            "outbound", credit_note, value, _("Points back %s") % self.name)

    @api.multi
    def _mall_points_payment(self, payment_type, invoice, amount, memo):
        """A posted payment of the points journal on ``invoice``."""
        journal, _liability, _expense = \
            self.company_id._mall_points_accounts()
        payment = self.env["account.payment"].sudo().create({
            "payment_type": payment_type, "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id,
            "amount": amount, "journal_id": journal.id,
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in"
                if payment_type == "inbound"
                else "account.account_payment_method_manual_out").id,
            "payment_date": fields.Date.context_today(self),
            "communication": memo, "invoice_ids": [(4, invoice.id)]})
        payment.post()
        return payment

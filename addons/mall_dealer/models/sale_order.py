# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mall_deposit_frozen = fields.Monetary(
        string="Frozen on the Deposit", readonly=True, copy=False,
        help="The part of the order held on the dealer's pre-deposit "
        "until it is invoiced.")
    mall_credit_used = fields.Monetary(
        string="On Credit", readonly=True, copy=False,
        help="The part of the order the deposit did not cover.")

    @api.multi
    def _mall_deposit_dealer(self):
        """The dealer whose deposit the order draws on, if any."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        return partner if partner.mall_dealer_type and \
            partner.mall_deposit_required else self.env["res.partner"]

    @api.multi
    def action_confirm(self):
        # Freeze first: a short deposit refuses the confirmation before
        # anything is reserved.
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order._mall_deposit_freeze()
        return super(SaleOrder, self).action_confirm()

    @api.multi
    def _mall_deposit_freeze(self):
        """Freeze the order's amount on the dealer's deposit (available
        → frozen); what the deposit lacks must fit in the credit limit,
        else the confirmation is refused with the figures.  Two
        confirmations at once never overdraw (the dealer's row is written
        first)."""
        self.ensure_one()
        dealer = self._mall_deposit_dealer()
        if not dealer or self.mall_deposit_frozen or self.mall_credit_used:
            return False
        dealer._mall_lock_deposit()
        available = max(0.0, dealer._mall_deposit_balances().get(
            dealer.id, (0.0, 0.0))[0])
        rounding = self.currency_id.rounding
        frozen = min(available, self.amount_total)
        short = float_round(self.amount_total - frozen,
                            precision_rounding=rounding)
        if short > 0:
            exposure = dealer._mall_credit_exposure().get(dealer.id, 0.0)
            room = dealer.mall_credit_limit - exposure
            if float_compare(short, room, precision_rounding=rounding) > 0:
                raise UserError(_(
                    "%(dealer)s cannot confirm %(order)s: it costs "
                    "%(amount).2f, the deposit has %(available).2f "
                    "available and the credit left is %(room).2f "
                    "(limit %(limit).2f, used %(used).2f).  Top up the "
                    "deposit or raise the credit limit.") % {
                        "dealer": dealer.name, "order": self.name,
                        "amount": self.amount_total, "available": available,
                        "room": max(room, 0.0),
                        "limit": dealer.mall_credit_limit, "used": exposure})
        self.write({"mall_deposit_frozen": frozen, "mall_credit_used": short})
        if frozen:
            self.env["mall.dealer.deposit.move"]._mall_add(
                dealer, "freeze", available=-frozen, frozen=frozen,
                order_id=self.id, reason=_("Confirmed %s") % self.name)
        return True

    @api.multi
    def action_cancel(self):
        result = super(SaleOrder, self).action_cancel()
        for order in self.filtered(lambda o: o.mall_deposit_frozen
                                   or o.mall_credit_used):
            order._mall_deposit_release()
        return result

    @api.multi
    def _mall_deposit_release(self):
        """The order is cancelled: what it froze is available again, its
        credit is free."""
        self.ensure_one()
        dealer = self.partner_id.commercial_partner_id
        dealer._mall_lock_deposit()
        if self.mall_deposit_frozen:
            self.env["mall.dealer.deposit.move"]._mall_add(
                dealer, "release", available=self.mall_deposit_frozen,
                frozen=-self.mall_deposit_frozen, order_id=self.id,
                reason=_("Cancelled %s") % self.name)
        self.write({"mall_deposit_frozen": 0.0, "mall_credit_used": 0.0})
        return True

    @api.multi
    def _mall_deposit_deduct(self, invoice):
        """The order is invoiced: its frozen amount pays the invoice (a
        payment of the deposit journal) and leaves the deposit."""
        self.ensure_one()
        amount = min(self.mall_deposit_frozen, invoice.residual)
        if amount <= 0:
            return False
        dealer = self.partner_id.commercial_partner_id
        dealer._mall_lock_deposit()
        payment = invoice.company_id._mall_deposit_payment(
            "inbound", dealer, invoice, amount, _("Deposit %s") % self.name)
        self.env["mall.dealer.deposit.move"]._mall_add(
            dealer, "deduct", frozen=-amount, order_id=self.id,
            invoice_id=invoice.id, payment_id=payment.id,
            reason=_("Invoiced %s") % invoice.number)
        self.write({"mall_deposit_frozen": self.mall_deposit_frozen - amount,
                    "mall_credit_used": 0.0})
        return payment

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def action_invoice_open(self):
        result = super(AccountInvoice, self).action_invoice_open()
        for invoice in self.filtered(lambda inv: inv.type == "out_invoice"):
            orders = invoice.invoice_line_ids.mapped(
                "sale_line_ids.order_id").filtered("mall_deposit_frozen")
            for order in orders:
                order._mall_deposit_deduct(invoice)
        for credit_note in self.filtered(
                lambda inv: inv.type == "out_refund"
                and inv.refund_invoice_id):
            credit_note._mall_deposit_refund()
        return result

    @api.multi
    def _mall_deposit_refund(self):
        """A credit note of an invoice the deposit paid: the money goes
        back to the deposit (at most what the deposit paid, less earlier
        refunds), paid on the credit note from the deposit journal."""
        self.ensure_one()
        original = self.refund_invoice_id
        Move = self.env["mall.dealer.deposit.move"].sudo()
        lines = Move.search([("invoice_id", "=", original.id),
                             ("kind", "in", ("deduct", "refund"))])
        paid = -sum(lines.filtered(lambda m: m.kind == "deduct")
                    .mapped("frozen"))
        refunded = sum(lines.filtered(lambda m: m.kind == "refund")
                       .mapped("available"))
        amount = min(self.residual, paid - refunded)
        if amount <= 0:
            return False
        dealer = self.commercial_partner_id
        dealer._mall_lock_deposit()
        payment = self.company_id._mall_deposit_payment(
            "outbound", dealer, self, amount,
            _("Deposit refund %s") % (self.number or ""))
        Move._mall_add(dealer, "refund", available=amount,
                       invoice_id=original.id, payment_id=payment.id,
                       reason=_("Credit note %s") % self.number)
        return payment

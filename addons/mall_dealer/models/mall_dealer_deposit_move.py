# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

#: Kinds of deposit lines; the balances they move are the signs of their
#: available and frozen columns.
KINDS = [
    ("topup", "Top-up"),
    ("bonus", "Top-up bonus"),
    ("freeze", "Frozen for an order"),
    ("release", "Released (order cancelled)"),
    ("deduct", "Deducted (order invoiced)"),
    ("refund", "Refund to the deposit"),
    ("adjust", "Adjustment"),
]


class MallDealerDepositMove(models.Model):
    """The pre-deposit ledger (预存款) of the dealers: append-only.  The
    *available* balance is what the dealer can still spend, the *frozen*
    balance what confirmed orders hold until they are invoiced; both are
    sums of the lines."""

    _name = "mall.dealer.deposit.move"
    _inherit = "mall.append.only"
    _description = "Dealer Deposit Ledger Line"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True,
        ondelete="restrict", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True,
        default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id",
                                  readonly=True)
    date = fields.Datetime(required=True, readonly=True,
                           default=fields.Datetime.now, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    available = fields.Monetary(readonly=True)
    frozen = fields.Monetary(readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True, index=True,
                               ondelete="restrict")
    payment_id = fields.Many2one("account.payment", readonly=True,
                                 ondelete="restrict")
    invoice_id = fields.Many2one("account.invoice", readonly=True,
                                 ondelete="restrict")
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True,
                              default=lambda self: self.env.uid)

    @api.model
    def _mall_add(self, partner, kind, available=0.0, frozen=0.0, **extra):
        """Append one line (superuser: whoever caused it)."""
        values = dict(extra, partner_id=partner.id, kind=kind,
                      available=available, frozen=frozen)
        values.setdefault("company_id", partner.company_id.id
                          or self.env.user.company_id.id)
        return self.sudo().create(values)

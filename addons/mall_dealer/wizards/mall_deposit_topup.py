# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MallDepositTopup(models.TransientModel):
    """Finance records money a dealer paid into their pre-deposit."""

    _name = "mall.deposit.topup"
    _description = "Record a Dealer Deposit Top-up"

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True,
        domain=[("mall_dealer_type", "!=", False)])
    amount = fields.Float(required=True, digits=(16, 2))
    journal_id = fields.Many2one(
        "account.journal", string="Received On", required=True,
        domain=[("type", "in", ("bank", "cash"))])
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("mall_base.group_mall_finance"):
            raise UserError(_("Only finance records deposit top-ups."))
        if self.amount <= 0:
            raise UserError(_("A top-up is a positive amount."))
        payment = self.env["account.payment"].sudo().create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": self.partner_id.id, "amount": self.amount,
            "journal_id": self.journal_id.id, "payment_date": self.date,
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in").id,
            "communication": _("Deposit top-up"),
            "mall_deposit_topup": True})
        payment.post()
        return {"type": "ir.actions.act_window_close"}

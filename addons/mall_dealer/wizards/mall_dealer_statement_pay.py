# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MallDealerStatementPay(models.TransientModel):
    """Finance pays the net of posted statements (or receives it, when
    the dealer owes the company) through a bank or cash journal."""

    _name = "mall.dealer.statement.pay"
    _description = "Pay Dealer Statements"

    statement_ids = fields.Many2many(
        "mall.dealer.statement", string="Statements", required=True,
        default=lambda self: self._default_statements())
    journal_id = fields.Many2one(
        "account.journal", string="Paid Through", required=True,
        domain=[("type", "in", ("bank", "cash"))],
        default=lambda self: self.env["account.journal"].search([
            ("type", "=", "bank"),
            ("company_id", "=", self.env.user.company_id.id)], limit=1))
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Float(
        string="Net to Pay", compute="_compute_amount", digits=(16, 2),
        help="Positive: the company pays the dealers; negative: the "
        "dealers pay the company.")

    @api.model
    def _default_statements(self):
        context = self.env.context
        if context.get("active_model", "mall.dealer.statement") != \
                "mall.dealer.statement":
            return False
        return [(6, 0, context.get("active_ids") or [])]

    @api.depends("statement_ids")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = sum(wizard.statement_ids.mapped("net"))

    @api.multi
    def action_pay(self):
        self.ensure_one()
        if not self.env.user.has_group("mall_base.group_mall_finance"):
            raise UserError(_("Only finance pays dealer statements."))
        self.statement_ids._mall_pay(self.journal_id, self.date)
        return {"type": "ir.actions.act_window_close"}

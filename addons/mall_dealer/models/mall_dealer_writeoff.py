# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError


class MallDealerWriteoff(models.Model):
    """Writing off an overdue dealer receivable as a bad debt: requested
    by finance, approved by a manager, posted by finance (the bad-debt
    expense against the receivable, reconciled with the invoice)."""

    _name = "mall.dealer.writeoff"
    _description = "Dealer Bad-debt Write-off"
    _order = "id desc"
    _rec_name = "invoice_id"

    partner_id = fields.Many2one(related="invoice_id.commercial_partner_id",
                                 store=True, readonly=True, string="Dealer")
    invoice_id = fields.Many2one(
        "account.invoice", required=True, readonly=True,
        states={"draft": [("readonly", False)]},
        domain=[("type", "=", "out_invoice"), ("state", "=", "open")])
    company_id = fields.Many2one(related="invoice_id.company_id",
                                 store=True, readonly=True)
    currency_id = fields.Many2one(related="invoice_id.currency_id",
                                  readonly=True)
    amount = fields.Monetary(compute="_compute_amount", store=True,
                             help="The invoice's residual when requested.")
    reason = fields.Text(required=True, readonly=True,
                         states={"draft": [("readonly", False)]})
    state = fields.Selection(
        [("draft", "Requested"), ("approved", "Approved"),
         ("posted", "Written Off"), ("refused", "Refused")],
        default="draft", required=True, readonly=True)
    requested_by = fields.Many2one("res.users", readonly=True,
                                   default=lambda self: self.env.uid)
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Journal Entry",
                              readonly=True, copy=False)

    @api.depends("invoice_id")
    def _compute_amount(self):
        for writeoff in self:
            writeoff.amount = writeoff.invoice_id.residual

    @api.constrains("invoice_id")
    def _check_overdue(self):
        today = fields.Date.context_today(self)
        for writeoff in self:
            invoice = writeoff.invoice_id
            if not invoice.commercial_partner_id.mall_dealer_type:
                raise UserError(_("Only dealer receivables are written "
                                  "off here."))
            if not invoice.date_due or invoice.date_due >= today:
                raise UserError(_(
                    "%(invoice)s is not overdue (due %(due)s).") % {
                        "invoice": invoice.number or invoice.id,
                        "due": invoice.date_due})

    @api.multi
    def action_approve(self):
        if not self.env.user.has_group("mall_base.group_mall_manager"):
            raise AccessError(_("A manager approves write-offs."))
        for writeoff in self:
            if writeoff.state != "draft":
                raise UserError(_("Only a requested write-off is "
                                  "approved."))
        return self.write({"state": "approved", "approved_by": self.env.uid,
                           "approved_date": fields.Datetime.now()})

    @api.multi
    def action_refuse(self):
        return self.filtered(lambda w: w.state in ("draft", "approved"))\
            .write({"state": "refused"})

    @api.multi
    def action_post(self):
        """Debit the bad-debt expense, credit the receivable, reconcile
        it with the invoice (which becomes paid).  Never into a locked
        period."""
        for writeoff in self:
            if writeoff.state != "approved":
                raise UserError(_("Approve the write-off first."))
            invoice = writeoff.invoice_id
            company = invoice.company_id
            today = fields.Date.context_today(self)
            company._mall_check_lock_date(
                today, _("The write-off of %s") % invoice.number)
            amount = min(writeoff.amount, invoice.residual)
            journal, expense = company._mall_bad_debt_accounts()
            move = self.env["account.move"].create({
                "journal_id": journal.id, "date": today,
                "ref": _("Bad debt %s") % invoice.number,
                "line_ids": [
                    (0, 0, {"name": _("Bad debt %s") % invoice.number,
                            "account_id": expense.id,
                            "partner_id": invoice.commercial_partner_id.id,
                            "debit": amount, "credit": 0.0}),
                    (0, 0, {"name": _("Bad debt %s") % invoice.number,
                            "account_id": invoice.account_id.id,
                            "partner_id": invoice.commercial_partner_id.id,
                            "debit": 0.0, "credit": amount})]})
            move.post()
            (move.line_ids | invoice.move_id.line_ids).filtered(
                lambda line: line.account_id == invoice.account_id
                and not line.reconciled).reconcile()
            writeoff.write({"state": "posted", "move_id": move.id})
        return True


class MallDealerAging(models.Model):
    """Open dealer receivables by how overdue they are."""

    _name = "mall.dealer.aging"
    _description = "Dealer Receivable Aging"
    _auto = False
    _order = "days_overdue desc"

    partner_id = fields.Many2one("res.partner", string="Dealer",
                                 readonly=True)
    invoice_id = fields.Many2one("account.invoice", readonly=True)
    date_due = fields.Date(readonly=True)
    days_overdue = fields.Integer(readonly=True, group_operator="max")
    bucket = fields.Selection(
        [("current", "Not due"), ("1_30", "1-30 days"),
         ("31_60", "31-60 days"), ("61_90", "61-90 days"),
         ("over_90", "Over 90 days")], readonly=True)
    residual = fields.Float(string="Open Amount", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW mall_dealer_aging AS (
            SELECT i.id, i.commercial_partner_id AS partner_id,
                   i.id AS invoice_id, i.date_due, i.company_id,
                   GREATEST(CURRENT_DATE - i.date_due, 0) AS days_overdue,
                   CASE WHEN i.date_due IS NULL
                             OR i.date_due >= CURRENT_DATE THEN 'current'
                        WHEN CURRENT_DATE - i.date_due <= 30 THEN '1_30'
                        WHEN CURRENT_DATE - i.date_due <= 60 THEN '31_60'
                        WHEN CURRENT_DATE - i.date_due <= 90 THEN '61_90'
                        ELSE 'over_90' END AS bucket,
                   i.residual_signed AS residual
              FROM account_invoice i
              JOIN res_partner p ON p.id = i.commercial_partner_id
             WHERE i.state = 'open' AND p.mall_dealer_type IS NOT NULL
               AND i.type IN ('out_invoice', 'out_refund'))""")

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MallCommissionSettlement(models.Model):
    """A periodic distributor settlement: the earned commissions (and the
    negative adjustments of refunds after a settlement) up to a date,
    posted as commission expense against the commission payable of each
    beneficiary.  A beneficiary whose net is negative is left out: their
    lines carry over to the next settlement."""

    _name = "mall.commission.settlement"
    _description = "Distribution Settlement"
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True, copy=False,
                       default="/")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True,
        default=lambda self: self.env.user.company_id,
        states={"draft": [("readonly", False)]})
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True)
    date = fields.Date(
        string="Up To", required=True, readonly=True,
        default=fields.Date.context_today,
        states={"draft": [("readonly", False)]},
        help="Commissions earned up to this date; the accounting date.")
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")], default="draft",
        required=True, readonly=True, index=True)
    commission_ids = fields.One2many(
        "mall.commission", "settlement_id", string="Commissions",
        readonly=True)
    line_ids = fields.One2many(
        "mall.commission.settlement.line", "settlement_id",
        string="Beneficiaries", readonly=True)
    amount_total = fields.Monetary(
        compute="_compute_amount_total", store=True)
    move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, copy=False)
    posted_by = fields.Many2one("res.users", readonly=True, copy=False)
    posted_date = fields.Datetime(readonly=True, copy=False)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for settlement in self:
            settlement.amount_total = sum(settlement.line_ids.mapped("amount"))

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "mall.commission.settlement") or "/"
        return super(MallCommissionSettlement, self).create(vals)

    @api.multi
    def action_generate(self):
        """(Re)collect the commissions of a draft: set-based, and a second
        run gives the same lines (never duplicates)."""
        for settlement in self:
            if settlement.state != "draft":
                raise UserError(_("Only a draft settlement is regenerated."))
            settlement._mall_check_lock_date()
            cr = self.env.cr
            cr.execute("UPDATE mall_commission SET settlement_id = NULL "
                       "WHERE settlement_id = %s", (settlement.id,))
            settlement.line_ids.unlink()
            # Net per beneficiary of the earned, unsettled lines.
            cr.execute("""
                SELECT partner_id, SUM(amount), COUNT(*)
                  FROM mall_commission
                 WHERE company_id = %s AND state = 'earned'
                   AND settlement_id IS NULL AND earned_date <= %s
                 GROUP BY partner_id
                HAVING SUM(amount) > 0""", (
                settlement.company_id.id, settlement.date))
            rows = cr.fetchall()
            if rows:
                cr.execute("""
                    UPDATE mall_commission SET settlement_id = %s
                     WHERE company_id = %s AND state = 'earned'
                       AND settlement_id IS NULL AND earned_date <= %s
                       AND partner_id IN %s""", (
                    settlement.id, settlement.company_id.id,
                    settlement.date, tuple(row[0] for row in rows)))
            settlement.write({"line_ids": [(0, 0, {
                "partner_id": partner_id, "amount": amount, "count": count})
                for partner_id, amount, count in rows]})
            settlement.invalidate_cache()
            self.env["mall.commission"].invalidate_cache()
        return True

    @api.multi
    def _mall_check_lock_date(self):
        for settlement in self:
            company = settlement.company_id
            lock = max(company.period_lock_date or "",
                       company.fiscalyear_lock_date or "")
            if lock and settlement.date <= lock:
                raise UserError(_(
                    "Settlement %(name)s is dated %(date)s, inside the "
                    "period locked up to %(lock)s: date it later.") % {
                        "name": settlement.name, "date": settlement.date,
                        "lock": lock})

    @api.multi
    def action_post(self):
        """Post the journal entry: expense debited, each beneficiary's
        payable credited; the commissions become settled."""
        for settlement in self:
            if settlement.state != "draft" or not settlement.line_ids:
                raise UserError(_(
                    "Generate the settlement first: nothing to post."))
            settlement._mall_check_lock_date()
            company = settlement.company_id
            journal, expense, payable = company._mall_commission_accounts()
            lines = [(0, 0, {
                "name": _("Distribution commissions %s") % settlement.name,
                "account_id": expense.id,
                "debit": settlement.amount_total, "credit": 0.0})]
            for line in settlement.line_ids:
                lines.append((0, 0, {
                    "name": _("Commissions %(settlement)s: %(partner)s") % {
                        "settlement": settlement.name,
                        "partner": line.partner_id.name},
                    "account_id": payable.id,
                    "partner_id": line.partner_id.id,
                    "debit": 0.0, "credit": line.amount}))
            move = self.env["account.move"].create({
                "journal_id": journal.id, "date": settlement.date,
                "ref": settlement.name, "line_ids": lines})
            move.post()
            settlement.commission_ids.write({"state": "settled"})
            settlement.write({
                "state": "posted", "move_id": move.id,
                "posted_by": self.env.uid,
                "posted_date": fields.Datetime.now()})
        return True


class MallCommissionSettlementLine(models.Model):
    _name = "mall.commission.settlement.line"
    _description = "Distribution Settlement per Beneficiary"
    _order = "amount desc"

    settlement_id = fields.Many2one(
        "mall.commission.settlement", required=True, ondelete="cascade",
        index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Beneficiary", required=True,
        ondelete="restrict")
    currency_id = fields.Many2one(
        related="settlement_id.currency_id", readonly=True)
    amount = fields.Monetary()
    count = fields.Integer(string="Lines")

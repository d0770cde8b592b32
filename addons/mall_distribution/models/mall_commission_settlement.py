# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


#: Beneficiaries per journal entry of a settlement.
MOVE_SIZE = 500


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
    move_ids = fields.Many2many(
        "account.move", "mall_commission_settlement_move_rel",
        "settlement_id", "move_id", string="Journal Entries", readonly=True,
        copy=False,
        help="One entry per 500 beneficiaries.")
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
            cr.execute("DELETE FROM mall_commission_settlement_line "
                       "WHERE settlement_id = %s", (settlement.id,))
            # Net per beneficiary of the earned, unsettled lines (but for
            # the beneficiaries settled elsewhere: mall_dealer's dealers).
            cr.execute("""
                SELECT partner_id, SUM(amount), COUNT(*)
                  FROM mall_commission
                 WHERE company_id = %s AND state = 'earned'
                   AND settlement_id IS NULL AND earned_date <= %s
                   AND partner_id != ALL(%s)
                 GROUP BY partner_id
                HAVING SUM(amount) > 0""", (
                settlement.company_id.id, settlement.date,
                settlement._mall_settled_elsewhere()))
            rows = cr.fetchall()
            if rows:
                cr.execute("""
                    UPDATE mall_commission SET settlement_id = %s
                     WHERE company_id = %s AND state = 'earned'
                       AND settlement_id IS NULL AND earned_date <= %s
                       AND partner_id = ANY(%s)""", (
                    settlement.id, settlement.company_id.id,
                    settlement.date, [row[0] for row in rows]))
                cr.execute("""
                    INSERT INTO mall_commission_settlement_line (
                        settlement_id, partner_id, amount, count,
                        create_uid, write_uid, create_date, write_date)
                    SELECT %s, partner_id, SUM(amount), COUNT(*), %s, %s,
                           now() AT TIME ZONE 'UTC',
                           now() AT TIME ZONE 'UTC'
                      FROM mall_commission WHERE settlement_id = %s
                     GROUP BY partner_id""", (
                    settlement.id, self.env.uid, self.env.uid,
                    settlement.id))
            cr.execute("""
                UPDATE mall_commission_settlement SET amount_total = (
                    SELECT COALESCE(SUM(amount), 0)
                      FROM mall_commission_settlement_line
                     WHERE settlement_id = %s) WHERE id = %s""",
                       (settlement.id, settlement.id))
            settlement.invalidate_cache()
            self.env["mall.commission"].invalidate_cache()
        return True

    @api.multi
    def _mall_settled_elsewhere(self):
        """Ids of the beneficiaries another settlement pays (the dealers
        of mall_dealer, on their monthly statement)."""
        return []

    @api.multi
    def _mall_check_lock_date(self):
        for settlement in self:
            settlement.company_id._mall_check_lock_date(
                settlement.date, _("Settlement %s") % settlement.name)

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
            moves = self.env["account.move"]
            beneficiaries = settlement.line_ids
            # One entry per MOVE_SIZE beneficiaries: Odoo 11 creates the
            # lines of one entry in quadratic time.
            for start in range(0, len(beneficiaries), MOVE_SIZE):
                chunk = beneficiaries[start:start + MOVE_SIZE]
                lines = [(0, 0, {
                    "name": _("Distribution commissions %s") %
                    settlement.name,
                    "account_id": expense.id,
                    "debit": sum(chunk.mapped("amount")), "credit": 0.0})]
                for line in chunk:
                    lines.append((0, 0, {
                        "name": _("Commissions %(settlement)s: "
                                  "%(partner)s") % {
                                      "settlement": settlement.name,
                                      "partner": line.partner_id.name},
                        "account_id": payable.id,
                        "partner_id": line.partner_id.id,
                        "debit": 0.0, "credit": line.amount}))
                moves |= moves.create({
                    "journal_id": journal.id, "date": settlement.date,
                    "ref": settlement.name, "line_ids": lines})
            moves.post()
            self.env.cr.execute(
                "UPDATE mall_commission SET state = 'settled', "
                "write_uid = %s, write_date = now() AT TIME ZONE 'UTC' "
                "WHERE settlement_id = %s", (self.env.uid, settlement.id))
            self.env["mall.commission"].invalidate_cache(["state"])
            settlement.write({
                "state": "posted", "move_ids": [(6, 0, moves.ids)],
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

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import timedelta

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("disputed", "Disputed"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("paid", "Paid"),
]
LINE_KINDS = [
    ("sale", "Sale"),
    ("return", "Return"),
    ("rebate", "HQ sales rebate"),
    ("commission", "Commission"),
    ("topup", "Deposit top-up"),
    ("deduct", "Deposit deduction"),
    ("fee", "Fee"),
]
#: Kinds that make the net: what the company owes the dealer (rebates and
#: commissions) less what the dealer owes (fees).  Sales, returns and
#: deposit movements are listed for the record.
NET_KINDS = ("rebate", "commission", "fee")
#: A UTC timestamp column as a date in the user's time zone (SQL).
LOCAL = "({} AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date"


class MallSettlementPeriod(models.Model):
    """A settlement month: its statements are generated together and the
    month is closed (accounting lock date) once its checklist is clean."""

    _name = "mall.settlement.period"
    _description = "Dealer Settlement Period"
    _order = "date_from desc"

    name = fields.Char(required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    company_id = fields.Many2one("res.company", required=True,
                                 default=lambda self: self.env.user.company_id)
    state = fields.Selection([("open", "Open"), ("closed", "Closed")],
                             default="open", required=True, readonly=True)
    statement_ids = fields.One2many("mall.dealer.statement", "period_id",
                                    string="Statements", readonly=True)
    checklist = fields.Text(compute="_compute_checklist",
                            help="What stops the month from closing.")
    closed_by = fields.Many2one("res.users", readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        ("month_uniq", "unique(company_id, date_from)",
         "A settlement period starts once per company."),
        ("dates_valid", "CHECK(date_from <= date_to)",
         "A period ends after it starts."),
    ]

    @api.model
    def _mall_month(self, day=None):
        """The period of the month of ``day`` (created if needed)."""
        day = fields.Date.from_string(day or fields.Date.context_today(self))
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        company = self.env.user.company_id
        period = self.search([("company_id", "=", company.id),
                              ("date_from", "=", fields.Date.to_string(
                                  first))])
        return period or self.create({
            "name": first.strftime("%Y-%m"), "company_id": company.id,
            "date_from": fields.Date.to_string(first),
            "date_to": fields.Date.to_string(last)})

    @api.multi
    def _mall_checklist(self):
        """[(what, count)] of what is still open in the month."""
        self.ensure_one()
        cr = self.env.cr
        end = fields.Date.to_string(
            fields.Date.from_string(self.date_to) + timedelta(days=1))
        items = []
        items.append((_("Statements not posted"), self.env[
            "mall.dealer.statement"].search_count([
                ("period_id", "=", self.id),
                ("state", "not in", ("posted", "paid"))])))
        # A top-up is reconciled once a bank statement line has matched
        # it (Odoo then sets the payment to "reconciled"): until then the
        # money may not have arrived.
        cr.execute("""
            SELECT COUNT(*) FROM account_payment
             WHERE mall_deposit_topup
               AND state IN ('draft', 'posted', 'sent')
               AND company_id = %s AND payment_date <= %s""",
                   (self.company_id.id, self.date_to))
        count = cr.fetchone()[0]  # before _(): it queries the cursor
        items.append((_("Deposit top-ups not reconciled with the bank"),
                      count))
        cr.execute("""
            SELECT COUNT(*) FROM mall_commission c
              JOIN sale_order o ON o.id = c.order_id
             WHERE c.state = 'pending' AND c.company_id = %s
               AND o.date_order < %s""", (self.company_id.id, end))
        count = cr.fetchone()[0]
        items.append((_("Commissions still pending"), count))
        cr.execute("""
            SELECT COUNT(*) FROM mall_aftersale a
              JOIN sale_order o ON o.id = a.order_id
             WHERE a.state NOT IN ('done', 'rejected', 'cancel', 'refunded')
               AND o.company_id = %s AND a.create_date < %s""",
                   (self.company_id.id, end))
        count = cr.fetchone()[0]
        items.append((_("After-sales requests open"), count))
        return [(what, count) for what, count in items if count]

    @api.multi
    def _compute_checklist(self):
        for period in self:
            items = period._mall_checklist() if period.id else []
            period.checklist = "\n".join(
                "%s: %d" % item for item in items) or _("Nothing open.")

    @api.multi
    def action_generate(self):
        for period in self:
            if period.state == "closed":
                raise UserError(_("%s is closed.") % period.name)
            self.env["mall.dealer.statement"]._mall_generate(period)
        return True

    @api.multi
    def action_close(self):
        """Close the month: refused while the checklist has items; sets
        the company's lock date to the month's end."""
        for period in self:
            items = period._mall_checklist()
            if items:
                raise UserError(_(
                    "%(period)s cannot be closed yet:\n%(items)s") % {
                        "period": period.name,
                        "items": "\n".join("%s: %d" % item
                                           for item in items)})
            company = period.company_id.sudo()
            if (company.period_lock_date or "") < period.date_to:
                company.period_lock_date = period.date_to
            period.write({"state": "closed", "closed_by": self.env.uid,
                          "closed_date": fields.Datetime.now()})
        return True


class MallDealerStatement(models.Model):
    """A dealer's statement for a period (结算单): every amount comes from
    its source lines, which are regenerated from the records, never
    typed."""

    _name = "mall.dealer.statement"
    _description = "Dealer Settlement Statement"
    _order = "period_id desc, partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Dealer",
                                 required=True, readonly=True, index=True,
                                 ondelete="restrict")
    period_id = fields.Many2one("mall.settlement.period", required=True,
                                readonly=True, index=True,
                                ondelete="restrict")
    company_id = fields.Many2one(related="period_id.company_id",
                                 store=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id",
                                  readonly=True)
    state = fields.Selection(STATES, default="draft", required=True,
                             readonly=True, index=True)
    date_from = fields.Date(
        string="From", readonly=True,
        help="The first day the statement covers: the period's first day, "
        "or the quarter's for a dealer settled quarterly.")
    date_to = fields.Date(string="To", readonly=True)
    line_ids = fields.One2many("mall.dealer.statement.line",
                               "statement_id", readonly=True)
    sales = fields.Monetary(compute="_compute_amounts", store=True)
    returns = fields.Monetary(compute="_compute_amounts", store=True)
    rebate = fields.Monetary(compute="_compute_amounts", store=True)
    commission = fields.Monetary(compute="_compute_amounts", store=True)
    deposit_in = fields.Monetary(string="Deposit Top-ups",
                                 compute="_compute_amounts", store=True)
    deposit_out = fields.Monetary(string="Deposit Deductions",
                                  compute="_compute_amounts", store=True)
    fees = fields.Monetary(compute="_compute_amounts", store=True)
    net = fields.Monetary(
        compute="_compute_amounts", store=True,
        help="Rebates and commissions less fees: positive, the company "
        "owes the dealer; negative, the dealer owes the company.")
    dispute_note = fields.Text(readonly=True)
    submitted_by = fields.Many2one("res.users", readonly=True, copy=False)
    submitted_date = fields.Datetime(readonly=True, copy=False)
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    posted_by = fields.Many2one("res.users", readonly=True, copy=False)
    posted_date = fields.Datetime(readonly=True, copy=False)
    paid_by = fields.Many2one("res.users", readonly=True, copy=False)
    paid_date = fields.Datetime(readonly=True, copy=False)
    payout_requested_by = fields.Many2one(
        "res.users", string="Settlement Applied by", readonly=True,
        copy=False)
    payout_requested_date = fields.Datetime(
        string="Settlement Applied on", readonly=True, copy=False,
        help="When the dealer applied, in the portal, for the payment of "
        "what the posted statement owes them (申请结算).")
    payment_id = fields.Many2one("account.payment", readonly=True,
                                 copy=False)
    invoice_id = fields.Many2one(
        "account.invoice", string="Bill or Invoice", readonly=True,
        copy=False, help="The net: a vendor bill from the dealer when the "
        "company owes them, a customer invoice when they owe the company.")
    move_id = fields.Many2one("account.move", string="Journal Entry",
                              readonly=True, copy=False)

    _sql_constraints = [
        ("dealer_period_uniq", "unique(partner_id, period_id)",
         "One statement per dealer and period."),
    ]

    @api.depends("line_ids.amount", "line_ids.kind")
    def _compute_amounts(self):
        fields_by_kind = {"sale": "sales", "return": "returns",
                          "rebate": "rebate", "commission": "commission",
                          "topup": "deposit_in", "deduct": "deposit_out",
                          "fee": "fees"}
        for statement in self:
            totals = dict.fromkeys(fields_by_kind.values(), 0.0)
            net = 0.0
            for line in statement.line_ids:
                totals[fields_by_kind[line.kind]] += line.amount
                if line.kind in NET_KINDS:
                    net += line.amount
            totals["net"] = net
            statement.update(totals)

    # ------------------------------------------------------------------
    # Generation

    @api.model
    def _mall_generate(self, period):
        """(Re)generate the draft and disputed statements of every dealer
        for ``period``: a few INSERT ... SELECT for all dealers at once;
        running it again gives the same lines."""
        cr = self.env.cr
        uid = self.env.uid
        first = fields.Date.from_string(period.date_from)
        quarter_end = first.month % 3 == 0
        params = {"period": period.id, "company": period.company_id.id,
                  "start": period.date_from, "uid": uid,
                  # Month boundaries in the user's time zone, not UTC.
                  "tz": self.env.user.tz or "UTC",
                  "last": period.date_to,
                  # Dealers settled quarterly get their statement in the
                  # quarter's last month, for the whole quarter.
                  "quarter_end": quarter_end,
                  "span": fields.Date.to_string(
                      first.replace(month=first.month - 2) if quarter_end
                      else first)}
        cr.execute("""
            INSERT INTO mall_dealer_statement (
                partner_id, period_id, company_id, state, date_from,
                date_to, sales, returns, rebate, commission, deposit_in,
                deposit_out, fees, net, create_uid, write_uid, create_date,
                write_date)
            SELECT p.id, %(period)s, %(company)s, 'draft',
                   -- Never again a day an earlier statement covered (a
                   -- dealer moved to quarterly in mid-quarter).
                   GREATEST(
                       CASE WHEN p.mall_settlement_period = 'quarterly'
                            THEN %(span)s::date ELSE %(start)s::date END,
                       (SELECT MAX(e.date_to) + 1
                          FROM mall_dealer_statement e
                         WHERE e.partner_id = p.id)),
                   %(last)s, 0, 0, 0, 0, 0, 0, 0, 0, %(uid)s, %(uid)s,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM res_partner p
             WHERE p.mall_dealer_type IS NOT NULL AND p.active
               AND COALESCE(p.mall_franchise_state, 'active') = 'active'
               AND COALESCE(p.company_id, %(company)s) = %(company)s
               AND (COALESCE(p.mall_settlement_period, 'monthly')
                    != 'quarterly' OR %(quarter_end)s)
               AND NOT EXISTS (
                   SELECT 1 FROM mall_dealer_statement s
                    WHERE s.partner_id = p.id
                      AND s.period_id = %(period)s)""", params)
        cr.execute("""
            DELETE FROM mall_dealer_statement_line l
             USING mall_dealer_statement s
             WHERE l.statement_id = s.id AND s.period_id = %(period)s
               AND s.state IN ('draft', 'disputed')""", params)
        common = """
            INSERT INTO mall_dealer_statement_line (
                statement_id, kind, date, name, amount, res_model, res_id,
                create_uid, write_uid, create_date, write_date)
            SELECT s.id, src.kind, src.date, src.name, src.amount,
                   src.res_model, src.res_id, %(uid)s, %(uid)s,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM mall_dealer_statement s
              JOIN ({source}) AS src (partner_id, kind, date, name, amount,
                                     res_model, res_id)
                ON src.partner_id = s.partner_id
             WHERE s.period_id = %(period)s
               AND s.state IN ('draft', 'disputed')
               AND (src.kind IN ('rebate', 'commission')
                    OR src.date >= s.date_from)"""
        # Each source reads from the earliest day a statement of the
        # period covers (%(span)s); the join above keeps, per statement,
        # what is on or after its own first day.
        sources = [
            # Sales through the dealer's stores: orders confirmed in the
            # month, untaxed.
            """SELECT r.partner_id AS partner_id, 'sale' AS kind,
                      """ + LOCAL.format("o.confirmation_date") + """,
                      o.name AS name, o.amount_untaxed AS amount,
                      'sale.order' AS res_model, o.id AS res_id
                 FROM sale_order o
                 JOIN mall_dealer_store_rel r
                   ON r.store_id = o.store_id
                WHERE o.state IN ('sale', 'done')
                  AND o.company_id = %(company)s
                  AND """ + LOCAL.format("o.confirmation_date") + """
                      BETWEEN %(span)s AND %(last)s""",
            # Returns of those stores' orders refunded in the month.
            # The refunded amount is tax included: untaxed like the sales.
            """SELECT r.partner_id, 'return',
                      """ + LOCAL.format("e.date") + """, o.name,
                      -ROUND(e.amount * o.amount_untaxed
                             / NULLIF(o.amount_total, 0), 2),
                      'mall.order.event', e.id
                 FROM mall_order_event e
                 JOIN sale_order o ON o.id = e.order_id
                 JOIN mall_dealer_store_rel r
                   ON r.store_id = o.store_id
                WHERE e.event = 'refunded' AND o.company_id = %(company)s
                  AND """ + LOCAL.format("e.date") + """
                      BETWEEN %(span)s AND %(last)s""",
            # The dealer's HQ rebates and commissions earned by the end of
            # the month (refund adjustments included) and not settled: a
            # line earned after last month's statement was submitted
            # comes now.  A line on another period's statement is left
            # there until that statement is posted.
            """SELECT c.partner_id,
                      CASE WHEN c.kind = 'rebate' THEN 'rebate'
                           ELSE 'commission' END,
                      c.earned_date, o.name, c.amount, 'mall.commission',
                      c.id
                 FROM mall_commission c
                 JOIN sale_order o ON o.id = c.order_id
                WHERE c.state = 'earned' AND c.settlement_id IS NULL
                  AND c.company_id = %(company)s
                  AND c.earned_date <= %(last)s
                  AND NOT EXISTS (
                      SELECT 1 FROM mall_dealer_statement_line l
                        JOIN mall_dealer_statement o2
                          ON o2.id = l.statement_id
                       WHERE l.res_model = 'mall.commission'
                         AND l.res_id = c.id
                         AND o2.period_id != %(period)s)""",
            # Deposit movements of the month.
            """SELECT m.partner_id,
                      CASE WHEN m.kind = 'deduct' THEN 'deduct'
                           ELSE 'topup' END,
                      """ + LOCAL.format("m.date") + """,
                      COALESCE(m.reason, m.kind),
                      m.available + m.frozen,
                      'mall.dealer.deposit.move', m.id
                 FROM mall_dealer_deposit_move m
                WHERE m.kind IN ('topup', 'bonus', 'deduct')
                  AND m.company_id = %(company)s
                  AND """ + LOCAL.format("m.date") + """
                      BETWEEN %(span)s AND %(last)s""",
            # The monthly fee, once per month covered.
            """SELECT p.id, 'fee', month::date, 'Monthly fee',
                      -p.mall_monthly_fee, 'res.partner', p.id
                 FROM res_partner p
                CROSS JOIN generate_series(%(span)s::date, %(start)s::date,
                                           interval '1 month') AS month
                WHERE p.mall_dealer_type IS NOT NULL
                  AND COALESCE(p.mall_monthly_fee, 0) != 0""",
        ]
        for source in sources:
            cr.execute(common.format(source=source), params)
        # The totals in one statement (the ORM recompute of the stored
        # amounts reads every line: 17 s instead of 0.1 s for 1,000
        # dealers); the same sums as _compute_amounts.
        cr.execute("""
            UPDATE mall_dealer_statement s
               SET sales = t.sales, returns = t.returns, rebate = t.rebate,
                   commission = t.commission, deposit_in = t.deposit_in,
                   deposit_out = t.deposit_out, fees = t.fees, net = t.net
              FROM (SELECT s2.id,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'sale'), 0) AS sales,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'return'), 0) AS returns,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'rebate'), 0) AS rebate,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'commission'), 0)
                               AS commission,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'topup'), 0) AS deposit_in,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'deduct'), 0) AS deposit_out,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind = 'fee'), 0) AS fees,
                           COALESCE(SUM(l.amount) FILTER (
                               WHERE l.kind IN %(net_kinds)s), 0) AS net
                      FROM mall_dealer_statement s2
                      LEFT JOIN mall_dealer_statement_line l
                             ON l.statement_id = s2.id
                     WHERE s2.period_id = %(period)s
                       AND s2.state IN ('draft', 'disputed')
                     GROUP BY s2.id) t
             WHERE t.id = s.id""", dict(params, net_kinds=NET_KINDS))
        statements = self.search([("period_id", "=", period.id),
                                  ("state", "in", ("draft", "disputed"))])
        statements.invalidate_cache()
        return statements

    # ------------------------------------------------------------------
    # States

    @api.multi
    def _mall_check_state(self, *states):
        for statement in self:
            if statement.state not in states:
                raise UserError(_(
                    "The statement of %(dealer)s is %(state)s.") % {
                        "dealer": statement.partner_id.name,
                        "state": dict(STATES)[statement.state]})

    @api.multi
    def action_submit(self):
        """The dealer (portal) or staff confirm the statement."""
        self._mall_check_state("draft", "disputed")
        return self.sudo().write({
            "state": "submitted",
            "submitted_by": self.env.context.get("mall_portal_uid")
            or self.env.uid,
            "submitted_date": fields.Datetime.now()})

    @api.multi
    def action_dispute(self, note):
        """The dealer disputes the statement, with a comment."""
        if not (note or "").strip():
            raise UserError(_("Say what is wrong with the statement."))
        self._mall_check_state("draft", "submitted")
        return self.sudo().write({"state": "disputed", "dispute_note": note})

    @api.multi
    def action_approve(self):
        self._mall_check_state("submitted")
        return self.write({"state": "approved", "approved_by": self.env.uid,
                           "approved_date": fields.Datetime.now()})

    @api.multi
    def action_post(self):
        """Post the statement, dated the period's last day and never into
        a locked period: rebates and commissions go to the commission
        expense, fees to the fee income, and the net is a vendor bill
        from the dealer (the company owes them) or a customer invoice to
        them (they owe the company), in the dealer's payment terms; a
        zero net with amounts is a plain journal entry.  The commission
        lines become settled."""
        self._mall_check_state("approved")
        # The commission lines of every statement in one query: reading
        # them through line_ids would prefetch the lines of all the
        # statements again after each invoice (it clears the cache).
        commissions = dict.fromkeys(self.ids, ())
        if self.ids:
            self.env.cr.execute("""
                SELECT statement_id, array_agg(res_id)
                  FROM mall_dealer_statement_line
                 WHERE statement_id IN %s AND res_model = 'mall.commission'
                 GROUP BY statement_id""", (tuple(self.ids),))
            commissions.update(self.env.cr.fetchall())
        for statement in self:
            period = statement.period_id
            period.company_id._mall_check_lock_date(
                period.date_to, _("The statement of %s") %
                statement.partner_id.name)
            invoice, move = statement._mall_post_net()
            self.env["mall.commission"].sudo().browse(
                commissions[statement.id]).write({"state": "settled"})
            statement.write({
                "state": "posted", "move_id": move.id,
                "invoice_id": invoice.id, "posted_by": self.env.uid,
                "posted_date": fields.Datetime.now()})
        return True

    @api.multi
    def _mall_post_net(self):
        """(invoice, journal entry) of the statement's amounts."""
        self.ensure_one()
        period = self.period_id
        company = period.company_id
        journal, expense, _payable = company._mall_commission_accounts()
        dealer = self.partner_id.with_context(force_company=company.id)
        income = self.env["ir.property"].with_context(
            force_company=company.id).get(
                "property_account_income_categ_id", "product.category")
        label = _("Statement %(period)s %(dealer)s") % {
            "period": period.name, "dealer": dealer.name}
        # (account, amount owed to the dealer)
        amounts = [(account, amount) for account, amount in (
            (expense, self.rebate + self.commission),
            (income, self.fees)) if not company.currency_id.is_zero(amount)]
        invoice = self.env["account.invoice"]
        if not amounts:
            return invoice, self.env["account.move"]
        net = self.net
        if company.currency_id.is_zero(net):
            move = self.env["account.move"].create({
                "journal_id": journal.id, "date": period.date_to,
                "ref": label, "line_ids": [(0, 0, {
                    "name": label, "account_id": account.id,
                    "partner_id": dealer.id,
                    "debit": max(amount, 0.0),
                    "credit": max(-amount, 0.0)})
                    for account, amount in amounts]})
            move.post()
            return invoice, move
        bill = net > 0
        kind = "in_invoice" if bill else "out_invoice"
        sign = 1.0 if bill else -1.0
        invoice = invoice.create({
            "type": kind, "partner_id": dealer.id,
            "company_id": company.id, "currency_id": company.currency_id.id,
            "journal_id": self.env["account.journal"].search([
                ("type", "=", "purchase" if bill else "sale"),
                ("company_id", "=", company.id)], limit=1).id,
            "account_id": (dealer.property_account_payable_id if bill
                           else dealer.property_account_receivable_id).id,
            "payment_term_id": (
                dealer.property_supplier_payment_term_id if bill
                else dealer.property_payment_term_id).id,
            "date_invoice": period.date_to, "date": period.date_to,
            "reference" if bill else "name": label,
            "origin": label,
            "invoice_line_ids": [(0, 0, {
                "name": label, "account_id": account.id, "quantity": 1.0,
                "price_unit": sign * amount})
                for account, amount in amounts]})
        invoice.action_invoice_open()
        return invoice, invoice.move_id

    @api.multi
    def action_download_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/mall_dealer/statements/%d/xlsx" % self.id}

    @api.multi
    def _mall_xlsx(self):
        """The statement as an XLSX workbook (bytes): the totals, then
        every line with its source."""
        self.ensure_one()
        data = io.BytesIO()
        book = xlsxwriter.Workbook(data, {"in_memory": True})
        sheet = book.add_worksheet(self.period_id.name)
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        sheet.write(0, 0, _("Statement"), bold)
        sheet.write(0, 1, "%s %s (%s – %s)" % (
            self.partner_id.name, self.period_id.name,
            self.date_from or self.period_id.date_from,
            self.date_to or self.period_id.date_to))
        sheet.write(1, 0, _("Status"), bold)
        sheet.write(1, 1, dict(STATES)[self.state])
        row = 3
        for label, value in ((_("Sales"), self.sales),
                             (_("Returns"), self.returns),
                             (_("HQ sales rebate"), self.rebate),
                             (_("Commissions"), self.commission),
                             (_("Deposit top-ups"), self.deposit_in),
                             (_("Deposit deductions"), self.deposit_out),
                             (_("Fees"), self.fees), (_("Net"), self.net)):
            sheet.write(row, 0, label, bold)
            sheet.write_number(row, 1, value, money)
            row += 1
        row += 1
        for column, title in enumerate((_("Kind"), _("Date"), _("Source"),
                                        _("Amount"))):
            sheet.write(row, column, title, bold)
        kinds = dict(LINE_KINDS)
        for line in self.line_ids:
            row += 1
            sheet.write(row, 0, kinds[line.kind])
            sheet.write(row, 1, line.date or "")
            sheet.write(row, 2, line.name or "")
            sheet.write_number(row, 3, line.amount, money)
        sheet.set_column(0, 0, 22)
        sheet.set_column(2, 2, 40)
        sheet.set_column(1, 1, 14)
        sheet.set_column(3, 3, 14)
        book.close()
        return data.getvalue()

    @api.multi
    def action_apply_payout(self):
        """The dealer applies, in the portal, for the payment of what a
        posted statement owes them (申请结算)."""
        self._mall_check_state("posted")
        for statement in self:
            if statement.net <= 0:
                raise UserError(_(
                    "The statement of %s owes you nothing: there is no "
                    "settlement to apply for.") % statement.period_id.name)
            if statement.payout_requested_date:
                raise UserError(_(
                    "You applied for this settlement on %s already.")
                    % statement.payout_requested_date)
        return self.sudo().write({
            "payout_requested_by": self.env.context.get("mall_portal_uid")
            or self.env.uid,
            "payout_requested_date": fields.Datetime.now()})

    @api.multi
    def _mall_pay(self, journal, date=None):
        """Pay the net of posted statements through ``journal``: an
        outbound payment of the vendor bill when the company owes the
        dealer, an inbound one of the invoice when the dealer owes the
        company (Odoo reconciles it with the bill or invoice); the
        statements become paid."""
        self._mall_check_state("posted")
        for statement in self:
            invoice = statement.invoice_id
            payment = self.env["account.payment"]
            if invoice and invoice.state == "open":
                outbound = invoice.type == "in_invoice"
                payment = payment.create({
                    "payment_type": "outbound" if outbound else "inbound",
                    "partner_type": "supplier" if outbound else "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": invoice.residual, "journal_id": journal.id,
                    "payment_date": date or fields.Date.context_today(self),
                    "payment_method_id": self.env.ref(
                        "account.account_payment_method_manual_out"
                        if outbound else
                        "account.account_payment_method_manual_in").id,
                    "communication": invoice.reference or invoice.number,
                    "invoice_ids": [(6, 0, invoice.ids)]})
                payment.post()
            statement.write({
                "state": "paid", "payment_id": payment.id,
                "paid_by": self.env.uid,
                "paid_date": fields.Datetime.now()})
        return True


class MallDealerStatementLine(models.Model):
    """One source amount of a statement, traceable to its record."""

    _name = "mall.dealer.statement.line"
    _description = "Dealer Statement Line"
    _order = "kind, date, id"

    statement_id = fields.Many2one("mall.dealer.statement", required=True,
                                   ondelete="cascade", index=True)
    kind = fields.Selection(LINE_KINDS, required=True)
    date = fields.Date()
    name = fields.Char(string="Source")
    amount = fields.Float(digits=(16, 2))
    res_model = fields.Char(string="Source Model")
    res_id = fields.Integer(string="Source Id")

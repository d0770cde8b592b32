# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

DEALER_TYPES = [
    ("direct_store", "Direct Store"),
    ("franchise_store", "Franchise Store"),
    ("dealer", "Dealer"),
    ("retailer", "Retailer"),
]
FRANCHISE_STATES = [
    ("applied", "Applied"),
    ("reviewed", "Reviewed"),
    ("visited", "Visited"),
    ("contracted", "Contracted"),
    ("active", "Active"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    mall_dealer_type = fields.Selection(
        DEALER_TYPES, string="Dealer Type", index=True, copy=False)
    mall_parent_dealer_id = fields.Many2one(
        "res.partner", string="Parent Dealer", index=True,
        domain=[("mall_dealer_type", "!=", False)],
        help="A retailer's dealer: company → dealer → retailer.")
    mall_dealer_store_ids = fields.Many2many(
        "mall.store", "mall_dealer_store_rel", "partner_id", "store_id",
        string="Stores",
        help="The stores whose orders are the dealer's sales.")
    mall_settlement_period = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        string="Settlement Period", default="monthly")
    mall_monthly_fee = fields.Monetary(
        string="Monthly Fee", currency_field="mall_currency_id",
        help="Charged on each monthly statement (service fee, rent of "
        "the shop system...).")
    mall_deposit_required = fields.Boolean(
        string="Orders Draw on the Deposit",
        help="Confirming an order of this dealer freezes its amount on "
        "the pre-deposit; the part the deposit does not cover needs "
        "credit.")
    mall_credit_limit = fields.Monetary(
        string="Credit Limit", currency_field="mall_currency_id",
        help="How much the dealer may owe beyond the deposit: invoiced "
        "and unpaid, plus the credit part of confirmed orders.")
    mall_currency_id = fields.Many2one(
        "res.currency", compute="_compute_mall_currency")
    mall_deposit_available = fields.Monetary(
        string="Deposit Available", currency_field="mall_currency_id",
        compute="_compute_mall_deposit")
    mall_deposit_frozen = fields.Monetary(
        string="Deposit Frozen", currency_field="mall_currency_id",
        compute="_compute_mall_deposit")
    mall_deposit_total = fields.Monetary(
        string="Deposit Total", currency_field="mall_currency_id",
        compute="_compute_mall_deposit")
    mall_credit_used = fields.Monetary(
        string="Credit Used", currency_field="mall_currency_id",
        compute="_compute_mall_deposit")
    mall_deposit_move_ids = fields.One2many(
        "mall.dealer.deposit.move", "partner_id", string="Deposit Ledger",
        groups="mall_base.group_mall_user")
    mall_franchise_state = fields.Selection(
        FRANCHISE_STATES, string="Onboarding", copy=False,
        help="Franchise onboarding: applied → reviewed → visited → "
        "contracted (security deposit and franchise fee invoiced) → "
        "active.")
    mall_franchise_security_deposit = fields.Monetary(
        string="Security Deposit", currency_field="mall_currency_id")
    mall_franchise_fee = fields.Monetary(
        string="Franchise Fee", currency_field="mall_currency_id")
    mall_franchise_invoice_id = fields.Many2one(
        "account.invoice", string="Contract Invoice", readonly=True,
        copy=False)

    @api.multi
    def _compute_mall_currency(self):
        for partner in self:
            partner.mall_currency_id = (
                partner.company_id or self.env.user.company_id).currency_id

    @api.multi
    def _mall_deposit_balances(self):
        """{partner id: (available, frozen)}: one grouped query."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT partner_id, COALESCE(SUM(available), 0),
                   COALESCE(SUM(frozen), 0)
              FROM mall_dealer_deposit_move WHERE partner_id = ANY(%s)
             GROUP BY partner_id""", (list(self.ids),))
        return {row[0]: (float(row[1]), float(row[2]))
                for row in self.env.cr.fetchall()}

    @api.multi
    def _mall_credit_exposure(self):
        """{partner id: invoiced and unpaid + credit part of confirmed,
        uninvoiced orders}."""
        if not self.ids:
            return {}
        cr = self.env.cr
        cr.execute("""
            SELECT p.id,
                   COALESCE((SELECT SUM(i.residual_signed)
                               FROM account_invoice i
                              WHERE i.commercial_partner_id = p.id
                                AND i.state = 'open'
                                AND i.type IN ('out_invoice', 'out_refund')),
                            0)
                   + COALESCE((SELECT SUM(o.mall_credit_used)
                                 FROM sale_order o
                                WHERE o.partner_id IN (
                                      SELECT c.id FROM res_partner c
                                       WHERE c.commercial_partner_id = p.id)
                                  AND o.state IN ('sale', 'done')
                                  AND o.invoice_status = 'to invoice'), 0)
              FROM res_partner p WHERE p.id = ANY(%s)""", (list(self.ids),))
        return {row[0]: float(row[1]) for row in cr.fetchall()}

    @api.multi
    def _compute_mall_deposit(self):
        balances = self._mall_deposit_balances()
        exposure = self._mall_credit_exposure()
        for partner in self:
            available, frozen = balances.get(partner.id, (0.0, 0.0))
            partner.mall_deposit_available = available
            partner.mall_deposit_frozen = frozen
            partner.mall_deposit_total = available + frozen
            partner.mall_credit_used = exposure.get(partner.id, 0.0)

    @api.multi
    def _mall_lock_deposit(self):
        """Serialise deposit changes of these dealers (a no-op UPDATE of
        their rows: a concurrent confirmation waits, gets a serialization
        failure and is retried on a snapshot that has this one)."""
        if self.ids:
            self.env.cr.execute(
                "UPDATE res_partner SET mall_credit_limit = mall_credit_limit "
                "WHERE id = ANY(%s)", (list(self.ids),))

    # ------------------------------------------------------------------
    # Franchise onboarding

    @api.multi
    def _mall_franchise_step(self, current, target):
        for partner in self:
            if partner.mall_franchise_state != current:
                raise UserError(_(
                    "%(partner)s is not at the step %(step)s.") % {
                        "partner": partner.name,
                        "step": dict(FRANCHISE_STATES).get(current)})
        self.write({"mall_franchise_state": target})
        return True

    @api.multi
    def action_mall_franchise_review(self):
        return self._mall_franchise_step("applied", "reviewed")

    @api.multi
    def action_mall_franchise_visit(self):
        return self._mall_franchise_step("reviewed", "visited")

    @api.multi
    def action_mall_franchise_contract(self):
        """Contract signed: the security deposit and the franchise fee are
        invoiced (one customer invoice, the deposit on the deposit
        account, the fee on the income account of the company)."""
        for partner in self:
            if partner.mall_franchise_state != "visited":
                return self._mall_franchise_step("visited", "contracted")
            company = partner.company_id or self.env.user.company_id
            _journal, deposit_account = company._mall_deposit_accounts()
            income = self.env["ir.property"].get(
                "property_account_income_categ_id", "product.category")
            lines = []
            if partner.mall_franchise_security_deposit:
                lines.append((0, 0, {
                    "name": _("Franchise security deposit"),
                    "account_id": deposit_account.id, "quantity": 1.0,
                    "price_unit": partner.mall_franchise_security_deposit}))
            if partner.mall_franchise_fee:
                lines.append((0, 0, {
                    "name": _("Franchise fee"), "account_id": income.id,
                    "quantity": 1.0,
                    "price_unit": partner.mall_franchise_fee}))
            if lines:
                invoice = self.env["account.invoice"].create({
                    "type": "out_invoice", "partner_id": partner.id,
                    "company_id": company.id,
                    "invoice_line_ids": lines})
                invoice.action_invoice_open()
                partner.mall_franchise_invoice_id = invoice
        return self._mall_franchise_step("visited", "contracted")

    @api.multi
    def action_mall_franchise_activate(self):
        return self._mall_franchise_step("contracted", "active")

    # ------------------------------------------------------------------
    # Demo

    @api.model
    def _mall_dealer_demo(self):
        """A dealer of each type (a retailer under the dealer), deposits
        topped up, a confirmed order holding part of a deposit, a
        franchise store being onboarded.  Runs once."""
        Partner = self.env["res.partner"]
        if Partner.search_count([("ref", "=like", "MALL-DEALER-%")]):
            return False
        cn = self.env.ref("base.cn").id
        dealers = {}
        for key, name, kind, credit in (
                ("direct", "直营店·上海南京路", "direct_store", 0.0),
                ("franchise", "加盟店·苏州观前街", "franchise_store", 5000.0),
                ("dealer", "华东经销商", "dealer", 20000.0),
                ("retailer", "宁波零售商", "retailer", 0.0)):
            dealers[key] = Partner.create({
                "name": name, "is_company": True, "customer": True,
                "country_id": cn, "ref": "MALL-DEALER-%s" % key,
                "mall_dealer_type": kind, "mall_credit_limit": credit,
                "mall_deposit_required": kind in ("dealer", "retailer")})
        dealers["retailer"].mall_parent_dealer_id = dealers["dealer"]
        onboarding = Partner.create({
            "name": "加盟申请·杭州湖滨", "is_company": True, "country_id": cn,
            "ref": "MALL-DEALER-applicant",
            "mall_dealer_type": "franchise_store",
            "mall_franchise_state": "applied",
            "mall_franchise_security_deposit": 20000.0,
            "mall_franchise_fee": 50000.0})
        company = self.env.user.company_id
        bank = self.env["account.journal"].search([
            ("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        if not (company.chart_template_id and bank):
            return onboarding
        for key, amount in (("dealer", 30000.0), ("retailer", 5000.0)):
            self.env["account.payment"].create({
                "payment_type": "inbound", "partner_type": "customer",
                "partner_id": dealers[key].id, "amount": amount,
                "journal_id": bank.id, "mall_deposit_topup": True,
                "payment_method_id": self.env.ref(
                    "account.account_payment_method_manual_in").id}).post()
        product = self.env["product.product"].create({
            "name": "经销演示茶箱 Dealer demo tea case", "type": "consu",
            "list_price": 1200.0, "taxes_id": [(5, 0, 0)]})
        order = self.env["sale.order"].create({
            "partner_id": dealers["dealer"].id,
            "client_order_ref": "MALL-DEALER",
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 10})]})
        order.action_confirm()
        shop = self.env.ref("mall_base.mall_store_shanghai_demo",
                            raise_if_not_found=False)
        if shop:
            dealers["direct"].mall_dealer_store_ids = shop
        dealers["franchise"].mall_monthly_fee = 2000.0
        self._mall_dealer_demo_closed_month(dealers, bank, product, shop)
        self.env["mall.settlement.period"]._mall_month().action_generate()
        return onboarding

    @api.model
    def _mall_dealer_demo_closed_month(self, dealers, bank, product, shop):
        """Last month, closed: a top-up matched by a bank statement line,
        a store sale, every statement posted, the lock date at the
        month's end."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        day = fields.Date.to_string(first.replace(day=10))
        payment = self.env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": dealers["dealer"].id, "amount": 8000.0,
            "journal_id": bank.id, "mall_deposit_topup": True,
            "payment_date": day, "communication": "Deposit top-up",
            "payment_method_id": self.env.ref(
                "account.account_payment_method_manual_in").id})
        payment.post()
        bank_statement = self.env["account.bank.statement"].create({
            "journal_id": bank.id, "date": day, "name": "Demo %s" % day,
            "line_ids": [(0, 0, {"name": "华东经销商 预存款", "date": day,
                                 "amount": 8000.0,
                                 "partner_id": dealers["dealer"].id})]})
        bank_statement.line_ids.process_reconciliation(
            payment_aml_rec=payment.move_line_ids.filtered(
                lambda line: line.account_id
                == bank.default_debit_account_id))
        if shop:
            sale = self.env["sale.order"].create({
                "partner_id": self.env.ref("base.res_partner_2").id,
                "store_id": shop.id, "client_order_ref": "MALL-DEALER-LAST",
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 3})]})
            sale.action_confirm()
            moment = "%s 06:00:00" % day
            sale.write({"date_order": moment, "confirmation_date": moment})
        period = self.env["mall.settlement.period"]._mall_month(day)
        period.action_generate()
        statements = period.statement_ids
        statements.action_submit()
        statements.action_approve()
        statements.action_post()
        period.action_close()
        return period

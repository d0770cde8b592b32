# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .commission import ancestors

#: Referral codes: no 0/O, 1/I/L; 8 characters give 31^8 ≈ 8.5e11 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class ResPartner(models.Model):
    _inherit = "res.partner"

    mall_referral_code = fields.Char(
        string="Referral Code", copy=False, readonly=True, index=True,
        help="Carried by the invite link and QR code; unique and random.")
    mall_upline_id = fields.Many2one(
        "res.partner", string="Upline", index=True, ondelete="restrict",
        readonly=True, copy=False,
        help="Who recruited this member (set once at sign-up; a manager "
        "may move the member, with a logged reason).")
    mall_downline_ids = fields.One2many(
        "res.partner", "mall_upline_id", string="Direct Downline")
    mall_referral_path = fields.Char(
        string="Referral Path", compute="_compute_mall_referral_path",
        store=True, index=True,
        help="The ids from the top of the tree down to the member: finding "
        "every ancestor is one read, every descendant one indexed LIKE.")
    mall_referral_depth = fields.Integer(
        string="Depth", compute="_compute_mall_referral_path", store=True)
    mall_bound_date = fields.Datetime(
        string="Bound On", readonly=True, copy=False)
    mall_is_store = fields.Boolean(
        string="Distribution Store",
        help="An experience store in the distribution tree: it may always "
        "recruit and earns the HQ sales rebate on its whole tree.")
    mall_downline_count = fields.Integer(
        string="Team Size", compute="_compute_mall_downline_count",
        help="Members below, at any depth.")
    mall_completed_spending = fields.Monetary(
        string="Completed Spending", compute="_compute_mall_can_recruit",
        help="Orders delivered or completed, less refunds.")
    mall_can_recruit = fields.Boolean(
        string="May Recruit", compute="_compute_mall_can_recruit")
    mall_commission_ids = fields.One2many(
        "mall.commission", "partner_id", string="Commissions")
    mall_commission_balance = fields.Monetary(
        string="Withdrawable", compute="_compute_mall_commission_balance",
        help="Settled commissions less the withdrawals requested, "
        "approved or paid.")

    _sql_constraints = [
        ("mall_referral_code_uniq", "unique(mall_referral_code)",
         "A referral code is unique."),
    ]

    @api.depends("mall_upline_id", "mall_upline_id.mall_referral_path")
    def _compute_mall_referral_path(self):
        for partner in self:
            if not partner.id or not isinstance(partner.id, int):
                continue
            upline_path = partner.mall_upline_id.mall_referral_path or (
                "/%d/" % partner.mall_upline_id.id
                if partner.mall_upline_id else "/")
            partner.mall_referral_path = "%s%d/" % (upline_path, partner.id)
            partner.mall_referral_depth = upline_path.count("/") - 1

    @api.constrains("mall_upline_id")
    def _check_mall_upline(self):
        for partner in self.filtered("mall_upline_id"):
            if partner.mall_upline_id == partner:
                raise ValidationError(_(
                    "%s cannot be their own upline.") % partner.name)
            if partner.id in ancestors(
                    partner.mall_upline_id.mall_referral_path,
                    partner.mall_upline_id.id) + [partner.mall_upline_id.id]:
                raise ValidationError(_(
                    "%(partner)s is above %(upline)s in the referral tree: "
                    "the move would make a cycle.") % {
                        "partner": partner.name,
                        "upline": partner.mall_upline_id.name})

    @api.multi
    def _compute_mall_commission_balance(self):
        for partner in self:
            partner.mall_commission_balance = \
                partner._mall_commission_balance()

    @api.multi
    def _mall_commission_balance(self):
        """Settled (and paid) commissions less open withdrawals, read
        from the database (two sums)."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute("""
            SELECT COALESCE(SUM(amount), 0) FROM mall_commission
             WHERE partner_id = %s AND state IN ('settled', 'paid')""",
                   (self.id,))
        earned = cr.fetchone()[0]
        cr.execute("""
            SELECT COALESCE(SUM(amount), 0) FROM mall_commission_withdrawal
             WHERE partner_id = %s
               AND state IN ('requested', 'approved', 'paid')""", (self.id,))
        return earned - cr.fetchone()[0]

    @api.multi
    def _compute_mall_downline_count(self):
        for partner in self:
            path = partner.mall_referral_path
            partner.mall_downline_count = self.search_count([
                ("mall_referral_path", "=like", "%s%%" % path),
                ("id", "!=", partner.id)]) if path else 0

    @api.multi
    def _compute_mall_can_recruit(self):
        spending = self._mall_completed_spending()
        for partner in self:
            partner.mall_completed_spending = spending.get(partner.id, 0.0)
            threshold = (partner.company_id or self.env.user.company_id)\
                .mall_recruit_threshold
            partner.mall_can_recruit = partner.mall_is_store or \
                partner.mall_completed_spending >= threshold

    @api.multi
    def _mall_completed_spending(self):
        """{partner id: total of delivered or completed orders less their
        refunds}, in one grouped read."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT p.id, COALESCE(SUM(o.amount_total - o.mall_refunded_amount),
                                  0)
              FROM res_partner p
              JOIN sale_order o ON o.partner_id IN (
                    SELECT c.id FROM res_partner c
                     WHERE c.commercial_partner_id = p.id OR c.id = p.id)
             WHERE p.id IN %s AND o.mall_state IN ('delivered', 'completed')
             GROUP BY p.id""", (tuple(self.ids),))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # Codes and binding

    @api.multi
    def _mall_ensure_referral_code(self):
        """Give the partners a referral code if they have none."""
        rng = random.SystemRandom()
        for partner in self.filtered(lambda p: not p.mall_referral_code):
            while True:
                code = "".join(rng.choice(CODE_ALPHABET)
                               for _index in range(CODE_LENGTH))
                if not self.sudo().search_count(
                        [("mall_referral_code", "=", code)]):
                    break
            partner.sudo().mall_referral_code = code
        return True

    @api.multi
    def action_mall_referral_code(self):
        """Button: issue the referral code (only to who may recruit)."""
        for partner in self:
            if not partner.mall_can_recruit:
                raise UserError(_(
                    "%(partner)s needs %(missing).2f more of completed "
                    "spending before recruiting.") % {
                        "partner": partner.name,
                        "missing": partner._mall_missing_spending()})
        return self._mall_ensure_referral_code()

    @api.multi
    def _mall_missing_spending(self):
        self.ensure_one()
        threshold = (self.company_id or self.env.user.company_id)\
            .mall_recruit_threshold
        return 0.0 if self.mall_is_store else max(
            0.0, threshold - self.mall_completed_spending)

    @api.multi
    def _mall_binding_company(self):
        self.ensure_one()
        return self.company_id or self.env.ref("base.main_company")

    @api.multi
    def _mall_binding_lapsed(self, now=None):
        """Whether the partner's binding to their upline has lapsed (the
        company's binding validity is over)."""
        self.ensure_one()
        days = self._mall_binding_company().sudo().mall_binding_validity_days
        if not (days and self.mall_upline_id and self.mall_bound_date):
            return False
        now = fields.Datetime.from_string(now or fields.Datetime.now())
        return fields.Datetime.from_string(self.mall_bound_date) + \
            timedelta(days=days) <= now

    @api.multi
    def _mall_move_upline(self, upline, reason):
        """Put the partner (with their team) under ``upline`` (or at the
        top of a tree when empty) and log the move."""
        for partner in self:
            self.env["mall.referral.move"].sudo().create({
                "partner_id": partner.id,
                "old_upline_id": partner.mall_upline_id.id,
                "new_upline_id": upline.id, "reason": reason})
        self.sudo().write({
            "mall_upline_id": upline.id,
            "mall_bound_date": upline and fields.Datetime.now() or False})
        return True

    @api.multi
    def _mall_bind(self, code):
        """Sign-up through an invite link: bind to the code's owner.  A
        binding is permanent while valid, unless the company lets invite
        links re-bind after the protection period.  Returns the upline."""
        self.ensure_one()
        upline = self.sudo().search(
            [("mall_referral_code", "=", (code or "").strip().upper())],
            limit=1)
        if not upline:
            raise UserError(_("Unknown referral code %s.") % code)
        if upline == self:
            raise UserError(_("You cannot use your own invite link."))
        if upline == self.mall_upline_id:
            return upline
        if not upline.mall_can_recruit:
            raise UserError(_("%s may not recruit yet.") % upline.name)
        if self.mall_upline_id and not self._mall_binding_lapsed():
            company = self._mall_binding_company().sudo()
            if not company.mall_binding_rebind:
                raise UserError(_(
                    "%(partner)s already belongs to the team of "
                    "%(upline)s: the binding is permanent.") % {
                        "partner": self.name,
                        "upline": self.mall_upline_id.name})
            protected = fields.Datetime.from_string(self.mall_bound_date) \
                + timedelta(days=company.mall_binding_protection_days)
            if protected > fields.Datetime.from_string(
                    fields.Datetime.now()):
                raise UserError(_(
                    "%(partner)s belongs to the team of %(upline)s until "
                    "%(date)s at least (protection period).") % {
                        "partner": self.name,
                        "upline": self.mall_upline_id.name,
                        "date": fields.Date.to_string(protected.date())})
        if self.mall_upline_id:
            self._mall_move_upline(upline, _(
                "Opened the invite link of %s.") % upline.name)
        else:
            self.sudo().write({"mall_upline_id": upline.id,
                               "mall_bound_date": fields.Datetime.now()})
        return upline

    @api.model
    def _cron_mall_binding_lapse(self):
        """Nightly: bindings older than their company's validity lapse;
        each is logged as a move to no upline."""
        companies = self.env["res.company"].sudo().search(
            [("mall_binding_validity_days", ">", 0)])
        main = self.env.ref("base.main_company")
        now = fields.Datetime.from_string(fields.Datetime.now())
        lapsed = self.browse()
        for company in companies:
            domain = [("mall_upline_id", "!=", False),
                      ("mall_bound_date", "<=", fields.Datetime.to_string(
                          now - timedelta(
                              days=company.mall_binding_validity_days)))]
            domain += ["|", ("company_id", "=", company.id),
                       ("company_id", "=", False)] if company == main else \
                [("company_id", "=", company.id)]
            lapsed |= self.sudo().search(domain)
        if lapsed:
            lapsed._mall_move_upline(self.browse(), _(
                "The binding lapsed (binding validity)."))
        return len(lapsed)

    @api.multi
    def _mall_chain(self):
        """The uplines, nearest first: [(partner id, is a store)], from
        the materialised path and one query.  The chain stops where a
        binding has lapsed (the nightly job has not unbound it yet)."""
        self.ensure_one()
        ids = ancestors(self.mall_referral_path, self.id)
        if not ids:
            return []
        self.env.cr.execute("""
            SELECT p.id, p.mall_is_store, p.mall_bound_date,
                   COALESCE(c.mall_binding_validity_days, 0)
              FROM res_partner p
              LEFT JOIN res_company c
                     ON c.id = COALESCE(p.company_id, %s)
             WHERE p.id = ANY(%s)""", (
            self.env.ref("base.main_company").id, ids + [self.id]))
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        now = fields.Datetime.from_string(fields.Datetime.now())

        def lapsed(partner_id):
            _store, bound, days = rows[partner_id]
            return bool(days and bound and fields.Datetime.from_string(
                bound) + timedelta(days=days) <= now)
        if lapsed(self.id):
            return []
        chain = []
        for upline_id in ids:
            chain.append((upline_id, bool(rows[upline_id][0])))
            if lapsed(upline_id):
                break
        return chain

    # ------------------------------------------------------------------
    # Demo

    @api.model
    def _mall_distribution_demo(self):
        """A store-rooted tree (store → 钱多多 → 李娜 → 赵六, and 孙七 under
        钱多多) and orders whose commissions are pending, earned, settled,
        paid (a bank withdrawal) and cancelled, with a wallet withdrawal
        waiting for approval.  Runs once; business data without XML ids,
        like the orders of mall_order's demo."""
        Partner = self.env["res.partner"]
        if Partner.search_count([("ref", "=", "MALL-DIST-STORE")]):
            return False
        cn = self.env.ref("base.cn").id
        store = Partner.create({
            "name": "体验店·杭州西湖", "is_company": True, "customer": True,
            "mall_is_store": True, "ref": "MALL-DIST-STORE",
            "country_id": cn})
        store._mall_ensure_referral_code()
        members = {}
        for key, name, upline in (("wang", "钱多多", store),
                                  ("li", "李娜", None),
                                  ("zhao", "赵六", None),
                                  ("sun", "孙七", None)):
            members[key] = Partner.create({
                "name": name, "customer": True, "country_id": cn,
                "email": "%s@example.com" % key})
        tree = (("wang", store), ("li", members["wang"]),
                ("zhao", members["li"]), ("sun", members["wang"]))
        for key, upline in tree:
            members[key].write({"mall_upline_id": upline.id,
                                "mall_bound_date": fields.Datetime.now()})
        # Members recruit after completed spending; the demo lets them.
        (members["wang"] | members["li"])._mall_ensure_referral_code()
        product = self.env["product.product"].create({
            "name": "分销演示茶礼 Distribution demo tea gift",
            "type": "consu", "list_price": 500.0, "taxes_id": [(5, 0, 0)]})
        flow = self.env["mall.order.flow"]
        SaleOrder = self.env["sale.order"]

        def order(buyer, qty):
            sale = SaleOrder.create({
                "partner_id": buyer.id, "client_order_ref": "MALL-DIST",
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": qty})]})
            sale.action_confirm()
            return sale

        def complete(sale):
            flow.pay(sale)
            flow.ship(sale)
            sale.action_mall_confirm_receipt()
            flow.move_dates(sale, days=30)
            SaleOrder._run_mall_complete()

        # Paid: pending commissions of 李娜, 钱多多, the store + rebate.
        flow.pay(order(members["zhao"], 2))
        # Delivered and past the return window: earned, then settled.
        complete(order(members["sun"], 4))
        company = self.env.user.company_id
        if company.chart_template_id:
            settlement = self.env["mall.commission.settlement"].create(
                {"company_id": company.id})
            settlement.action_generate()
            settlement.action_post()
            Withdrawal = self.env["mall.commission.withdrawal"]
            # The store withdraws to its bank: approved, billed, paid
            # (its commissions become paid; the rebate stays settled).
            paid = Withdrawal._mall_request(store, 200.0)
            paid.action_approve()
            bank = self.env["account.journal"].search([
                ("type", "=", "bank"), ("company_id", "=", company.id)],
                limit=1)
            if bank:
                self.env["account.payment"].create({
                    "payment_type": "outbound", "partner_type": "supplier",
                    "partner_id": store.id, "amount": 200.0,
                    "journal_id": bank.id,
                    "payment_method_id": self.env.ref(
                        "account.account_payment_method_manual_out").id,
                    "invoice_ids": [(4, paid.invoice_id.id)]}).post()
            # 钱多多 asks for a payout to the wallet: waits for finance.
            Withdrawal._mall_request(members["wang"], 100.0, "wallet")
        # Completed after the settlement: earned, for the next one.
        complete(order(members["li"], 1))
        # Cancelled before payment: nothing; paid then cancelled: cancelled.
        cancelled = order(members["zhao"], 1)
        flow.pay(cancelled)
        cancelled.action_cancel()
        return True

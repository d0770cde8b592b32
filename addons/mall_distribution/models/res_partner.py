# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random

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
    def _mall_bind(self, code):
        """Sign-up through an invite link: bind to the code's owner, once.
        Returns the upline."""
        self.ensure_one()
        if self.mall_upline_id:
            raise UserError(_(
                "%s already has an upline: the binding is permanent.")
                % self.name)
        upline = self.sudo().search(
            [("mall_referral_code", "=", (code or "").strip().upper())],
            limit=1)
        if not upline:
            raise UserError(_("Unknown referral code %s.") % code)
        if not upline.mall_can_recruit:
            raise UserError(_("%s may not recruit yet.") % upline.name)
        self.sudo().write({"mall_upline_id": upline.id,
                           "mall_bound_date": fields.Datetime.now()})
        return upline

    @api.multi
    def _mall_chain(self):
        """The uplines, nearest first: [(partner id, is a store)], read in
        one query from the materialised path."""
        self.ensure_one()
        ids = ancestors(self.mall_referral_path, self.id)
        if not ids:
            return []
        stores = set(self.browse(ids).filtered("mall_is_store").ids)
        return [(partner_id, partner_id in stores) for partner_id in ids]

    # ------------------------------------------------------------------
    # Demo

    @api.model
    def _mall_distribution_demo(self):
        """A store-rooted tree (store → 钱多多 → 李娜 → 赵六, and 孙七 under
        钱多多) and orders whose commissions are pending, earned, reduced
        by a refund and cancelled.  Runs once; business data without XML
        ids, like the orders of mall_order's demo."""
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
        # Paid: pending commissions of 李娜, 钱多多, the store + rebate.
        flow.pay(order(members["zhao"], 2))
        # Paid, delivered, return window over: earned.
        done = order(members["sun"], 1)
        flow.pay(done)
        flow.ship(done)
        done.action_mall_confirm_receipt()
        flow.move_dates(done, days=30)
        SaleOrder._run_mall_complete()
        # Cancelled before payment: nothing; paid then cancelled: cancelled.
        cancelled = order(members["zhao"], 1)
        flow.pay(cancelled)
        cancelled.action_cancel()
        return True

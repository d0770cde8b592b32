# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import engine

SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("new", "New"),
    ("potential", "Potential"),
    ("at_risk", "At Risk"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    mall_is_member = fields.Boolean(
        string="Member", index=True, copy=False,
        help="Has a member account: earns points and growth.")
    mall_member_since = fields.Datetime(readonly=True, copy=False)
    mall_level_id = fields.Many2one(
        "mall.member.level", string="Level", readonly=True, copy=False,
        index=True)
    mall_growth = fields.Integer(string="Growth", readonly=True, copy=False)
    mall_points_pending = fields.Integer(
        string="Pending Points", compute="_compute_mall_points")
    mall_points_available = fields.Integer(
        string="Available Points", compute="_compute_mall_points")
    mall_points_spent = fields.Integer(
        string="Spent Points", compute="_compute_mall_points")
    mall_points_expired = fields.Integer(
        string="Expired Points", compute="_compute_mall_points")
    mall_points_debt = fields.Integer(
        string="Points Debt", compute="_compute_mall_points")
    mall_points_move_ids = fields.One2many(
        "mall.points.move", "partner_id", string="Points Ledger",
        groups="mall_base.group_mall_user")
    mall_growth_move_ids = fields.One2many(
        "mall.growth.move", "partner_id", string="Growth Log",
        groups="mall_base.group_mall_user")
    mall_level_history_ids = fields.One2many(
        "mall.member.level.history", "partner_id", string="Level History",
        groups="mall_base.group_mall_user")
    # RFM, written by the nightly job.
    mall_rfm_last_order = fields.Date(string="Last Completed Order",
                                      readonly=True, copy=False)
    mall_rfm_recency = fields.Integer(
        string="Days Since Last Order", compute="_compute_mall_rfm_recency")
    mall_rfm_frequency = fields.Integer(string="Orders (365 days)",
                                        readonly=True, copy=False)
    mall_rfm_monetary = fields.Float(string="Spending (365 days)",
                                     readonly=True, copy=False)
    mall_rfm_r = fields.Integer(string="R Score", readonly=True,
                                copy=False)
    mall_rfm_f = fields.Integer(string="F Score", readonly=True,
                                copy=False)
    mall_rfm_m = fields.Integer(string="M Score", readonly=True,
                                copy=False)
    mall_rfm_segment = fields.Selection(SEGMENTS, string="RFM Segment",
                                        readonly=True, copy=False,
                                        index=True)
    mall_rfm_winback = fields.Boolean(
        string="Win-back", readonly=True, copy=False, index=True,
        help="Ordered half as often or less over the last 365 days as "
        "over the 365 before (用户唤醒).")
    mall_rfm_date = fields.Date(
        string="RFM Changed On", readonly=True, copy=False,
        help="The last night the job changed the member's RFM values.")

    @api.model
    def create(self, vals):
        partner = super(ResPartner, self).create(vals)
        if partner.mall_is_member and not partner.mall_level_id:
            # Created as a member (the Members menu): a full enrolment.
            partner.action_mall_enrol()
        return partner

    @api.depends("mall_rfm_last_order")
    def _compute_mall_rfm_recency(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for partner in self:
            last = fields.Date.from_string(partner.mall_rfm_last_order)
            partner.mall_rfm_recency = (today - last).days if last else 0

    # ------------------------------------------------------------------
    # Balances

    @api.multi
    def _mall_points_balances(self):
        """{partner id: (pending, available, spent, expired, debt)}, one
        grouped query over the ledger."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT partner_id, SUM(pending), SUM(available),
                   -SUM(available) FILTER (WHERE kind = 'spend')
                   - COALESCE(SUM(available) FILTER (WHERE kind = 'return'),
                              0),
                   -SUM(available) FILTER (WHERE kind = 'expire'),
                   SUM(debt)
              FROM mall_points_move WHERE partner_id = ANY(%s)
             GROUP BY partner_id""", (list(self.ids),))
        return {row[0]: tuple(int(value or 0) for value in row[1:])
                for row in self.env.cr.fetchall()}

    @api.multi
    def _compute_mall_points(self):
        balances = self._mall_points_balances()
        for partner in self:
            (partner.mall_points_pending, partner.mall_points_available,
             partner.mall_points_spent, partner.mall_points_expired,
             partner.mall_points_debt) = balances.get(
                 partner.id, (0, 0, 0, 0, 0))

    @api.multi
    def _mall_lock_points(self):
        """Serialise points changes of these members: a no-op UPDATE of
        their rows, so that a concurrent spend waits, gets a serialization
        failure and is retried on a snapshot that has this one."""
        if self.ids:
            self.env.cr.execute(
                "UPDATE res_partner SET mall_growth = mall_growth "
                "WHERE id = ANY(%s)", (list(self.ids),))

    @api.multi
    def _mall_repay_debts(self):
        """Available points repay the members' debts first.  Only the
        members who owe points and have some are locked (most have no
        debt: locking them all would rewrite their rows for nothing)."""
        owing = self.browse([
            partner_id for partner_id, balance
            in self._mall_points_balances().items()
            if balance[4] > 0 and balance[1] > 0])
        owing._mall_lock_points()
        rows = []
        for partner_id, balance in owing._mall_points_balances().items():
            _pending, available, _spent, _expired, debt = balance
            if debt > 0 and available > 0:
                _left, debt_left = engine.offset_debt(debt, available)
                repaid = debt - debt_left
                rows.append({"partner_id": partner_id, "kind": "debt_offset",
                             "points": -repaid, "available": -repaid,
                             "debt": -repaid})
        return self.env["mall.points.move"].sudo()._mall_insert(rows)

    @api.multi
    def _mall_points_expiring(self, today=None):
        """{partner id: points that expire at the end of this year}."""
        today = fields.Date.from_string(
            today or fields.Date.context_today(self))
        result = {}
        for partner in self:
            years = (partner.company_id or self.env.user.company_id)\
                .mall_points_expiry_years
            if not years:
                continue
            result[partner.id] = self._mall_expired_by(
                partner, datetime.date(today.year - years + 1, 1, 1))
        return result

    @api.model
    def _mall_expired_by(self, partner, cutoff):
        """Points released before ``cutoff`` and still unspent (spending
        takes the oldest points first)."""
        self.env.cr.execute("""
            SELECT COALESCE(SUM(available) FILTER (
                       WHERE available > 0 AND day < %s), 0),
                   COALESCE(-SUM(available) FILTER (WHERE available < 0), 0)
              FROM mall_points_move WHERE partner_id = %s""",
                            (fields.Date.to_string(cutoff), partner.id))
        old, consumed = self.env.cr.fetchone()
        return max(0, int(old) - int(consumed))

    # ------------------------------------------------------------------
    # Membership, growth and levels

    @api.multi
    def action_mall_enrol(self):
        """Open a member account (staff, or the portal sign-up)."""
        lowest = self.env["mall.member.level"].search([], limit=1)
        for partner in self.filtered(
                lambda p: not p.mall_is_member or not p.mall_level_id):
            partner.sudo().write({
                "mall_is_member": True,
                "mall_member_since": partner.mall_member_since
                or fields.Datetime.now(),
                "mall_level_id": partner.mall_level_id.id or lowest.id})
        return True

    @api.multi
    def _mall_apply_growth(self, delta, kind, reason, order=None,
                           sale_line=None):
        """Log a growth change and move the member's level with it
        (growth never goes below 0)."""
        self.ensure_one()
        table, levels = self.env["mall.member.level"].sudo()._mall_table()
        state = engine.apply_growth(self.mall_growth, delta, table)
        change = state.growth - self.mall_growth
        self.env["mall.growth.move"].sudo().create({
            "partner_id": self.id, "kind": kind, "amount": change,
            "growth": state.growth, "reason": reason,
            "order_id": order.id if order else False,
            "sale_line_id": sale_line.id if sale_line else False})
        self.sudo().write({"mall_growth": state.growth})
        self._mall_set_level(levels[state.level], reason)
        return change

    @api.multi
    def _mall_set_level(self, level, reason):
        """Move the member to ``level`` (logged when it changes)."""
        for partner in self:
            if partner.mall_level_id == level:
                continue
            self.env["mall.member.level.history"].sudo().create({
                "partner_id": partner.id,
                "old_level_id": partner.mall_level_id.id,
                "new_level_id": level.id, "growth": partner.mall_growth,
                "reason": reason})
            partner.sudo().mall_level_id = level
        return True

    @api.multi
    def _mall_level_progress(self):
        """(next level or None, growth missing to it, growth needed to
        keep the current level this year or None)."""
        self.ensure_one()
        table, levels = self.env["mall.member.level"].sudo()._mall_table()
        code, missing = engine.progress(self.mall_growth, table)
        return levels.get(code), missing

    @api.multi
    def _mall_review_approved(self, sale_line, virtual=False):
        """An approved review of ``sale_line`` (called by the review
        module): +20 growth for an item of at least 20, and the company's
        review points when that rule is on; once per order line."""
        self.ensure_one()
        if not self.mall_is_member:
            return 0
        if self.env["mall.growth.move"].sudo().search_count([
                ("sale_line_id", "=", sale_line.id),
                ("kind", "=", "review")]):
            return 0
        growth = engine.review_growth(sale_line.price_reduce_taxinc,
                                      virtual=virtual)
        if not growth:
            return 0
        self._mall_apply_growth(growth, "review", _("Approved review"),
                                order=sale_line.order_id,
                                sale_line=sale_line)
        company = sale_line.order_id.company_id
        if company.mall_points_review and company.mall_points_review_points:
            points = company.mall_points_review_points
            self.env["mall.points.move"].sudo()._mall_insert([{
                "partner_id": self.id, "company_id": company.id,
                "kind": "review", "points": points, "available": points,
                "order_id": sale_line.order_id.id,
                "reason": _("Approved review")}])
            self._mall_repay_debts()
        return growth

    @api.multi
    def _mall_sign_in(self):
        """The daily sign-in reward: once a day (unique index), when the
        rule is on.  Returns the points given (0 when not)."""
        self.ensure_one()
        company = self.company_id or self.env.user.company_id
        if not (self.mall_is_member and company.mall_points_sign_in):
            return 0
        today = fields.Date.context_today(self)
        Move = self.env["mall.points.move"].sudo()
        if Move.search_count([("partner_id", "=", self.id),
                              ("kind", "=", "sign_in"), ("day", "=", today)]):
            return 0
        points = company.mall_points_sign_in_points
        with self.env.cr.savepoint():
            Move._mall_insert([{
                "partner_id": self.id, "company_id": company.id,
                "kind": "sign_in", "points": points, "available": points,
                "reason": _("Daily sign-in")}])
        self._mall_repay_debts()
        return points

    @api.multi
    def _mall_adjust_points(self, points, reason):
        """A manager's correction: a new ledger line, never a change."""
        self.ensure_one()
        if not reason:
            raise UserError(_("A points adjustment needs a reason."))
        self._mall_lock_points()
        available = self._mall_points_balances().get(
            self.id, (0, 0, 0, 0, 0))[1]
        if available + points < 0:
            raise UserError(_(
                "%(partner)s has %(available)d points available: a "
                "deduction of %(points)d would make it negative.") % {
                    "partner": self.name, "available": available,
                    "points": -points})
        return self.env["mall.points.move"].sudo()._mall_insert([{
            "partner_id": self.id, "kind": "adjust", "points": points,
            "available": points, "reason": reason}])

    # ------------------------------------------------------------------
    # Demo

    @api.model
    def _mall_member_demo(self):
        """A member at every level (VIP1–VIP7) with a growth log and a
        points ledger: a welcome gift, a delivered order releasing day
        by day, a part of an order paid with points.  Runs once;
        business data without XML ids, like the orders of mall_order's
        demo."""
        Partner = self.env["res.partner"]
        if Partner.search_count([("ref", "=like", "MALL-MEMBER-%")]):
            return False
        cn = self.env.ref("base.cn").id
        names = ("周一", "吴二", "郑三", "冯四", "陈五", "褚六", "卫七")
        growth = (120, 800, 2600, 6000, 18000, 60000, 120000)
        Levels = self.env["mall.member.level"]
        members = Partner
        for index, (name, value) in enumerate(zip(names, growth)):
            member = Partner.create({
                "name": name, "customer": True, "country_id": cn,
                "ref": "MALL-MEMBER-%d" % (index + 1),
                "email": "member%d@example.com" % (index + 1)})
            member.action_mall_enrol()
            member._mall_apply_growth(value, "manual", _(
                "Growth brought over from the old member system"))
            self.env["mall.points.move"]._mall_insert([{
                "partner_id": member.id, "kind": "adjust",
                "points": 100 * (index + 1),
                "available": 100 * (index + 1),
                "reason": _("Welcome gift")}])
            members |= member
        if not Levels.search_count([]):
            return False
        product = self.env["product.product"].create({
            "name": "会员演示茶礼 Member demo tea gift", "type": "consu",
            "list_price": 360.0, "taxes_id": [(5, 0, 0)]})
        flow = self.env["mall.order.flow"]
        SaleOrder = self.env["sale.order"]
        buyer = members[2]
        # Delivered: 360 points released over 180 days.
        order = SaleOrder.create({
            "partner_id": buyer.id, "client_order_ref": "MALL-MEMBER",
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 1})]})
        order.action_confirm()
        if self.env.user.company_id.chart_template_id:
            flow.pay(order)
            flow.ship(order)
            order.action_mall_confirm_receipt()
            # Half of the next order paid with points.
            second = SaleOrder.create({
                "partner_id": buyer.id, "client_order_ref": "MALL-MEMBER",
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})]})
            second.action_confirm()
            second.mall_pay_with_points(180)
        self.env["mall.member.job"]._cron_mall_rfm()
        return True

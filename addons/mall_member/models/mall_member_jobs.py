# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled jobs of the member programme, set-based: points expiry,
points accounting, yearly level review, nightly RFM."""
import datetime

from odoo import _, api, fields, models

from .. import engine
from .mall_points_move import ENDING, GIVING


class MallMemberJob(models.AbstractModel):
    """The scheduled jobs (the crons call them on this model)."""

    _name = "mall.member.job"
    _description = "Member Programme Jobs"

    # ------------------------------------------------------------------
    # Expiry

    @api.model
    def _cron_mall_points_expire(self, today=None):
        """Expire, for every member, the released points older than the
        company's expiry (FIFO: spending took the oldest first).  Safe to
        run every day: what expired is not expired again."""
        today = fields.Date.from_string(
            today or fields.Date.context_today(self))
        cr = self.env.cr
        count = 0
        for company in self.env["res.company"].sudo().search(
                [("mall_points_expiry_years", ">", 0)]):
            cutoff = datetime.date(
                today.year - company.mall_points_expiry_years, 1, 1)
            cr.execute("""
                SELECT partner_id,
                       COALESCE(SUM(available) FILTER (
                           WHERE available > 0 AND day < %s), 0)
                       + COALESCE(SUM(available) FILTER (
                           WHERE available < 0), 0)
                  FROM mall_points_move WHERE company_id = %s
                 GROUP BY partner_id
                HAVING COALESCE(SUM(available) FILTER (
                           WHERE available > 0 AND day < %s), 0)
                       + COALESCE(SUM(available) FILTER (
                           WHERE available < 0), 0) > 0""",
                       (cutoff, company.id, cutoff))
            rows = cr.fetchall()
            if not rows:
                continue
            self.env["res.partner"].browse(
                [row[0] for row in rows])._mall_lock_points()
            reason = _("Released before %s") % fields.Date.to_string(cutoff)
            self.env["mall.points.move"].sudo()._mall_insert([{
                "partner_id": partner_id, "company_id": company.id,
                "kind": "expire", "points": -int(points),
                "available": -int(points), "reason": reason}
                for partner_id, points in rows])
            count += len(rows)
        return count

    # ------------------------------------------------------------------
    # Accounting

    @api.model
    def _cron_mall_points_post(self, date=None):
        """Post the points liability (deferred revenue) of the ledger
        lines not posted yet, per company: points given (earned,
        rewards, positive adjustments) debit the points expense and
        credit the liability; points ended without a payment (cancelled,
        taken back, expired, used to repay a debt, negative adjustments)
        do the reverse.  Spending and returns are payments of the points
        journal, which moves the liability itself.  One entry a run,
        refused inside a locked period."""
        date = date or fields.Date.context_today(self)
        cr = self.env.cr
        moves = self.env["account.move"]
        cr.execute("""
            SELECT c.id FROM res_company c
             WHERE EXISTS (
                   SELECT 1 FROM mall_points_move m
                    WHERE m.company_id = c.id
                      AND m.id > COALESCE(c.mall_points_posted_move_id, 0))
            """)
        for company in self.env["res.company"].sudo().browse(
                [row[0] for row in cr.fetchall()]):
            cr.execute("SELECT mall_points_posted_move_id FROM res_company "
                       "WHERE id = %s FOR UPDATE", (company.id,))
            watermark = cr.fetchone()[0] or 0
            cr.execute("""
                SELECT MAX(id),
                       COALESCE(SUM(pending + available) FILTER (
                           WHERE kind IN %s
                              OR (kind = 'adjust' AND available > 0)), 0),
                       -COALESCE(SUM(pending + available) FILTER (
                           WHERE kind IN %s
                              OR (kind = 'adjust' AND available < 0)), 0)
                  FROM mall_points_move
                 WHERE company_id = %s AND id > %s""",
                       (GIVING, ENDING, company.id, watermark))
            last, given, ended = cr.fetchone()
            if not last:
                continue
            if given or ended:
                company._mall_check_lock_date(
                    date, _("The points entry of %s") % date)
                journal, liability, expense = company._mall_points_accounts()
                value = company.mall_point_value
                lines = []
                for points, label, debit, credit in (
                        (given, _("Points given"), expense, liability),
                        (ended, _("Points ended"), liability, expense)):
                    amount = company.currency_id.round(points * value)
                    if amount:
                        lines += [
                            (0, 0, {"name": label, "account_id": debit.id,
                                    "debit": amount, "credit": 0.0}),
                            (0, 0, {"name": label, "account_id": credit.id,
                                    "debit": 0.0, "credit": amount})]
                if lines:
                    move = moves.sudo().create({
                        "journal_id": self._mall_points_misc_journal(
                            company, journal).id,
                        "date": date, "company_id": company.id,
                        "ref": _("Member points up to line %d") % last,
                        "line_ids": lines})
                    move.post()
                    moves |= move
            cr.execute("UPDATE res_company SET mall_points_posted_move_id = "
                       "%s WHERE id = %s", (last, company.id))
        self.env["res.company"].invalidate_cache(
            ["mall_points_posted_move_id"])
        return moves

    @api.model
    def _mall_points_misc_journal(self, company, fallback):
        return self.env["account.journal"].sudo().search([
            ("type", "=", "general"), ("company_id", "=", company.id)],
            limit=1) or fallback

    # ------------------------------------------------------------------
    # Yearly level review

    @api.model
    def _cron_mall_level_review(self, today=None):
        """Once a year: per the company's mode, deduct growth per level
        (JD style) or drop members who did not spend the level's yearly
        amount one level.  Returns the members changed."""
        today = fields.Date.from_string(
            today or fields.Date.context_today(self))
        Level = self.env["mall.member.level"].sudo()
        table, levels = Level._mall_table()
        by_id = {level.id: level for level in levels.values()}
        Partner = self.env["res.partner"].sudo()
        changed = Partner
        for company in self.env["res.company"].sudo().search(
                [("mall_level_review_mode", "!=", "none")]):
            mode = company.mall_level_review_mode
            members = Partner.search([
                ("mall_is_member", "=", True), ("mall_level_id", "!=", False),
                "|", ("company_id", "=", company.id),
                ("company_id", "=", False)])
            spending = self._mall_spending_since(
                members, today - datetime.timedelta(days=365)) \
                if mode == "keep" else {}
            deduction = {level.code: level.yearly_deduction
                         for level in levels.values()}
            keep = {level.code: level.keep_amount
                    for level in levels.values()}
            for member in members:
                code = by_id[member.mall_level_id.id].code
                review = engine.yearly_review(
                    member.mall_growth, code, mode, deduction, keep,
                    spending.get(member.id, 0.0), table)
                if review.growth != member.mall_growth:
                    member._mall_apply_growth(
                        review.growth - member.mall_growth, "yearly",
                        _("Yearly level review"))
                if review.level != code:
                    member._mall_set_level(levels[review.level],
                                           _("Yearly level review"))
                    changed |= member
        return changed

    @api.model
    def _mall_spending_since(self, partners, since):
        """{partner id: completed spending since ``since``}."""
        if not partners:
            return {}
        self.env.cr.execute("""
            SELECT p.commercial_partner_id,
                   SUM(o.amount_total - o.mall_refunded_amount)
              FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
             WHERE p.commercial_partner_id = ANY(%s)
               AND o.mall_completed_date >= %s
             GROUP BY p.commercial_partner_id""",
                            (list(partners.ids), fields.Date.to_string(since)))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # RFM

    @api.model
    def _cron_mall_rfm(self, today=None):
        """Score every member's recency, frequency and money by quintile
        (engine.RFM_SQL), the segment and the win-back flag, in three
        statements whatever the number of members; only the members whose
        values changed are written.  Returns their number."""
        today = today or fields.Date.context_today(self)
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS rfm_input")
        cr.execute("""
            CREATE TEMPORARY TABLE rfm_input ON COMMIT DROP AS
            SELECT m.id AS member_id,
                   MAX(o.mall_completed_date)::date AS last_order,
                   (%(today)s::date - MAX(o.mall_completed_date)::date)
                       AS recency_days,
                   COUNT(o.id) FILTER (WHERE o.mall_completed_date
                       >= %(today)s::date - 365) AS frequency,
                   COALESCE(SUM(o.amount_total - o.mall_refunded_amount)
                       FILTER (WHERE o.mall_completed_date
                       >= %(today)s::date - 365), 0)::numeric AS monetary,
                   COUNT(o.id) FILTER (WHERE o.mall_completed_date
                       >= %(today)s::date - 730
                       AND o.mall_completed_date < %(today)s::date - 365)
                       AS previous_frequency
              FROM res_partner m
              LEFT JOIN res_partner b ON b.commercial_partner_id = m.id
              LEFT JOIN sale_order o ON o.partner_id = b.id
                    AND o.mall_completed_date IS NOT NULL
                    AND o.mall_completed_date < %(today)s::date + 1
             WHERE m.mall_is_member
             GROUP BY m.id""", {"today": today})
        # Only the members whose values changed are written (about 1 % a
        # night): rewriting every member row would cost 20 times more.
        cr.execute("""
            UPDATE res_partner p
               SET mall_rfm_last_order = i.last_order,
                   mall_rfm_frequency = i.frequency,
                   mall_rfm_monetary = i.monetary,
                   mall_rfm_r = s.r, mall_rfm_f = s.f, mall_rfm_m = s.m,
                   mall_rfm_segment = s.segment,
                   mall_rfm_winback = s.winback, mall_rfm_date = %s
              FROM (""" + engine.RFM_SQL + """) s
              JOIN rfm_input i ON i.member_id = s.member_id
             WHERE p.id = s.member_id
               AND (p.mall_rfm_last_order, p.mall_rfm_frequency,
                    p.mall_rfm_monetary, p.mall_rfm_r, p.mall_rfm_f,
                    p.mall_rfm_m, p.mall_rfm_segment, p.mall_rfm_winback)
                   IS DISTINCT FROM
                   (i.last_order, i.frequency::integer, i.monetary::float8,
                    s.r, s.f, s.m, s.segment::varchar, s.winback)""",
                   (today,))
        count = cr.rowcount
        cr.execute("DROP TABLE IF EXISTS rfm_input")
        self.env["res.partner"].invalidate_cache()
        return count

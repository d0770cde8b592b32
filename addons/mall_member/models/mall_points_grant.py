# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

from .. import engine


class MallPointsGrant(models.Model):
    """The points an order earned and their release schedule: ``points``
    over ``days`` days from ``start_date``, ``points // days`` a day and
    the remainder on the last day (``engine.release_schedule``).  The
    daily job releases what is due for every open grant with one
    statement; a refund cancels the unreleased part and reschedules the
    rest (from the next day to the same last day)."""

    _name = "mall.points.grant"
    _description = "Member Points Release Schedule"
    _order = "start_date desc, id desc"
    _rec_name = "order_id"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 required=True, index=True,
                                 ondelete="restrict", readonly=True)
    company_id = fields.Many2one("res.company", required=True,
                                 readonly=True)
    order_id = fields.Many2one("sale.order", required=True, readonly=True,
                               index=True, ondelete="restrict")
    earned = fields.Integer(readonly=True,
                            help="Points the order earned, before refunds.")
    points = fields.Integer(readonly=True,
                            help="Points of the current schedule.")
    start_date = fields.Date(required=True, readonly=True)
    days = fields.Integer(readonly=True)
    released = fields.Integer(readonly=True, default=0,
                              help="Released in the current schedule.")
    held = fields.Integer(
        readonly=True, default=0, help="Released points of this order the member "
        "still holds (not taken back by refunds).")
    state = fields.Selection([("open", "Releasing"), ("done", "Released")],
                             default="open", required=True, readonly=True,
                             index=True)
    last_date = fields.Date(compute="_compute_last_date", store=True)

    _sql_constraints = [
        ("order_uniq", "unique(order_id)",
         "An order earns points once."),
    ]

    @api.depends("start_date", "days")
    def _compute_last_date(self):
        for grant in self:
            start = fields.Date.from_string(grant.start_date)
            grant.last_date = start and fields.Date.to_string(
                start + timedelta(days=max(grant.days - 1, 0)))

    @api.multi
    def _mall_schedule(self):
        """The remaining release calendar: [(date, points)]."""
        self.ensure_one()
        schedule = engine.release_schedule(
            self.points, fields.Date.from_string(self.start_date),
            self.days)
        done = self.released
        rest = []
        for release in schedule:
            if done >= release.points:
                done -= release.points
                continue
            rest.append((release.date, release.points - done))
            done = 0
        return rest

    @api.model
    def _mall_release_due(self, today=None, partner_ids=None):
        """Release what is due on ``today`` for every open grant (or the
        partners' only), set-based; running it again the same day
        releases nothing.  Then released points repay debts.  Returns the
        number of members who received points."""
        today = today or fields.Date.context_today(self)
        cr = self.env.cr
        where = ""
        params = {"today": today, "uid": self.env.uid}
        if partner_ids is not None:
            where = "AND g.partner_id = ANY(%(partners)s)"
            params["partners"] = list(partner_ids)
        cr.execute("""
            WITH due AS (
                SELECT g.id, g.partner_id, g.company_id, g.order_id,
                       CASE WHEN g.days = 0
                              OR %(today)s::date - g.start_date + 1 >= g.days
                            THEN g.points
                            ELSE (%(today)s::date - g.start_date + 1)
                                 * (g.points / g.days)
                       END - COALESCE(g.released, 0) AS amount
                  FROM mall_points_grant g
                 WHERE g.state = 'open' AND g.start_date <= %(today)s
                   """ + where + """
            ), lines AS (
                INSERT INTO mall_points_move (
                    partner_id, company_id, order_id, grant_id, kind,
                    points, pending, available, debt, day, date, user_id,
                    create_uid, write_uid, create_date, write_date)
                SELECT partner_id, company_id, order_id, id, 'release',
                       amount, -amount, amount, 0, %(today)s,
                       now() AT TIME ZONE 'UTC', %(uid)s, %(uid)s, %(uid)s,
                       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM due WHERE amount > 0
                RETURNING grant_id, available, partner_id
            )
            UPDATE mall_points_grant g
               SET released = COALESCE(g.released, 0) + lines.available,
                   held = COALESCE(g.held, 0) + lines.available,
                   state = CASE WHEN COALESCE(g.released, 0)
                                     + lines.available >= g.points
                                THEN 'done' ELSE 'open' END
              FROM lines WHERE lines.grant_id = g.id
            RETURNING g.partner_id""", params)
        partners = {row[0] for row in cr.fetchall()}
        # Grants whose schedule is empty (everything refunded) are done.
        cr.execute("""
            UPDATE mall_points_grant SET state = 'done'
             WHERE state = 'open' AND released >= points""")
        self.invalidate_cache()
        if partners:
            self.env["res.partner"].browse(partners)._mall_repay_debts()
        return len(partners)

    @api.model
    def _cron_mall_release(self):
        return self._mall_release_due()

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

#: Kinds of ledger lines and the balances they move: (pending, available,
#: debt) as signs; see MallPointsMove.
KINDS = [
    ("earn", "Earned, to release"),
    ("release", "Released"),
    ("spend", "Paid an order"),
    ("return", "Payment returned"),
    ("cancel", "Cancelled by a refund"),
    ("take_back", "Taken back by a refund"),
    ("debt", "Debt from a refund"),
    ("debt_offset", "Debt repaid"),
    ("expire", "Expired"),
    ("review", "Review reward"),
    ("sign_in", "Daily sign-in"),
    ("adjust", "Manual adjustment"),
]
#: Kinds that create points (the liability grows when they are posted).
GIVING = ("earn", "review", "sign_in")
#: Kinds that end points without a payment (the liability shrinks).
ENDING = ("cancel", "take_back", "expire", "debt_offset")


class MallPointsMove(models.Model):
    """The points ledger: append-only.  Every change of a member's points
    is a new line; balances are sums of the lines' three columns:
    *pending* (earned, not released yet), *available* (released, not
    spent) and *debt* (points owed after a refund took back points that
    were already spent).  Lines are never written or deleted, not even
    by managers: a correction is a new line."""

    _name = "mall.points.move"
    _inherit = "mall.append.only"
    _description = "Member Points Ledger Line"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True,
        ondelete="restrict", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True,
        default=lambda self: self.env.user.company_id)
    date = fields.Datetime(required=True, readonly=True,
                           default=fields.Datetime.now)
    day = fields.Date(required=True, readonly=True, index=True,
                      default=fields.Date.context_today,
                      help="The day the line takes effect (release day, "
                      "sign-in day); expiry counts from it.")
    kind = fields.Selection(KINDS, required=True, readonly=True, index=True)
    points = fields.Integer(
        readonly=True, help="The change as the member sees it: what was "
        "earned, released, spent, returned, taken back, expired...")
    pending = fields.Integer(readonly=True)
    available = fields.Integer(readonly=True)
    debt = fields.Integer(readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True, index=True,
                               ondelete="restrict")
    grant_id = fields.Many2one("mall.points.grant", readonly=True,
                               index=True, ondelete="restrict")
    payment_id = fields.Many2one("account.payment", readonly=True,
                                 ondelete="restrict")
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True,
                              default=lambda self: self.env.uid)

    @api.model_cr
    def init(self):
        # One sign-in reward a day per member.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS mall_points_move_sign_in
                ON mall_points_move (partner_id, day)
             WHERE kind = 'sign_in'""")
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS mall_points_move_partner_day
                ON mall_points_move (partner_id, day)""")

    @api.model
    def _mall_insert(self, rows):
        """Append lines (dicts with partner_id, kind, pending, available,
        debt and the optional columns) with one INSERT."""
        if not rows:
            return self.browse()
        today = fields.Date.context_today(self)
        company = self.env.user.company_id.id
        values = [(
            row["partner_id"], row.get("company_id") or company,
            row["kind"], row.get("points", 0), row.get("pending", 0),
            row.get("available", 0), row.get("debt", 0),
            row.get("order_id"), row.get("grant_id"), row.get("payment_id"),
            row.get("reason"), row.get("day") or today) for row in rows]
        self.env.cr.execute("""
            INSERT INTO mall_points_move (
                partner_id, company_id, kind, points, pending, available,
                debt, order_id, grant_id, payment_id, reason, day, date,
                user_id, create_uid, write_uid, create_date, write_date)
            SELECT v.*, now() AT TIME ZONE 'UTC', %s, %s, %s,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM (VALUES """ + ", ".join(
            ["(%s::int, %s::int, %s::varchar, %s::int, %s::int, %s::int, "
             "%s::int, %s::int, %s::int, %s::int, %s::varchar, %s::date)"]
            * len(values)) + """) AS v
            RETURNING id""", [self.env.uid] * 3 + [
                value for row in values for value in row])
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["res.partner"].invalidate_cache(fnames=[
            "mall_points_pending", "mall_points_available",
            "mall_points_debt"])
        return self.browse(ids)

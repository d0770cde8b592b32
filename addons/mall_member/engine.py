# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Member points and levels: the arithmetic behind the points ledger,
the growth log, the yearly level review and the nightly RFM scoring.

Plain Python (no Odoo import), so that it is fast, testable without a
database and reusable from a benchmark.  The Odoo side feeds these pure
functions facts read from its records and stores what they return as
new, append-only ledger lines.  Dates are ``datetime.date``; points and
growth are whole ``int``; money is given as ``int``, ``Decimal``,
``Fraction`` or ``float`` (a float is read through its shortest repr, so
``19.9`` means 19.9) and computed exactly with fractions.

Rules (every default is a setting the Odoo side passes in):

1. *Earning* -- one point per ``point_value`` 元 of the **cash** part of
   an order (the part paid with points earns nothing), times the product
   category's multiplier and the member level's multiplier.  The result is
   rounded **down** to a whole point, once per order (on the total of its
   lines, never line by line).
2. *Release* -- earned points are released daily over ``days`` days
   (default 180) from ``start``, the day after delivery: each day
   ``points // days``, the last day that plus ``points % days``; days that
   would release 0 points are left out.  ``days == 0`` releases everything
   on ``start``.  180 points: 1 a day; 200 points: 1 a day for 179 days and
   21 on the last; 10 points: all 10 on the last day.
3. *Paying with points* -- only released (available) points, whole
   points, at most ``cap_percent`` (default 50) % of the order total,
   rounded down.  The points' money value is rounded down to the cent; the
   cash part is the rest of the total, so both add up to the total.
4. *Refunds* -- shares are cumulative: after refunds of a total fraction
   ``c`` of the order, ``floor(x * c)`` of a quantity ``x`` is gone, so
   partial refunds adding up to 100 % remove exactly everything.  Of the
   earned points a refund removes, the released ones go pro rata to the
   order's released and unreleased points (the released share rounded
   down): unreleased points are cancelled, released points are taken back
   from the member's available balance (points used to pay the order are
   returned first and count as available); what the balance cannot cover
   becomes a debt, never a negative balance.  Future points pay the debt
   first.
5. *Expiry* -- released points expire at the end (31 December) of the
   ``years``-th calendar year after their release (default 2; 0 means
   never).  Spending consumes the oldest released points first (FIFO).
6. *Growth and levels* -- growth is whole: completed spending times the
   level's acceleration coefficient, rounded down; +20 for an approved
   review of a non-virtual item of at least 20 元; returns roll growth back
   with the cumulative share of rule 4; growth never goes below 0.  The
   level is the highest whose threshold the growth reaches (VIP1-VIP7 at
   0 / 500 / 2,000 / 5,000 / 15,000 / 50,000 / 100,000).  A yearly review
   either deducts growth per level (JD style), or requires a yearly
   spending per level to keep it (else one level down, growth cut to that
   level's threshold), or does nothing.
7. *RFM* -- R (days since the last completed order), F (completed orders
   in the last 365 days) and M (completed spending in the last 365 days)
   are each scored 1-5 against the members scored together:
   ``score = 1 + floor(5 * worse / n)``, ``worse`` being the number of
   members with a strictly worse value; equal values get equal scores and
   a member who never ordered has the worst R.  The segment comes from R
   and ``FM = (F + M) // 2`` through :data:`SEGMENTS`; a member whose F
   fell to half or less of the previous 365 days' (which was not 0) is
   flagged for win-back.  :data:`RFM_SQL` computes the same set-based.
"""

import bisect
import datetime
from collections import namedtuple
from decimal import Decimal
from fractions import Fraction

# -- exact numbers -----------------------------------------------------------

CENT = Fraction(1, 100)


def _exact(value, name="value"):
    """``value`` as an exact Fraction (a float through its shortest repr).

    Raises ValueError for None, booleans, NaN and infinities.
    """
    if isinstance(value, Fraction):
        return value
    if value is None or isinstance(value, bool):
        raise ValueError("%s: a number is required, got %r" % (name, value))
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        raise ValueError("%s: not a number: %r" % (name, value)) from None
    if not number.is_finite():
        raise ValueError("%s: not a finite number: %r" % (name, value))
    return Fraction(number)


def _non_negative(value, name):
    value = _exact(value, name)
    if value < 0:
        raise ValueError("%s must not be negative, got %s" % (name, value))
    return value


def _count(value, name):
    """A non-negative whole number (points, days, growth) as an int."""
    if isinstance(value, bool) or not isinstance(value, int):
        exact = _exact(value, name)
        if exact.denominator != 1:
            raise ValueError("%s must be whole, got %r" % (name, value))
        value = exact.numerator
    if value < 0:
        raise ValueError("%s must not be negative, got %s" % (name, value))
    return int(value)


def _floor(value):
    """The largest int not above the Fraction ``value``."""
    return value.numerator // value.denominator


def _share(value, name):
    """A fraction between 0 and 1 (inclusive)."""
    value = _exact(value, name)
    if not 0 <= value <= 1:
        raise ValueError("%s must be between 0 and 1, got %s" % (name, value))
    return value


def _cents(value, name):
    """A money amount rounded half up to a whole number of cents (int)."""
    value = _exact(value, name)
    cents = value / CENT
    return _floor(cents + Fraction(1, 2))


def _money(cents):
    """Whole cents as a Decimal with two places."""
    return Decimal(cents).scaleb(-2)


# -- earning -----------------------------------------------------------------

EarnLine = namedtuple("EarnLine", "cash multiplier")
EarnLine.__new__.__defaults__ = (1,)
EarnLine.__doc__ = """One order line for earning: cash is the line's cash
part (its total minus its share of the points payment), multiplier the
points multiplier of its product category (1 for none)."""


def points_earned(cash_paid, point_value=1, multiplier=1):
    """Points earned by ``cash_paid`` 元 of cash.

    ``floor(cash_paid * multiplier / point_value)``: one point per
    ``point_value`` 元, times ``multiplier`` (category multiplier times
    level multiplier), rounded down to a whole point.  The part of an
    order paid with points is not cash: leave it out of ``cash_paid``.
    """
    cash = _non_negative(cash_paid, "cash_paid")
    value = _exact(point_value, "point_value")
    if value <= 0:
        raise ValueError("point_value must be positive, got %s" % value)
    factor = _non_negative(multiplier, "multiplier")
    return _floor(cash * factor / value)


def points_for_lines(lines, point_value=1, level_multiplier=1):
    """Points earned by an order: ``lines`` are :class:`EarnLine` (or
    ``(cash, category multiplier)`` pairs).

    The weighted cash ``sum(cash * multiplier)`` is multiplied by the
    level multiplier and rounded down **once**, on the total: two lines of
    9.50 元 earn 19 points, not 9 + 9.  The Odoo side spreads the points
    to the lines itself if it needs to (their sum must be this).
    """
    weighted = Fraction(0)
    for cash, multiplier in lines:
        weighted += _non_negative(cash, "cash") * _non_negative(
            multiplier, "multiplier"
        )
    return points_earned(weighted, point_value, level_multiplier)


# -- release -----------------------------------------------------------------

RELEASE_DAYS = 180

Release = namedtuple("Release", "date points")
Release.__doc__ = """Points released on one day."""


def release_schedule(points, start, days=RELEASE_DAYS):
    """The daily releases of ``points`` earned points, as a list of
    :class:`Release` in date order.

    Released over ``days`` days from ``start`` (the day after delivery,
    which the caller computes): ``points // days`` a day and, on the last
    day, that plus the remainder ``points % days``.  Days that release 0
    points are left out, so 10 points over 180 days are one release of 10
    on ``start + 179 days``.  ``days == 0`` releases all on ``start``;
    0 points give an empty schedule.
    """
    points = _count(points, "points")
    days = _count(days, "days")
    if not points:
        return []
    if not days:
        return [Release(start, points)]
    daily, remainder = divmod(points, days)
    schedule = []
    if daily:
        for offset in range(days - 1):
            day = start + datetime.timedelta(days=offset)
            schedule.append(Release(day, daily))
    last = start + datetime.timedelta(days=days - 1)
    schedule.append(Release(last, daily + remainder))
    return schedule


def released_by(schedule, day):
    """Points of ``schedule`` released on or before ``day``."""
    return sum(release.points for release in schedule if release.date <= day)


def pending(schedule, day):
    """Points of ``schedule`` still to be released after ``day``."""
    return sum(release.points for release in schedule if release.date > day)


def reschedule(points, today, last_day):
    """A new schedule for the ``points`` an order still has to release
    after a refund on ``today``: the rule of :func:`release_schedule` from
    the next day up to ``last_day`` (the last day of the old schedule)
    inclusive; everything the next day when no day is left."""
    days = max((last_day - today).days, 0)
    return release_schedule(points, today + datetime.timedelta(days=1), days)


# -- refunds -----------------------------------------------------------------

Refund = namedtuple(
    "Refund",
    "removed cancelled taken_back debt returned remaining released",
)
Refund.__doc__ = """What one refund does to the points of one order.

removed: earned points the refund removes (cancelled + taken_back + debt);
cancelled: unreleased points cancelled (the schedule shrinks by them);
taken_back: released points debited from the member's available balance;
debt: released points the balance could not cover, recorded as a debt;
returned: points used to pay the order, credited back to the member;
remaining: points of the order still to be released after the refund;
released: released points of the order the member keeps (pass it, plus
what is released later, as ``released`` to the next refund)."""


def refund_fraction(refunded_amount, order_amount):
    """``refunded_amount / order_amount`` as an exact Fraction, both
    amounts first rounded half up to the cent (so float noise in summed
    amounts does not matter).  For the cumulative argument of
    :func:`refund_points`, pass the sum of the earlier refunded amounts."""
    refunded = _cents(refunded_amount, "refunded_amount")
    total = _cents(order_amount, "order_amount")
    if total <= 0:
        raise ValueError("order_amount must be positive")
    if not 0 <= refunded <= total:
        raise ValueError(
            "refunded_amount must be between 0 and the order amount"
        )
    return Fraction(refunded, total)


def pro_rata(total, fraction, previously_refunded_fraction=0):
    """The part of the whole quantity ``total`` a refund of ``fraction``
    removes after earlier refunds of ``previously_refunded_fraction``:

    ``floor(total * (previous + fraction)) - floor(total * previous)``.

    Rounded down on the cumulative share, so refunds adding up to the
    whole order remove exactly ``total`` (100 in thirds: 33, 33, 34).
    """
    total = _count(total, "total")
    fraction = _share(fraction, "fraction")
    previous = _share(
        previously_refunded_fraction, "previously_refunded_fraction"
    )
    if previous + fraction > 1:
        raise ValueError("refunds add up to more than the whole order")
    return _floor(total * (previous + fraction)) - _floor(total * previous)


def refund_points(
    earned,
    released,
    available,
    fraction,
    points_used=0,
    previously_refunded_fraction=0,
):
    """What refunding ``fraction`` of an order does to its points; a
    :class:`Refund`.

    earned: points the order earned (before any refund); released: points
    of this order released so far that the member still holds (after
    earlier refunds); available: the member's available balance (released,
    unspent points of all orders); fraction: refunded amount / order
    amount (exact: see :func:`refund_fraction`); points_used: points that
    paid the order; previously_refunded_fraction: the sum of the earlier
    refunds' fractions.

    The refund removes ``pro_rata(earned, ...)`` earned points.  Of those,
    the share of the order's released points is
    ``floor(released * removed / live)`` (``live`` = earned points not
    removed by earlier refunds), the rest are unreleased points, cancelled
    -- rounding down the released share favours the balance the member can
    spend now.  Points used to pay are returned (``pro_rata(points_used,
    ...)``, rounded down the same way, all of them once the whole order is
    refunded) and credited before the take-back.  Released points already
    spent stay spent: the take-back stops at the balance and the shortfall
    is a debt, so the balance never goes negative.  If the member already
    has a debt, the caller passes ``returned - taken_back`` through
    :func:`offset_debt`.
    """
    earned = _count(earned, "earned")
    released = _count(released, "released")
    available = _count(available, "available")
    previous = _share(
        previously_refunded_fraction, "previously_refunded_fraction"
    )
    removed = pro_rata(earned, fraction, previous)
    live = earned - _floor(earned * previous)
    if released > live:
        raise ValueError(
            "released (%s) exceeds the order's points left (%s)"
            % (released, live)
        )
    returned = pro_rata(points_used, fraction, previous)
    from_released = released * removed // live if live else 0
    cancelled = removed - from_released
    taken_back = min(from_released, available + returned)
    debt = from_released - taken_back
    return Refund(
        removed=removed,
        cancelled=cancelled,
        taken_back=taken_back,
        debt=debt,
        returned=returned,
        remaining=live - released - cancelled,
        released=released - from_released,
    )


def offset_debt(debt, new_points):
    """``(points left to credit, debt left)`` when ``new_points`` arrive
    for a member owing ``debt`` points: new points pay the debt first."""
    debt = _count(debt, "debt")
    new_points = _count(new_points, "new_points")
    paid = min(debt, new_points)
    return new_points - paid, debt - paid


# -- paying with points ------------------------------------------------------

PAYMENT_CAP_PERCENT = 50


def max_points_payment(
    order_total, available, cap_percent=PAYMENT_CAP_PERCENT, point_value=1
):
    """The most points that may pay an order of ``order_total`` 元.

    ``min(available, floor(order_total * cap_percent / 100 /
    point_value))``: whole points, never more than the member's available
    (released, unspent) points and never worth more than ``cap_percent``
    % of the total.  (Argument order: ``available`` comes before the
    settings, which have defaults.)
    """
    total = _non_negative(order_total, "order_total")
    available = _count(available, "available")
    cap = _non_negative(cap_percent, "cap_percent")
    if cap > 100:
        raise ValueError("cap_percent must not exceed 100, got %s" % cap)
    value = _exact(point_value, "point_value")
    if value <= 0:
        raise ValueError("point_value must be positive, got %s" % value)
    return min(available, _floor(total * cap / 100 / value))


def split_payment(order_total, points_used, point_value=1):
    """``(points money, cash)`` of an order paid partly with points, as
    Decimals with two places.

    The points' money value ``points_used * point_value`` is rounded down
    to the cent; the cash part is the rest of the total, so the two add up
    to ``order_total`` exactly.  ``order_total`` must be whole cents.  The
    cap is :func:`max_points_payment`'s business; this only refuses
    points worth more than the order.
    """
    total = _non_negative(order_total, "order_total")
    if (total / CENT).denominator != 1:
        raise ValueError("order_total must be a whole number of cents")
    total_cents = _floor(total / CENT)
    points_used = _count(points_used, "points_used")
    value = _non_negative(point_value, "point_value")
    points_cents = _floor(points_used * value / CENT)
    if points_cents > total_cents:
        raise ValueError("the points are worth more than the order")
    return _money(points_cents), _money(total_cents - points_cents)


# -- expiry ------------------------------------------------------------------

EXPIRY_YEARS = 2

Batch = namedtuple("Batch", "date points")
Batch.__doc__ = """Points released (or credited) on one date."""


def expiry_date(release_date, years=EXPIRY_YEARS):
    """The last day points released on ``release_date`` are valid: 31
    December of the ``years``-th calendar year after the release (released
    2026-03-05, 2 years: 2028-12-31); None when ``years`` is 0 (never)."""
    years = _count(years, "years")
    if not years:
        return None
    return datetime.date(release_date.year + years, 12, 31)


def fifo_remaining(batches, spent):
    """The released batches left once ``spent`` points were consumed,
    oldest first (FIFO), as a list of :class:`Batch` in date order, empty
    batches left out.  ``spent`` counts every debit of released points
    (payments, take-backs, earlier expiries)."""
    spent = _count(spent, "spent")
    left = []
    for day, points in sorted(batches, key=lambda batch: batch[0]):
        points = _count(points, "points")
        used = min(spent, points)
        spent -= used
        if points - used:
            left.append(Batch(day, points - used))
    if spent:
        raise ValueError("%s points spent beyond the batches" % spent)
    return left


def expiring(batches, spent, on_date, years=EXPIRY_YEARS):
    """Points of ``batches`` still unspent (FIFO, see
    :func:`fifo_remaining`) whose expiry date is on or before ``on_date``.

    The nightly run on 1 January passes 31 December of the year just
    ended; a reminder passes the coming 31 December.  0 when ``years`` is
    0.
    """
    total = 0
    for batch in fifo_remaining(batches, spent):
        last_day = expiry_date(batch.date, years)
        if last_day is not None and last_day <= on_date:
            total += batch.points
    return total


# -- growth and levels -------------------------------------------------------

Level = namedtuple("Level", "code threshold")
Level.__doc__ = """A member level and the growth needed to reach it."""

DEFAULT_LEVELS = (
    Level("VIP1", 0),
    Level("VIP2", 500),
    Level("VIP3", 2000),
    Level("VIP4", 5000),
    Level("VIP5", 15000),
    Level("VIP6", 50000),
    Level("VIP7", 100000),
)

REVIEW_GROWTH = 20
REVIEW_MIN_PRICE = 20

GrowthState = namedtuple("GrowthState", "growth level")
GrowthState.__doc__ = """A member's growth value and level code."""


def _ordered(levels):
    """``levels`` sorted by threshold, lowest first."""
    ordered = sorted(levels, key=lambda level: level[1])
    if not ordered:
        raise ValueError("no levels")
    return ordered


def _position(code, ordered):
    for index, level in enumerate(ordered):
        if level[0] == code:
            return index
    raise ValueError("unknown level %r" % (code,))


def level_for(growth, levels=DEFAULT_LEVELS):
    """The code of the highest level whose threshold ``growth`` reaches
    (the lowest level when it reaches none)."""
    growth = _count(growth, "growth")
    ordered = _ordered(levels)
    thresholds = [level[1] for level in ordered]
    index = bisect.bisect_right(thresholds, growth) - 1
    return ordered[max(index, 0)][0]


def progress(growth, levels=DEFAULT_LEVELS):
    """``(next level code, growth missing to reach it)``; ``(None, 0)`` at
    the highest level."""
    growth = _count(growth, "growth")
    for code, threshold in _ordered(levels):
        if threshold > growth:
            return code, threshold - growth
    return None, 0


def growth_for_spending(amount, coefficient=1):
    """Growth for ``amount`` 元 of completed spending: ``floor(amount *
    coefficient)`` (the level's acceleration coefficient, default 1)."""
    amount = _non_negative(amount, "amount")
    return _floor(amount * _non_negative(coefficient, "coefficient"))


def review_growth(item_price, minimum=REVIEW_MIN_PRICE, virtual=False):
    """Growth for an approved review: :data:`REVIEW_GROWTH` (20) when the
    item costs at least ``minimum`` (20 元) and is not virtual, else 0."""
    price = _non_negative(item_price, "item_price")
    if virtual or price < _exact(minimum, "minimum"):
        return 0
    return REVIEW_GROWTH


def growth_rollback(earned_growth, fraction, previously_refunded_fraction=0):
    """Growth to take back when ``fraction`` of an order that earned
    ``earned_growth`` is returned: :func:`pro_rata`, so returns adding up
    to the whole order take back exactly what it earned."""
    return pro_rata(earned_growth, fraction, previously_refunded_fraction)


def apply_growth(growth, delta, levels=DEFAULT_LEVELS):
    """A :class:`GrowthState` after adding ``delta`` (negative for a
    rollback) to ``growth``: never below 0, level recomputed."""
    growth = _count(growth, "growth")
    if isinstance(delta, bool) or not isinstance(delta, int):
        raise ValueError("delta must be an int, got %r" % (delta,))
    new_growth = max(growth + delta, 0)
    return GrowthState(new_growth, level_for(new_growth, levels))


REVIEW_NONE = "none"
REVIEW_DEDUCT = "deduct"
REVIEW_KEEP = "keep"
REVIEW_MODES = (REVIEW_NONE, REVIEW_DEDUCT, REVIEW_KEEP)

Review = namedtuple("Review", "growth level reason")
Review.__doc__ = """The outcome of a yearly review: new growth, new level
code and a key of REVIEW_REASONS."""

REVIEW_REASONS = {
    "review_off": "No yearly review: growth and level unchanged.",
    "deducted": "Yearly review: growth deducted, level kept.",
    "deducted_down": "Yearly review: growth deducted, level lowered.",
    "kept": "Yearly review: spending reached the amount to keep the level.",
    "not_kept": (
        "Yearly review: spending below the amount to keep the level, one"
        " level down."
    ),
    "lowest": "Yearly review: already at the lowest level.",
}


def yearly_review(
    growth,
    level,
    mode=REVIEW_NONE,
    deduction_by_level=None,
    keep_amount_by_level=None,
    spending_last_year=0,
    levels=DEFAULT_LEVELS,
):
    """The yearly level review of one member; a :class:`Review`.

    ``mode``:

    - ``"none"``: nothing changes (reason ``review_off``);
    - ``"deduct"`` (JD style): ``deduction_by_level[level]`` growth (0 when
      missing) is deducted, never below 0; the level is recomputed from the
      new growth but never raised (reasons ``deducted``,
      ``deducted_down``);
    - ``"keep"``: when ``spending_last_year`` reaches
      ``keep_amount_by_level[level]`` (0 when missing) the member keeps
      growth and level (``kept``); otherwise the level drops by one and
      the growth is cut to that lower level's threshold (``not_kept``;
      cutting to the threshold keeps growth and level consistent and makes
      the member earn the level back, not 1 元 of it); at the lowest level
      nothing changes (``lowest``).

    ``level`` is the member's current level code (it may differ from
    :func:`level_for` after a manual change).
    """
    growth = _count(growth, "growth")
    ordered = _ordered(levels)
    position = _position(level, ordered)
    if mode == REVIEW_NONE:
        return Review(growth, level, "review_off")
    if mode == REVIEW_DEDUCT:
        deduction = _count((deduction_by_level or {}).get(level, 0), "deduct")
        new_growth = max(growth - deduction, 0)
        new_position = min(
            _position(level_for(new_growth, ordered), ordered), position
        )
        reason = "deducted" if new_position == position else "deducted_down"
        return Review(new_growth, ordered[new_position][0], reason)
    if mode == REVIEW_KEEP:
        keep = _non_negative(
            (keep_amount_by_level or {}).get(level, 0), "keep amount"
        )
        if _non_negative(spending_last_year, "spending_last_year") >= keep:
            return Review(growth, level, "kept")
        if position == 0:
            return Review(growth, level, "lowest")
        lower = ordered[position - 1]
        return Review(min(growth, lower[1]), lower[0], "not_kept")
    raise ValueError("unknown review mode %r" % (mode,))


# -- RFM ---------------------------------------------------------------------

RFM_DAYS = 365

RfmInput = namedtuple(
    "RfmInput",
    "member_id last_order frequency monetary previous_frequency",
)
RfmInput.__new__.__defaults__ = (None, 0, 0, 0)
RfmInput.__doc__ = """One member's facts: last_order, the date of the
last completed order (None: never); frequency, completed orders in the
last 365 days; monetary, completed spending in the last 365 days;
previous_frequency, completed orders in the 365 days before those."""

RfmScore = namedtuple(
    "RfmScore", "member_id recency_days r f m segment winback"
)
RfmScore.__doc__ = """One member's scores: recency_days (None: never
ordered), r, f, m from 1 to 5, a segment code of SEGMENTS, winback."""

# Segments by R and FM = (F + M) // 2; the first matching row wins.
# (code, lowest R, highest R, lowest FM, highest FM)
# fmt: off
SEGMENTS = (
    ("champions",   4, 5, 4, 5),
    ("loyal",       3, 5, 3, 5),
    ("new",         4, 5, 1, 1),
    ("potential",   3, 5, 1, 2),
    ("at_risk",     1, 2, 3, 5),
    ("hibernating", 2, 2, 1, 2),
    ("lost",        1, 1, 1, 2),
)
# fmt: on

# The SQL twin of rfm_scores() (see its docstring); no parameters.
RFM_SQL = """
WITH ranked AS (
    SELECT member_id,
           COALESCE(frequency, 0) AS frequency,
           COALESCE(previous_frequency, 0) AS previous_frequency,
           count(*) OVER () AS n,
           rank() OVER (ORDER BY recency_days DESC NULLS FIRST) - 1
               AS r_worse,
           rank() OVER (ORDER BY COALESCE(frequency, 0)) - 1 AS f_worse,
           rank() OVER (ORDER BY COALESCE(monetary, 0)) - 1 AS m_worse
      FROM rfm_input
), scored AS (
    SELECT member_id, frequency, previous_frequency,
           LEAST(5, 1 + 5 * r_worse / n)::integer AS r,
           LEAST(5, 1 + 5 * f_worse / n)::integer AS f,
           LEAST(5, 1 + 5 * m_worse / n)::integer AS m
      FROM ranked
)
SELECT member_id, r, f, m,
       CASE
           WHEN r >= 4 AND (f + m) / 2 >= 4 THEN 'champions'
           WHEN r >= 3 AND (f + m) / 2 >= 3 THEN 'loyal'
           WHEN r >= 4 AND (f + m) / 2 = 1 THEN 'new'
           WHEN r >= 3 THEN 'potential'
           WHEN (f + m) / 2 >= 3 THEN 'at_risk'
           WHEN r = 2 THEN 'hibernating'
           ELSE 'lost'
       END AS segment,
       (previous_frequency > 0 AND 2 * frequency <= previous_frequency)
           AS winback
  FROM scored
 ORDER BY member_id
"""


def quintile_score(worse, total):
    """``1 + floor(5 * worse / total)``, at most 5: the score of a value
    that ``worse`` of ``total`` members do worse than.  With 10 distinct
    values the scores are 1, 1, 2, 2, 3, 3, 4, 4, 5, 5."""
    return min(5, 1 + 5 * worse // total)


def segment_for(r, f, m):
    """The segment code of :data:`SEGMENTS` for scores ``r, f, m``."""
    fm = (f + m) // 2
    for code, r_low, r_high, fm_low, fm_high in SEGMENTS:
        if r_low <= r <= r_high and fm_low <= fm <= fm_high:
            return code
    raise ValueError("scores out of range: %s, %s, %s" % (r, f, m))


def winback(frequency, previous_frequency):
    """Win-back (唤醒): F fell to half or less of the previous period's F,
    which was not 0."""
    return previous_frequency > 0 and 2 * frequency <= previous_frequency


def _comparable(value, name):
    """``value`` (None for 0) as an exact number that compares fast: ints,
    Decimals and Fractions as they are, a float through its repr."""
    if value is None:
        return 0
    if isinstance(value, (int, Decimal, Fraction)) and not isinstance(
        value, bool
    ):
        return value
    return _exact(value, name)


def _scores(keys):
    """The quintile score of each key (higher key = better)."""
    ordered = sorted(keys)
    total = len(ordered)
    return [
        quintile_score(bisect.bisect_left(ordered, key), total) for key in keys
    ]


def rfm_scores(rows, today):
    """Score ``rows`` (:class:`RfmInput`, or tuples in its order) against
    each other on ``today``; a list of :class:`RfmScore` by member id.

    R uses the days since ``last_order`` (fewer is better; a member who
    never ordered is worst, so scores 1), F and M the values (more is
    better; None counts as 0; compared exactly).  Each score is
    :func:`quintile_score` of the number of members with a strictly worse
    value, so equal values score the same.  Sorting makes it O(n log n).

    The same in SQL, set-based (:data:`RFM_SQL`): it reads
    ``rfm_input(member_id, recency_days, frequency, monetary,
    previous_frequency)`` -- a temporary table, or a CTE put in front of
    it -- with ``recency_days = today - last order date`` (NULL for a
    member who never ordered; NULL F, M or previous F count as 0) and
    returns ``member_id, r, f, m, segment, winback`` ordered by member id,
    with window functions only.  ``rank() OVER (ORDER BY value, worst
    first) - 1`` is the number of members with a strictly worse value (ties
    share a rank), ``count(*) OVER ()`` is n and bigint division floors
    non-negative numbers, so ``1 + 5 * worse / n`` is
    :func:`quintile_score`.  The worst R is the largest ``recency_days``,
    NULL before all (``DESC NULLS FIRST``).  ``monetary`` should be
    ``numeric`` so that equal amounts tie exactly, as Fractions do here.
    The CASE is the :data:`SEGMENTS` table, with ``(f + m) / 2`` the
    integer division ``(f + m) // 2``.  Equivalently ``percent_rank()``
    is ``worse / (n - 1)``, but its float would need rescaling: the rank
    form stays exact.
    """
    rows = sorted((RfmInput(*row) for row in rows), key=lambda x: x[0])
    if not rows:
        return []
    recency = [
        None if row.last_order is None else (today - row.last_order).days
        for row in rows
    ]
    frequency = [_comparable(row.frequency, "frequency") for row in rows]
    monetary = [_comparable(row.monetary, "monetary") for row in rows]
    previous = [
        _comparable(row.previous_frequency, "previous_frequency")
        for row in rows
    ]
    r_keys = [(0, 0) if days is None else (1, -days) for days in recency]
    result = []
    scores = zip(_scores(r_keys), _scores(frequency), _scores(monetary))
    for index, (r, f, m) in enumerate(scores):
        result.append(
            RfmScore(
                member_id=rows[index].member_id,
                recency_days=recency[index],
                r=r,
                f=f,
                m=m,
                segment=segment_for(r, f, m),
                winback=winback(frequency[index], previous[index]),
            )
        )
    return result

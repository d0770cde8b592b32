# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member points engine: earning, daily release, paying with points,
refunds, expiry, growth and levels, the yearly review and RFM scoring
(also against PostgreSQL)."""

import ast
import datetime
import random
import sys
import time
from decimal import Decimal
from fractions import Fraction

import member_engine as engine
import pytest
from member_engine import (
    DEFAULT_LEVELS,
    REVIEW_GROWTH,
    REVIEW_REASONS,
    RFM_SQL,
    SEGMENTS,
    Batch,
    EarnLine,
    Level,
    Refund,
    Release,
    RfmInput,
    apply_growth,
    expiring,
    expiry_date,
    fifo_remaining,
    growth_for_spending,
    growth_rollback,
    level_for,
    max_points_payment,
    offset_debt,
    pending,
    points_earned,
    points_for_lines,
    pro_rata,
    progress,
    quintile_score,
    refund_fraction,
    refund_points,
    release_schedule,
    released_by,
    reschedule,
    review_growth,
    rfm_scores,
    segment_for,
    split_payment,
    winback,
    yearly_review,
)

DELIVERED = datetime.date(2026, 3, 4)
START = datetime.date(2026, 3, 5)  # the day after delivery


def day(offset, start=START):
    return start + datetime.timedelta(days=offset)


# -- earning -----------------------------------------------------------------


def test_one_point_per_yuan_of_cash_rounded_down():
    assert points_earned(180) == 180
    assert points_earned(Decimal("179.99")) == 179
    assert points_earned(179.99) == 179
    assert points_earned(0) == 0
    assert points_earned(Decimal("0.99")) == 0


def test_point_value_and_multiplier():
    assert points_earned(Decimal("179.99"), point_value=2) == 89
    assert points_earned(100, point_value=Decimal("0.01")) == 10000
    # category multiplier 1.5 times level multiplier 1.2
    assert (
        points_earned(100, multiplier=Decimal("1.5") * Decimal("1.2")) == 180
    )
    assert points_earned(Decimal("33.33"), multiplier=3) == 99
    assert points_earned(50, multiplier=0) == 0


def test_floats_are_read_as_their_decimal_meaning():
    # 19.9 / 0.1 is 198.99999999999997 in floats: that would lose a point
    assert 19.9 / 0.1 < 199
    assert points_earned(19.9, point_value=0.1) == 199
    assert points_earned(0.1 + 0.2, point_value=0.1) == 3  # repr 0.3...04


def test_earning_refuses_nonsense():
    with pytest.raises(ValueError):
        points_earned(-1)
    with pytest.raises(ValueError):
        points_earned(10, point_value=0)
    with pytest.raises(ValueError):
        points_earned(10, multiplier=-1)
    with pytest.raises(ValueError):
        points_earned(None)
    with pytest.raises(ValueError):
        points_earned(float("nan"))
    with pytest.raises(ValueError):
        points_earned("abc")


def test_lines_round_down_once_on_the_total():
    lines = [EarnLine(Decimal("9.50")), EarnLine(Decimal("9.50"))]
    assert points_for_lines(lines) == 19
    per_line = sum(points_earned(line.cash) for line in lines)
    assert per_line == 18


def test_lines_weigh_category_and_level_multipliers():
    lines = [(100, 2), (Decimal("50.50"), 1)]
    # (200 + 50.50) * 1.1 = 275.55
    assert points_for_lines(lines, level_multiplier=Decimal("1.1")) == 275
    assert points_for_lines(lines, point_value=10) == 25
    assert points_for_lines([]) == 0
    with pytest.raises(ValueError):
        points_for_lines([(10, -1)])


# -- release -----------------------------------------------------------------


def test_180_points_release_one_a_day_for_180_days():
    schedule = release_schedule(180, START)
    assert len(schedule) == 180
    assert set(release.points for release in schedule) == {1}
    assert schedule[0] == Release(START, 1)
    assert schedule[-1] == Release(day(179), 1)
    assert [r.date for r in schedule] == [day(n) for n in range(180)]


def test_acceptance_360_order_paid_half_with_points():
    """360 元, half paid with points: 180 元 of cash earn 180 points, one a
    day; after 10 days 10 are available and 170 pending."""
    usable = max_points_payment(360, available=1000)
    assert usable == 180
    points_money, cash = split_payment(360, usable)
    assert (points_money, cash) == (Decimal("180.00"), Decimal("180.00"))
    earned = points_earned(cash)
    assert earned == 180
    schedule = release_schedule(earned, DELIVERED + datetime.timedelta(1))
    assert released_by(schedule, DELIVERED) == 0
    assert released_by(schedule, START) == 1
    assert released_by(schedule, day(9)) == 10
    assert pending(schedule, day(9)) == 170
    assert released_by(schedule, day(179)) == 180
    assert pending(schedule, day(179)) == 0
    assert released_by(schedule, day(400)) == 180


def test_remainder_goes_to_the_last_day():
    schedule = release_schedule(200, START)
    assert len(schedule) == 180
    assert [r.points for r in schedule[:179]] == [1] * 179
    assert schedule[-1] == Release(day(179), 21)
    assert sum(r.points for r in schedule) == 200
    assert release_schedule(7, START, days=3) == [
        Release(START, 2),
        Release(day(1), 2),
        Release(day(2), 3),
    ]


def test_fewer_points_than_days_all_on_the_last_day():
    assert release_schedule(10, START) == [Release(day(179), 10)]
    assert released_by(release_schedule(10, START), day(178)) == 0
    assert release_schedule(179, START) == [Release(day(179), 179)]


def test_zero_days_releases_at_once_and_zero_points_nothing():
    assert release_schedule(180, START, days=0) == [Release(START, 180)]
    assert release_schedule(0, START) == []
    assert release_schedule(0, START, days=0) == []
    assert released_by([], START) == 0
    with pytest.raises(ValueError):
        release_schedule(-1, START)
    with pytest.raises(ValueError):
        release_schedule(10, START, days=-1)
    with pytest.raises(ValueError):
        release_schedule(Decimal("10.5"), START)


# -- paying with points ------------------------------------------------------


def test_points_payment_is_capped_at_half_the_order():
    assert max_points_payment(100, available=1000) == 50
    assert max_points_payment(100, available=30) == 30
    assert max_points_payment(Decimal("99.99"), available=1000) == 49
    assert max_points_payment(99.99, available=1000) == 49
    assert max_points_payment(100, available=0) == 0


def test_points_payment_settings():
    assert max_points_payment(100, 1000, cap_percent=0) == 0
    assert max_points_payment(100, 1000, cap_percent=100) == 100
    assert max_points_payment(100, 60, cap_percent=100) == 60
    assert max_points_payment(100, 9999, cap_percent=30) == 30
    assert max_points_payment(100, 9999, point_value=Decimal("0.01")) == 5000
    assert max_points_payment(100, 9999, point_value=3) == 16
    with pytest.raises(ValueError):
        max_points_payment(100, 10, cap_percent=101)
    with pytest.raises(ValueError):
        max_points_payment(100, 10, point_value=0)
    with pytest.raises(ValueError):
        max_points_payment(100, -1)


def test_split_payment_adds_up_to_the_total():
    assert split_payment(Decimal("99.99"), 49) == (
        Decimal("49.00"),
        Decimal("50.99"),
    )
    assert split_payment(100, 0) == (Decimal("0.00"), Decimal("100.00"))
    assert split_payment(100, 100) == (Decimal("100.00"), Decimal("0.00"))
    # 3 points of 0.015 元 are worth 0.045: rounded down to 0.04
    points_money, cash = split_payment(Decimal("99.99"), 3, Decimal("0.015"))
    assert (points_money, cash) == (Decimal("0.04"), Decimal("99.95"))
    assert points_money + cash == Decimal("99.99")
    assert str(points_money) == "0.04"


def test_split_payment_refuses_nonsense():
    with pytest.raises(ValueError):
        split_payment(100, 101)
    with pytest.raises(ValueError):
        split_payment(Decimal("10.005"), 1)
    with pytest.raises(ValueError):
        split_payment(100, -1)


# -- refunds -----------------------------------------------------------------


def test_full_refund_after_ten_days():
    refund = refund_points(
        earned=180, released=10, available=10, fraction=1, points_used=180
    )
    assert refund == Refund(
        removed=180,
        cancelled=170,
        taken_back=10,
        debt=0,
        returned=180,
        remaining=0,
        released=0,
    )


def test_half_refund_cancels_unreleased_and_takes_back_released():
    refund = refund_points(180, 10, 10, Fraction(1, 2), points_used=180)
    assert refund.removed == 90
    assert refund.cancelled == 85  # half of the 170 unreleased
    assert refund.taken_back == 5  # half of the 10 released
    assert refund.debt == 0
    assert refund.returned == 90
    assert refund.remaining == 85
    assert refund.released == 5


def test_released_share_is_rounded_down():
    # 7 released of 180, a third refunded: 60 removed, 7 * 60 / 180 = 2.33
    refund = refund_points(180, 7, 100, Fraction(1, 3))
    assert refund.removed == 60
    assert refund.taken_back == 2
    assert refund.cancelled == 58
    assert refund.remaining == 180 - 7 - 58
    assert refund.released == 5


def test_spent_points_stay_spent_and_the_shortfall_is_a_debt():
    # 10 released, 8 of them spent: 2 available
    refund = refund_points(180, 10, 2, Fraction(1, 2))
    assert refund.taken_back == 2
    assert refund.debt == 3
    assert refund.cancelled == 85
    assert refund.removed == 90
    assert refund.released == 5
    everything = refund_points(180, 10, 0, 1)
    assert (everything.taken_back, everything.debt) == (0, 10)
    assert everything.cancelled == 170


def test_returned_points_cover_the_take_back_first():
    # all released points spent, but the order was paid with points
    refund = refund_points(180, 10, 0, 1, points_used=180)
    assert refund.returned == 180
    assert refund.taken_back == 10
    assert refund.debt == 0
    small = refund_points(180, 10, 0, 1, points_used=4)
    assert (small.returned, small.taken_back, small.debt) == (4, 4, 6)


def test_future_points_pay_the_debt_first():
    assert offset_debt(3, 1) == (0, 2)
    assert offset_debt(2, 5) == (3, 0)
    assert offset_debt(0, 5) == (5, 0)
    assert offset_debt(4, 0) == (0, 4)
    with pytest.raises(ValueError):
        offset_debt(-1, 5)


def test_two_partial_refunds_add_up_to_the_full_order():
    """A 300 元 order that earned 100 points and was paid partly with 50
    points, refunded 100 元 and later the other 200 元."""
    first_fraction = refund_fraction(100, 300)
    assert first_fraction == Fraction(1, 3)
    first = refund_points(100, 30, 30, first_fraction, points_used=50)
    assert first == Refund(
        removed=33,
        cancelled=24,
        taken_back=9,
        debt=0,
        returned=16,
        remaining=46,
        released=21,
    )
    # the rest is rescheduled; 10 more points are released later
    second = refund_points(
        100,
        first.released + 10,
        40,
        refund_fraction(200, 300),
        points_used=50,
        previously_refunded_fraction=first_fraction,
    )
    assert second == Refund(
        removed=67,
        cancelled=36,
        taken_back=31,
        debt=0,
        returned=34,
        remaining=0,
        released=0,
    )
    assert first.removed + second.removed == 100
    assert first.returned + second.returned == 50


def test_refunds_in_thirds_of_float_amounts_remove_exactly_everything():
    total = 99.99
    removed = []
    returned = []
    refunded = 0.0
    for _step in range(3):
        previous = refund_fraction(refunded, total)
        fraction = refund_fraction(33.33, total)
        removed.append(pro_rata(100, fraction, previous))
        returned.append(pro_rata(7, fraction, previous))
        refunded += 33.33
    assert removed == [33, 33, 34]
    assert returned == [2, 2, 3]
    assert refund_fraction(refunded, total) == 1


def test_zero_refund_changes_nothing():
    refund = refund_points(180, 10, 10, 0, points_used=50)
    assert refund == Refund(0, 0, 0, 0, 0, 170, 10)


def test_refund_of_an_order_that_earned_nothing():
    refund = refund_points(0, 0, 5, 1, points_used=20)
    assert refund == Refund(0, 0, 0, 0, 20, 0, 0)


def test_refunds_refuse_nonsense():
    with pytest.raises(ValueError):
        refund_points(180, 10, 10, Fraction(1, 2), 0, Fraction(2, 3))
    with pytest.raises(ValueError):
        refund_points(180, 10, 10, Fraction(3, 2))
    with pytest.raises(ValueError):
        # after a half refund only 90 points are left, not 100 released
        refund_points(180, 100, 10, Fraction(1, 4), 0, Fraction(1, 2))
    with pytest.raises(ValueError):
        refund_points(180, 10, -1, 1)
    with pytest.raises(ValueError):
        refund_fraction(301, 300)
    with pytest.raises(ValueError):
        refund_fraction(1, 0)


def test_refund_fraction_rounds_amounts_to_the_cent():
    assert refund_fraction(0.1 + 0.2, 0.9) == Fraction(1, 3)
    assert refund_fraction(Decimal("50.005"), 100) == Fraction(5001, 10000)
    assert refund_fraction(0, 100) == 0


def test_reschedule_after_a_refund():
    schedule = release_schedule(180, START)
    released = released_by(schedule, day(9))
    refund = refund_points(180, released, 10, Fraction(1, 17))
    # 180 / 17 = 10.6: 10 removed; 10 * 10 / 180 = 0.6: none taken back
    assert (refund.removed, refund.taken_back, refund.cancelled) == (
        10,
        0,
        10,
    )
    assert refund.remaining == 160
    rest = reschedule(refund.remaining, day(9), schedule[-1].date)
    # 160 points over the 170 days left: the remainder rule puts them last
    assert rest == [Release(day(179), 160)]
    full_rest = reschedule(170, day(9), day(179))
    assert len(full_rest) == 170
    assert full_rest[0] == Release(day(10), 1)
    assert full_rest[-1] == Release(day(179), 1)
    assert reschedule(340, day(9), day(179))[0] == Release(day(10), 2)
    assert reschedule(5, day(179), day(179)) == [Release(day(180), 5)]
    assert reschedule(0, day(9), day(179)) == []


# -- expiry ------------------------------------------------------------------


def test_points_expire_at_the_end_of_the_second_calendar_year():
    assert expiry_date(datetime.date(2026, 3, 5)) == datetime.date(
        2028, 12, 31
    )
    assert expiry_date(datetime.date(2026, 1, 1)) == datetime.date(
        2028, 12, 31
    )
    assert expiry_date(datetime.date(2026, 12, 31)) == datetime.date(
        2028, 12, 31
    )
    assert expiry_date(datetime.date(2027, 1, 1)) == datetime.date(
        2029, 12, 31
    )
    assert expiry_date(datetime.date(2026, 3, 5), 1) == datetime.date(
        2027, 12, 31
    )
    assert expiry_date(datetime.date(2026, 3, 5), 0) is None


BATCHES = [
    Batch(datetime.date(2027, 2, 1), 80),
    Batch(datetime.date(2026, 3, 5), 100),
    Batch(datetime.date(2026, 7, 1), 50),
]


def test_spending_consumes_the_oldest_points_first():
    assert fifo_remaining(BATCHES, 120) == [
        Batch(datetime.date(2026, 7, 1), 30),
        Batch(datetime.date(2027, 2, 1), 80),
    ]
    assert fifo_remaining(BATCHES, 0) == sorted(BATCHES)
    assert fifo_remaining(BATCHES, 230) == []
    with pytest.raises(ValueError):
        fifo_remaining(BATCHES, 231)


def test_what_expires_by_a_date():
    end_2028 = datetime.date(2028, 12, 31)
    assert expiring(BATCHES, 120, end_2028) == 30
    assert expiring(BATCHES, 0, end_2028) == 150
    assert expiring(BATCHES, 150, end_2028) == 0
    assert expiring(BATCHES, 120, datetime.date(2028, 12, 30)) == 0
    assert expiring(BATCHES, 120, datetime.date(2029, 12, 31)) == 110
    assert expiring(BATCHES, 120, datetime.date(2099, 1, 1), years=0) == 0
    assert expiring(BATCHES, 0, datetime.date(2027, 12, 31), years=1) == 150


def test_a_schedule_across_new_year_expires_in_two_parts():
    schedule = release_schedule(180, datetime.date(2026, 12, 22))
    end_2028 = datetime.date(2028, 12, 31)
    assert expiring(schedule, 0, end_2028) == 10  # 22 to 31 December
    assert expiring(schedule, 4, end_2028) == 6
    assert expiring(schedule, 0, datetime.date(2029, 12, 31)) == 180


# -- growth and levels -------------------------------------------------------


def test_default_levels():
    assert [level.code for level in DEFAULT_LEVELS] == [
        "VIP%s" % n for n in range(1, 8)
    ]
    assert [level.threshold for level in DEFAULT_LEVELS] == [
        0,
        500,
        2000,
        5000,
        15000,
        50000,
        100000,
    ]


@pytest.mark.parametrize(
    "growth, code",
    [
        (0, "VIP1"),
        (499, "VIP1"),
        (500, "VIP2"),
        (1999, "VIP2"),
        (2000, "VIP3"),
        (4999, "VIP3"),
        (5000, "VIP4"),
        (14999, "VIP4"),
        (15000, "VIP5"),
        (49999, "VIP5"),
        (50000, "VIP6"),
        (99999, "VIP6"),
        (100000, "VIP7"),
        (10**9, "VIP7"),
    ],
)
def test_level_for_growth(growth, code):
    assert level_for(growth) == code


def test_custom_levels_in_any_order():
    levels = [Level("gold", 1000), Level("basic", 100), Level("silver", 300)]
    assert level_for(50, levels) == "basic"
    assert level_for(300, levels) == "silver"
    assert level_for(5000, levels) == "gold"
    assert progress(50, levels) == ("basic", 50)
    assert progress(999, levels) == ("gold", 1)


def test_progress_to_the_next_level():
    assert progress(0) == ("VIP2", 500)
    assert progress(1800) == ("VIP3", 200)
    assert progress(99999) == ("VIP7", 1)
    assert progress(100000) == (None, 0)


def test_growth_for_spending_rounds_down():
    assert growth_for_spending(Decimal("199.99")) == 199
    assert growth_for_spending(Decimal("99.99"), Decimal("1.5")) == 149
    assert growth_for_spending(300, 2) == 600
    assert growth_for_spending(0.5) == 0
    with pytest.raises(ValueError):
        growth_for_spending(-1)


def test_review_growth():
    assert REVIEW_GROWTH == 20
    assert review_growth(20) == 20
    assert review_growth(Decimal("20.00")) == 20
    assert review_growth(Decimal("19.99")) == 0
    assert review_growth(500, virtual=True) == 0
    assert review_growth(30, minimum=50) == 0
    assert review_growth(50, minimum=50) == 20


def test_level_up_then_down_when_the_order_is_returned():
    state = apply_growth(1800, 0)
    assert state == (1800, "VIP2")
    earned = growth_for_spending(300)
    state = apply_growth(state.growth, earned)
    assert state == (2100, "VIP3")
    state = apply_growth(state.growth, review_growth(25))
    assert state == (2120, "VIP3")
    state = apply_growth(state.growth, -growth_rollback(earned, 1))
    assert state == (1820, "VIP2")
    state = apply_growth(state.growth, -REVIEW_GROWTH)  # review deleted
    assert state == (1800, "VIP2")


def test_partial_returns_roll_growth_back_exactly():
    first = growth_rollback(100, Fraction(1, 3))
    second = growth_rollback(100, Fraction(2, 3), Fraction(1, 3))
    assert (first, second) == (33, 67)
    assert growth_rollback(100, Fraction(1, 2)) == 50


def test_growth_never_goes_below_zero():
    assert apply_growth(10, -50) == (0, "VIP1")
    assert apply_growth(600, -100) == (500, "VIP2")
    assert apply_growth(600, -101) == (499, "VIP1")
    with pytest.raises(ValueError):
        apply_growth(10, 1.5)


# -- yearly review -----------------------------------------------------------

DEDUCTIONS = {"VIP3": 300, "VIP4": 1000}
KEEP = {"VIP1": 100, "VIP4": Decimal("3000")}


def test_review_off_changes_nothing():
    assert yearly_review(2100, "VIP3") == (2100, "VIP3", "review_off")
    assert yearly_review(
        2100, "VIP3", "none", DEDUCTIONS, KEEP, spending_last_year=0
    ) == (2100, "VIP3", "review_off")


def test_deduct_mode():
    assert yearly_review(2500, "VIP3", "deduct", DEDUCTIONS) == (
        2200,
        "VIP3",
        "deducted",
    )
    assert yearly_review(2100, "VIP3", "deduct", DEDUCTIONS) == (
        1800,
        "VIP2",
        "deducted_down",
    )
    # a level set by hand above the growth: down to what growth gives
    assert yearly_review(800, "VIP4", "deduct", DEDUCTIONS) == (
        0,
        "VIP1",
        "deducted_down",
    )
    # no deduction for VIP2
    assert yearly_review(600, "VIP2", "deduct", DEDUCTIONS) == (
        600,
        "VIP2",
        "deducted",
    )
    # a level set by hand below the growth is never raised by the review
    assert yearly_review(6000, "VIP2", "deduct", DEDUCTIONS) == (
        6000,
        "VIP2",
        "deducted",
    )


def test_keep_mode():
    assert yearly_review(
        12000,
        "VIP4",
        "keep",
        keep_amount_by_level=KEEP,
        spending_last_year=3000,
    ) == (12000, "VIP4", "kept")
    assert yearly_review(
        12000,
        "VIP4",
        "keep",
        keep_amount_by_level=KEEP,
        spending_last_year=Decimal("2999.99"),
    ) == (2000, "VIP3", "not_kept")
    assert level_for(2000) == "VIP3"
    assert yearly_review(
        300, "VIP1", "keep", keep_amount_by_level=KEEP, spending_last_year=0
    ) == (300, "VIP1", "lowest")
    # no keep amount for VIP5: always kept
    assert yearly_review(20000, "VIP5", "keep", keep_amount_by_level=KEEP) == (
        20000,
        "VIP5",
        "kept",
    )
    # a level set by hand above the growth: growth is not raised
    assert yearly_review(100, "VIP4", "keep", keep_amount_by_level=KEEP) == (
        100,
        "VIP3",
        "not_kept",
    )


def test_review_reasons_and_errors():
    assert set(REVIEW_REASONS) == {
        "review_off",
        "deducted",
        "deducted_down",
        "kept",
        "not_kept",
        "lowest",
    }
    assert all(text.endswith(".") for text in REVIEW_REASONS.values())
    with pytest.raises(ValueError):
        yearly_review(100, "VIP1", "shrink")
    with pytest.raises(ValueError):
        yearly_review(100, "VIP9", "none")


# -- RFM ---------------------------------------------------------------------

TODAY = datetime.date(2026, 6, 30)


def ago(days):
    return None if days is None else TODAY - datetime.timedelta(days=days)


# member id: (days since last order, F, M, previous F), and the expected
# (R, F, M, segment, win-back).  Ten distinct values: two members per
# quintile (ranked best first: 1-2 score 5, 3-4 score 4, ... 9-10 score 1).
TEN = {
    1: ((1, 20, Decimal("9000"), 10), (5, 5, 5, "champions", False)),
    2: ((2, 1, Decimal("99.90"), 0), (5, 1, 1, "new", False)),
    3: ((5, 8, Decimal("1200"), 8), (4, 3, 2, "potential", False)),
    4: ((8, 12, Decimal("3000"), 13), (4, 4, 3, "loyal", False)),
    5: ((20, 18, Decimal("5000"), 30), (3, 5, 4, "loyal", False)),
    6: ((30, 5, Decimal("2500"), 5), (3, 2, 3, "potential", False)),
    7: ((100, 10, Decimal("8000"), 20), (2, 4, 5, "at_risk", True)),
    8: ((120, 2, Decimal("800"), 3), (2, 1, 2, "hibernating", False)),
    9: ((300, 7, Decimal("4000.50"), 15), (1, 3, 4, "at_risk", True)),
    10: ((360, 4, Decimal("50"), 9), (1, 2, 1, "lost", True)),
}


def ten_rows(data=TEN):
    rows = []
    for member_id, (facts, _expected) in sorted(data.items()):
        days, frequency, monetary, previous = facts
        rows.append(
            RfmInput(member_id, ago(days), frequency, monetary, previous)
        )
    return rows


def summary(scores):
    return dict(
        (s.member_id, (s.r, s.f, s.m, s.segment, s.winback)) for s in scores
    )


def test_quintile_score():
    assert [quintile_score(worse, 10) for worse in range(10)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert [quintile_score(worse, 3) for worse in range(3)] == [1, 2, 4]
    assert quintile_score(0, 1) == 1


def test_rfm_quintiles_on_ten_members():
    scores = rfm_scores(reversed(ten_rows()), TODAY)
    assert [s.member_id for s in scores] == list(range(1, 11))
    expected = dict((mid, exp) for mid, (_facts, exp) in TEN.items())
    assert summary(scores) == expected
    assert [s.recency_days for s in scores] == [
        1,
        2,
        5,
        8,
        20,
        30,
        100,
        120,
        300,
        360,
    ]


def test_rfm_ties_and_members_who_never_ordered():
    rows = [
        RfmInput("a", None, 0, 0, 0),
        RfmInput("b", None, 0, 0, 3),
        RfmInput("c", ago(10), 2, Decimal("100.00"), 2),
        RfmInput("d", ago(10), 2, Decimal("100"), 4),
        RfmInput("e", ago(5), 3, Decimal("200"), 1),
    ]
    assert summary(rfm_scores(rows, TODAY)) == {
        "a": (1, 1, 1, "lost", False),
        "b": (1, 1, 1, "lost", True),
        "c": (3, 3, 3, "loyal", False),
        "d": (3, 3, 3, "loyal", True),
        "e": (5, 5, 5, "champions", False),
    }
    scores = rfm_scores(rows, TODAY)
    assert [s.recency_days for s in scores] == [None, None, 10, 10, 5]


def test_rfm_equal_members_all_score_one():
    rows = [RfmInput(n, ago(7), 3, 100, 3) for n in range(6)]
    assert set(summary(rfm_scores(rows, TODAY)).values()) == {
        (1, 1, 1, "lost", False)
    }
    assert rfm_scores([], TODAY) == []
    single = rfm_scores([(42, ago(1), 9, Decimal("9"), 0)], TODAY)
    assert summary(single) == {42: (1, 1, 1, "lost", False)}


def test_rfm_none_values_count_as_zero():
    rows = [(1, None, None, None, None), (2, ago(3), 0, 0, 0)]
    assert summary(rfm_scores(rows, TODAY)) == {
        1: (1, 1, 1, "lost", False),
        2: (3, 1, 1, "potential", False),
    }


def test_segment_table_covers_every_score_once():
    seen = set()
    for r in range(1, 6):
        for fm in range(1, 6):
            matches = [
                row[0]
                for row in SEGMENTS
                if row[1] <= r <= row[2] and row[3] <= fm <= row[4]
            ]
            assert matches, (r, fm)
            seen.add(matches[0])
    assert seen == {
        "champions",
        "loyal",
        "potential",
        "new",
        "at_risk",
        "hibernating",
        "lost",
    }


@pytest.mark.parametrize(
    "scores, segment",
    [
        ((5, 5, 5), "champions"),
        ((4, 4, 5), "champions"),
        ((4, 4, 3), "loyal"),  # FM = 3
        ((3, 5, 5), "loyal"),
        ((5, 1, 2), "new"),  # FM = 1
        ((5, 2, 2), "potential"),
        ((3, 1, 1), "potential"),
        ((2, 5, 5), "at_risk"),
        ((1, 3, 3), "at_risk"),
        ((2, 2, 2), "hibernating"),
        ((2, 1, 1), "hibernating"),
        ((1, 2, 3), "lost"),  # FM = 2
        ((1, 1, 1), "lost"),
    ],
)
def test_segment_for(scores, segment):
    assert segment_for(*scores) == segment


def test_winback_when_frequency_halves():
    assert winback(5, 10) is True
    assert winback(6, 11) is False  # 6 is more than half of 11
    assert winback(5, 11) is True
    assert winback(0, 1) is True
    assert winback(0, 0) is False
    assert winback(3, 0) is False
    assert winback(10, 10) is False


def test_rfm_of_100000_members_is_fast_enough():
    rows = random_rows(100000, seed=3)
    start = time.perf_counter()
    scores = rfm_scores(rows, TODAY)
    elapsed = time.perf_counter() - start
    assert len(scores) == 100000
    assert elapsed < 5.0, elapsed


def random_rows(count, seed):
    rng = random.Random(seed)
    rows = []
    for member_id in range(1, count + 1):
        if rng.random() < 0.1:
            rows.append(RfmInput(member_id, None, 0, Decimal("0"), 0))
            continue
        rows.append(
            RfmInput(
                member_id,
                ago(rng.randrange(365)),
                rng.randrange(1, 12),
                Decimal(rng.randrange(0, 2000000, 50)) / 100,
                rng.randrange(0, 15),
            )
        )
    return rows


# -- RFM in PostgreSQL -------------------------------------------------------


def sql_scores(rows):
    """RFM_SQL's rows for ``rows``, from a temporary table in a
    transaction that is rolled back; skips without a server."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=5432,
            user="root",
            dbname="test",
            connect_timeout=3,
        )
    except psycopg2.OperationalError as error:
        pytest.skip("no PostgreSQL server: %s" % error)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE rfm_input ("
                " member_id integer PRIMARY KEY,"
                " recency_days integer,"
                " frequency integer,"
                " monetary numeric,"
                " previous_frequency integer"
                ") ON COMMIT DROP"
            )
            cursor.executemany(
                "INSERT INTO rfm_input VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        row.member_id,
                        (
                            None
                            if row.last_order is None
                            else (TODAY - row.last_order).days
                        ),
                        row.frequency,
                        row.monetary,
                        row.previous_frequency,
                    )
                    for row in rows
                ],
            )
            cursor.execute(RFM_SQL)
            return cursor.fetchall()
    finally:
        connection.rollback()
        connection.close()


def python_scores(rows):
    return [
        (s.member_id, s.r, s.f, s.m, s.segment, s.winback)
        for s in rfm_scores(rows, TODAY)
    ]


@pytest.mark.parametrize("dataset", ["ten", "ties", "random"])
def test_rfm_sql_agrees_with_python(dataset):
    if dataset == "ten":
        rows = ten_rows()
    elif dataset == "ties":
        rows = [
            RfmInput(1, None, 0, Decimal("0"), 0),
            RfmInput(2, None, 0, Decimal("0"), 3),
            RfmInput(3, ago(10), 2, Decimal("100.00"), 2),
            RfmInput(4, ago(10), 2, Decimal("100"), 4),
            RfmInput(5, ago(5), 3, Decimal("200"), 1),
        ]
    else:
        rows = random_rows(2000, seed=11)
    expected = python_scores(rows)
    if dataset == "random":
        segments = set(row[4] for row in expected)
        assert segments == set(row[0] for row in SEGMENTS)
        assert any(row[5] for row in expected)
    if dataset == "ten":
        assert [row[1:] for row in expected] == [
            TEN[mid][1] for mid in range(1, 11)
        ]
    assert sql_scores(rows) == expected


def test_rfm_sql_has_no_placeholders():
    # psycopg2 would read a % as a parameter placeholder
    assert "%" not in RFM_SQL
    assert "rfm_input" in RFM_SQL


# -- the module --------------------------------------------------------------


def test_module_is_plain_python():
    assert "odoo" not in engine.__dict__
    with open(engine.__file__, encoding="utf-8") as source:
        text = source.read()
    assert "import odoo" not in text
    assert "from odoo" not in text


@pytest.mark.skipif(sys.version_info < (3, 8), reason="feature_version")
def test_module_parses_as_python_35():
    with open(engine.__file__, encoding="utf-8") as source:
        ast.parse(source.read(), feature_version=(3, 5))  # novermin

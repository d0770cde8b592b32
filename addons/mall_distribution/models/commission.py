# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The money of three-tier distribution, in plain Python (no Odoo): who
earns what on an order, and what is left after a refund.

Amounts are rounded half up to the cent at the end, once per beneficiary
and level, never per line."""
from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

#: An order line as the commission sees it: its base (untaxed, after
#: discounts, without the part paid with points), the product's rates per
#: level when its category overrides them (None: the company's), and
#: whether it earns nothing (shipping, "no commission" products).
Line = namedtuple("Line", "base rates excluded")

#: What one beneficiary earns on the order.
Share = namedtuple("Share", "partner_id level kind base rate amount")

CENT = Decimal("0.01")


def cents(value):
    return float(Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_UP))


def commission_lines(lines, points_paid=0.0):
    """The lines that earn commission, with order discounts (negative
    lines) and the part paid with points taken off pro rata of their
    bases."""
    earning = [line for line in lines if not line.excluded and line.base > 0]
    total = sum(line.base for line in earning)
    discount = -sum(line.base for line in lines
                    if not line.excluded and line.base < 0)
    if not total or (points_paid <= 0 and discount <= 0):
        return earning
    keep = max(0.0, 1.0 - (max(points_paid, 0.0) + discount) / total)
    return [line._replace(base=line.base * keep) for line in earning]


def shares(lines, chain, rates, levels=3, rebate_rate=0.0, points_paid=0.0):
    """What each beneficiary earns on an order.

    ``chain``: the uplines nearest first, as (partner id, is a store), at
    any depth (the buyer first when self-purchase counts); ``rates``:
    {level: percent} of the company; ``levels``: how many levels are paid.
    Level n goes to chain[n - 1]; the nearest store in the chain, at any
    depth, also earns the HQ sales rebate (level 0)."""
    earning = commission_lines(lines, points_paid)
    base = sum(line.base for line in earning)
    result = []
    if base <= 0:
        return result
    for level in range(1, levels + 1):
        if level > len(chain):
            break
        amount = 0.0
        for line in earning:
            line_rates = line.rates or rates
            amount += line.base * (line_rates.get(level) or 0.0) / 100.0
        if amount <= 0:
            continue
        result.append(Share(chain[level - 1][0], level, "commission",
                            cents(base), effective_rate(amount, base),
                            cents(amount)))
    if rebate_rate > 0:
        for partner_id, is_store in chain:
            if is_store:
                result.append(Share(partner_id, 0, "rebate", cents(base),
                                    rebate_rate,
                                    cents(base * rebate_rate / 100.0)))
                break
    return result


def effective_rate(amount, base):
    """The rate that gives ``amount`` on ``base`` (category overrides make
    it a blend), in percent, to 4 decimals."""
    return round(100.0 * amount / base, 4) if base else 0.0


def after_refund(original_amount, original_base, refunded_base):
    """The amount left once ``refunded_base`` of ``original_base`` was
    refunded (cumulative, so repeated partial refunds do not drift)."""
    if original_base <= 0:
        return 0.0
    left = max(0.0, 1.0 - refunded_base / original_base)
    return cents(original_amount * left)


def ancestors(path, partner_id):
    """The ids above ``partner_id`` in its materialised path
    ("/1/5/9/" for 9 under 5 under 1), nearest first."""
    ids = [int(part) for part in (path or "").split("/") if part]
    if ids and ids[-1] == partner_id:
        ids = ids[:-1]
    return list(reversed(ids))

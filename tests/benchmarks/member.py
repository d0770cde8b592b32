"""Benchmark of the member programme (not a test).

Builds M members at VIP1, about L points ledger lines spread over them
(skewed like real ledgers: the first members hold thousands of lines, a
quarter of them about L / M; earn, release, spend and adjust lines over
the last two years), an open release schedule (grant, 180 days, started
0-179 days ago, released up to yesterday) for a third of the members
plus H for the member with the largest ledger, and 3 completed orders a
member on average over the last two years (set-based SQL, not measured;
the orders are copies of one quotation's header: the jobs read no order
line).  Then, in the same run, each figure against a baseline:

1. the daily release job ``_mall_release_due`` over all open grants (ms
   per 1,000 grants) against the naive release of S of them (ORM loop:
   the engine's schedule, one ``_mall_insert`` line, one ``write`` of
   the grant and the member's debts repaid, as the job does), both for
   the same day, and that the two release the same points;
2. the RFM job ``_cron_mall_rfm`` over all members against the same job
   in Python: reading the completed orders, scoring them with
   ``engine.rfm_scores`` and writing the scores back with one UPDATE;
   and that the two agree for every member;
3. the server reads of the portal balance page /my/points (what
   ``portal_my_points`` reads and its template prints) for a member with
   a typical ledger (10 lines) and for the member with the largest
   ledger, R times each with a fresh cache, against a member with an
   empty ledger.  The QWeb rendering and the portal layout values need
   an HTTP request: they are not included.

Everything is rolled back.

    PGOPTIONS="-c extra_float_digits=0" \\
    .venv/bin/python tests/benchmarks/member.py \\
        -c .run/odoo.conf -d <copy of mall_test_me> [--members 100000]
        [--lines 1000000] [--sample 500] [--repeat 50] [--heavy-grants 50]
"""
import datetime
import random
import time
from decimal import Decimal

from distribution import columns
from harness import run_rolled_back

from odoo import fields

#: Days of the release schedules built (the company default,
#: engine.RELEASE_DAYS; odoo.addons.mall_member is importable only once
#: the harness has read the configuration).
RELEASE_DAYS = 180
#: The sale_order columns clone_orders() sets itself.
ORDER_COLUMNS = ("name", "partner_id", "partner_invoice_id",
                 "partner_shipping_id", "state", "mall_state",
                 "date_order", "mall_completed_date", "amount_untaxed",
                 "amount_tax", "amount_total", "mall_refunded_amount")


def main():
    run_rolled_back(run, members=100000, lines=1000000, sample=500,
                    repeat=50, heavy_grants=50, seed=5)


class StatementTimes(object):
    """Times every statement run on ``cr`` inside the block (to say where
    a job spends its time; the module is not changed)."""

    def __init__(self, cr):
        self.cr = cr
        self.times = []

    def __enter__(self):
        execute = self.cr.execute

        def timed(query, params=None, log_exceptions=None):
            started = time.time()
            try:
                return execute(query, params, log_exceptions)
            finally:
                self.times.append((time.time() - started,
                                   " ".join(query.split())))
        self.cr.execute = timed
        return self

    def __exit__(self, *exc_info):
        del self.cr.execute

    def summary(self, count=3):
        slowest = sorted(self.times, reverse=True)[:count]
        return "%d statements, %.2f s in SQL; slowest: %s" % (
            len(self.times), sum(spent for spent, _query in self.times),
            "; ".join("%.2f s %s..." % (spent, query[:46])
                      for spent, query in slowest))


# ----------------------------------------------------------------------
# Set-up (set-based SQL, not measured)

def make_members(env, count, level, company):
    """``count`` members at ``level``, their own commercial partners."""
    env.cr.execute("""
        INSERT INTO res_partner (
            id, commercial_partner_id, name, display_name, active,
            customer, type, invoice_warn, picking_warn, sale_warn,
            purchase_warn, lang, company_id, mall_is_member,
            mall_member_since, mall_level_id, mall_growth, create_uid,
            write_uid, create_date, write_date)
        SELECT id, id, 'Bench member ' || n, 'Bench member ' || n, true,
               true, 'contact', 'no-message', 'no-message', 'no-message',
               'no-message', 'en_US', %(company)s, true,
               now() AT TIME ZONE 'UTC', %(level)s, 0, %(uid)s, %(uid)s,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM (SELECT nextval('res_partner_id_seq') AS id, n
                  FROM generate_series(1, %(count)s) AS n) AS s
         ORDER BY n
        RETURNING id""", {"company": company.id, "level": level.id,
                          "uid": env.uid, "count": count})
    return sorted(row[0] for row in env.cr.fetchall())


def make_ledger(env, members, count, today, company):
    """``count`` ledger lines over ``members``: member number
    ``floor(M * u**2)`` for u uniform in [0, 1[ (the first members hold
    thousands of lines, a quarter of them about L / M), 40 % earn
    (pending +), 40 % release (pending -, available +), 15 % spend
    (available -), 5 % adjust (available +), days over two years."""
    env.cr.execute("""
        INSERT INTO mall_points_move (
            partner_id, company_id, kind, points, pending, available, debt,
            day, date, reason, user_id, create_uid, write_uid, create_date,
            write_date)
        SELECT partner_id, %(company)s, kind, sign * amount,
               CASE kind WHEN 'earn' THEN amount
                         WHEN 'release' THEN -amount ELSE 0 END,
               CASE kind WHEN 'earn' THEN 0 ELSE sign * amount END,
               0, day, day + a * interval '86399 seconds',
               CASE kind WHEN 'adjust' THEN 'Bench adjustment' END,
               %(uid)s, %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC'
          FROM (SELECT partner_id, day, a, kind,
                       CASE kind WHEN 'spend' THEN -1 ELSE 1 END AS sign,
                       CASE kind WHEN 'earn' THEN 100 + floor(a * 900)
                                 WHEN 'release' THEN 10 + floor(a * 90)
                                 WHEN 'spend' THEN 1 + floor(a * 49)
                                 ELSE 1 + floor(a * 99)
                       END::int AS amount
                  FROM (SELECT (%(members)s::int[])[
                                   1 + floor(%(size)s * u * u)::int]
                                   AS partner_id,
                               %(today)s::date - floor(d * 730)::int AS day,
                               a,
                               CASE WHEN k < 0.4 THEN 'earn'
                                    WHEN k < 0.8 THEN 'release'
                                    WHEN k < 0.95 THEN 'spend'
                                    ELSE 'adjust' END AS kind
                          FROM (SELECT random() AS u, random() AS k,
                                       random() AS d, random() AS a
                                  FROM generate_series(1, %(count)s))
                               AS r) AS drawn) AS line""", {
        "company": company.id, "uid": env.uid, "members": members,
        "size": len(members), "today": today, "count": count})


def clone_orders(env, template, source, params):
    """Copies of the header of the quotation ``template``, one per row of
    the SQL ``source`` (columns n, buyer, state, mall_state, completed,
    amount, refunded), with one INSERT ... SELECT; returns their ids."""
    cr = env.cr
    copied = columns(cr, "sale_order", ("id",) + ORDER_COLUMNS)
    params = dict(params, template=template.id)
    cr.execute("""
        INSERT INTO sale_order (%s, %s)
        SELECT 'BENCH/MEMBER/' || s.n, s.buyer, s.buyer, s.buyer, s.state,
               s.mall_state,
               COALESCE(s.completed, now() AT TIME ZONE 'UTC')
                   - interval '10 days',
               s.completed, s.amount, 0, s.amount, s.refunded, %s
          FROM sale_order o, (%s) AS s
         WHERE o.id = %%(template)s
        RETURNING id""" % (", ".join(ORDER_COLUMNS), copied, ", ".join(
        "o." + column for column in copied.split(", ")), source), params)
    return sorted(row[0] for row in cr.fetchall())


def make_completed_orders(env, template, members, count):
    """``count`` completed orders of random members over two years, one
    in ten partly refunded."""
    return clone_orders(env, template, """
        SELECT n, (%(members)s::int[])[1 + floor(%(size)s * random())::int]
                   AS buyer, 'done' AS state, 'done' AS mall_state,
               now() AT TIME ZONE 'UTC' - random() * interval '730 days'
                   AS completed, amount,
               CASE WHEN random() < 0.1
                    THEN round(amount * random()::numeric, 2)
                    ELSE 0 END AS refunded
          FROM (SELECT n, round((20 + random() * 980)::numeric, 2)
                          AS amount
                  FROM generate_series(1, %(count)s) AS n) AS drawn""", {
        "members": members, "size": len(members), "count": count})


def make_grants(env, template, buyers, today, company):
    """An open grant for each of ``buyers`` (a delivered order each):
    RELEASE_DAYS days from 0 to RELEASE_DAYS - 1 days ago, released up to
    yesterday, so that the job releases one day's worth of each."""
    orders = clone_orders(env, template, """
        SELECT n, buyer, 'sale' AS state, 'delivered' AS mall_state,
               NULL::timestamp AS completed,
               round((200 + random() * 800)::numeric, 2) AS amount,
               0 AS refunded
          FROM unnest(%(buyers)s::int[]) WITH ORDINALITY AS b(buyer, n)""",
                          {"buyers": buyers})
    env.cr.execute("""
        INSERT INTO mall_points_grant (
            partner_id, company_id, order_id, earned, points, start_date,
            days, released, held, state, last_date, create_uid, write_uid,
            create_date, write_date)
        SELECT partner_id, %(company)s, id, points, points,
               %(today)s::date - age, %(days)s, age * (points / %(days)s),
               age * (points / %(days)s), 'open',
               %(today)s::date - age + %(days)s - 1, %(uid)s, %(uid)s,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM (SELECT id, partner_id,
                       floor(random() * %(days)s)::int AS age,
                       (%(days)s * (1 + floor(random() * 20))
                        + floor(random() * %(days)s))::int AS points
                  FROM sale_order WHERE id = ANY(%(orders)s)) AS drawn
        RETURNING id""", {"company": company.id, "today": today,
                          "days": RELEASE_DAYS, "uid": env.uid,
                          "orders": orders})
    return sorted(row[0] for row in env.cr.fetchall())


def ledger_sizes(env, members):
    env.cr.execute("""
        SELECT partner_id, count(*) FROM mall_points_move
         WHERE partner_id = ANY(%s) GROUP BY partner_id""", (members,))
    return dict(env.cr.fetchall())


def setup(env, args, today):
    started = time.time()
    company = env.ref("base.main_company")
    level = env["mall.member.level"].search([("code", "=", "VIP1")]) \
        or env["mall.member.level"].search([], limit=1)
    members = make_members(env, args.members + 1, level, company)
    empty, members = members[-1], members[:-1]
    env.cr.execute("SELECT setseed(%s)", (args.seed / 1000.0,))
    make_ledger(env, members, args.lines, today, company)
    sizes = ledger_sizes(env, members)
    largest = max(sizes, key=lambda member: (sizes[member], -member))
    product = env["product.product"].create({
        "name": "Bench member tea", "type": "consu",
        "taxes_id": [(5, 0, 0)]})
    template = env["sale.order"].create({
        "partner_id": members[0], "company_id": company.id,
        "order_line": [(0, 0, {"product_id": product.id,
                               "product_uom_qty": 1,
                               "price_unit": 100.0})]})
    orders = make_completed_orders(env, template, members,
                                   3 * len(members))
    buyers = members[::3] + [largest] * args.heavy_grants
    grants = make_grants(env, template, buyers, today, company)
    env.cr.execute("ANALYZE res_partner, sale_order, mall_points_move, "
                   "mall_points_grant")
    env.cache.invalidate()
    print("set-up: %d members, %d ledger lines (largest ledger %d lines), "
          "%d open grants (%d for the member with the largest ledger), %d "
          "completed orders, in %.1f s (not counted)" % (
              len(members) + 1, sum(sizes.values()), sizes[largest],
              len(grants), args.heavy_grants + (largest in members[::3]),
              len(orders), time.time() - started))
    return members, empty, largest, grants


# ----------------------------------------------------------------------
# 1. The daily release

def release_naive(env, grants, today):
    """The release of ``grants`` the naive way; {grant id: points}."""
    from odoo.addons.mall_member import engine
    Move = env["mall.points.move"]
    day = fields.Date.from_string(today)
    released = {}
    for grant in grants:
        schedule = engine.release_schedule(
            grant.points, fields.Date.from_string(grant.start_date),
            grant.days)
        amount = engine.released_by(schedule, day) - grant.released
        if amount <= 0:
            continue
        Move._mall_insert([{
            "partner_id": grant.partner_id.id,
            "company_id": grant.company_id.id,
            "order_id": grant.order_id.id, "grant_id": grant.id,
            "kind": "release", "points": amount, "pending": -amount,
            "available": amount, "day": today}])
        total = grant.released + amount
        grant.write({"released": total, "held": grant.held + amount,
                     "state": "done" if total >= grant.points else "open"})
        grant.partner_id._mall_repay_debts()
        released[grant.id] = amount
    return released


def released_today(env, today):
    """{grant id: points released on ``today``}."""
    env.cr.execute("""
        SELECT grant_id, points FROM mall_points_move
         WHERE kind = 'release' AND day = %s AND grant_id IS NOT NULL""",
                   (today,))
    return dict(env.cr.fetchall())


def bench_release(env, args, rnd, grant_ids, today):
    cr = env.cr
    Grant = env["mall.points.grant"]
    cr.execute("SELECT count(*) FROM mall_points_grant WHERE state = 'open' "
               "AND start_date <= %s", (today,))
    open_count = cr.fetchone()[0]
    sample = sorted(rnd.sample(grant_ids, min(args.sample, len(grant_ids))))

    # Baseline first, in a savepoint rolled back: the job then releases
    # the same day for every grant, the sample included.
    cr.execute("SAVEPOINT bench_release")
    started = time.time()
    naive = release_naive(env, Grant.browse(sample), today)
    naive_time = time.time() - started
    cr.execute("ROLLBACK TO SAVEPOINT bench_release")
    env.cache.invalidate()

    started = time.time()
    with StatementTimes(cr) as statements:
        members = Grant._mall_release_due(today=today)
    job_time = time.time() - started
    lines = released_today(env, today)
    cr.execute("SELECT count(*) FROM mall_points_grant WHERE state = 'done' "
               "AND last_date = %s", (today,))
    finished = cr.fetchone()[0]
    per_grant = naive_time / len(sample)
    print("1. daily release job, set-based: %d open grants, %d released "
          "(%d points to %d members, %d grants finished) in %.2f s = "
          "%.1f ms per 1,000 grants" % (
              open_count, len(lines), sum(lines.values()), members,
              finished, job_time, 1e6 * job_time / open_count))
    print("   (%s)" % statements.summary())
    print("   baseline, naive ORM loop (engine schedule, _mall_insert of "
          "one line, write of the grant, debts repaid) over %d sampled "
          "grants: %.2f s = %.2f ms per grant, %.1f s extrapolated to the "
          "%d open grants" % (len(sample), naive_time, 1000.0 * per_grant,
                              per_grant * open_count, open_count))
    print("   ratio naive / set-based: %.1f" % (
        per_grant * open_count / job_time))
    agree = sum(1 for grant in sample
                if naive.get(grant, 0) == lines.get(grant, 0))
    print("   check: the job released the same points as the naive loop "
          "for %d of %d sampled grants%s" % (
              agree, len(sample), "" if agree == len(sample)
              else " -- MISMATCH"))


# ----------------------------------------------------------------------
# 2. RFM

def jobs(env):
    """The model of the scheduled jobs: mall.member.job (res.partner
    before the jobs got their own model)."""
    return env["mall.member.job"] if "mall.member.job" in env.registry \
        else env["res.partner"]


def rfm_python(env, today):
    """The RFM job in Python: read the members' completed orders, score
    with the engine, write the scores back with one UPDATE.  Returns the
    scores and the time of each step."""
    from odoo.addons.mall_member import engine
    cr = env.cr
    day = fields.Date.from_string(today)
    year = str(day - datetime.timedelta(days=engine.RFM_DAYS))
    two_years = str(day - datetime.timedelta(days=2 * engine.RFM_DAYS))
    started = time.time()
    cr.execute("SELECT id FROM res_partner WHERE mall_is_member")
    facts = {row[0]: [None, 0, 0, 0] for row in cr.fetchall()}
    cr.execute("""
        SELECT m.id, o.mall_completed_date,
               o.amount_total, o.mall_refunded_amount
          FROM res_partner m
          JOIN res_partner b ON b.commercial_partner_id = m.id
          JOIN sale_order o ON o.partner_id = b.id
         WHERE m.mall_is_member
           AND o.mall_completed_date < %s::date + 1""", (today,))
    for member, completed, amount, refunded in cr.fetchall():
        fact, stamp = facts[member], str(completed)
        if fact[0] is None or stamp > fact[0]:
            fact[0] = stamp
        if stamp >= year:
            fact[1] += 1
            fact[2] += int(round(float(amount) * 100)) \
                - int(round(float(refunded or 0) * 100))
        elif stamp >= two_years:
            fact[3] += 1
    rows = [engine.RfmInput(
        member, fields.Date.from_string(last[:10]) if last else None,
        frequency, Decimal(cents) / 100, previous)
        for member, (last, frequency, cents, previous) in facts.items()]
    read = time.time() - started
    started = time.time()
    scores = engine.rfm_scores(rows, day)
    scoring = time.time() - started
    started = time.time()
    monetary = {row.member_id: row.monetary for row in rows}
    cr.execute("""
        UPDATE res_partner p
           SET mall_rfm_last_order = %s::date - s.recency,
               mall_rfm_frequency = s.frequency,
               mall_rfm_monetary = s.monetary, mall_rfm_r = s.r,
               mall_rfm_f = s.f, mall_rfm_m = s.m,
               mall_rfm_segment = s.segment, mall_rfm_winback = s.winback,
               mall_rfm_date = %s
          FROM unnest(%s::int[], %s::int[], %s::int[], %s::numeric[],
                      %s::int[], %s::int[], %s::int[], %s::varchar[],
                      %s::boolean[])
               AS s(id, recency, frequency, monetary, r, f, m, segment,
                    winback)
         WHERE p.id = s.id""", [today, today] + [list(values) for values in zip(*[
        (score.member_id, score.recency_days, facts[score.member_id][1],
         monetary[score.member_id], score.r, score.f, score.m, score.segment,
         score.winback) for score in scores])])
    write = time.time() - started
    return scores, (read, scoring, write)


def bench_rfm(env, today):
    cr = env.cr
    # Warm-up (not counted): both read the orders and the members.
    cr.execute("SELECT count(*), sum(amount_total) FROM sale_order "
               "WHERE mall_completed_date IS NOT NULL")
    cr.execute("SELECT count(*), max(commercial_partner_id) FROM res_partner")

    cr.execute("SAVEPOINT bench_rfm")
    scores, (read, scoring, write) = rfm_python(env, today)
    python_time = read + scoring + write
    cr.execute("ROLLBACK TO SAVEPOINT bench_rfm")
    env.cache.invalidate()

    started = time.time()
    with StatementTimes(cr) as statements:
        count = jobs(env)._cron_mall_rfm(today=today)
    job_time = time.time() - started
    print("2. RFM job, set-based: %d members in %.2f s = %.1f ms per 1,000 "
          "members" % (count, job_time, 1e6 * job_time / count))
    print("   (%s)" % statements.summary())
    print("   baseline, the same in Python: read the orders %.2f s + "
          "engine.rfm_scores %.2f s + write back (one UPDATE) %.2f s = "
          "%.2f s" % (read, scoring, write, python_time))
    print("   ratio Python / set-based: %.2f (Python without the write "
          "back: %.2f s, ratio %.2f)" % (
              python_time / job_time, read + scoring,
              (read + scoring) / job_time))
    cr.execute("""
        SELECT id, %s::date - mall_rfm_last_order, mall_rfm_r, mall_rfm_f,
               mall_rfm_m, mall_rfm_segment, COALESCE(mall_rfm_winback, false)
          FROM res_partner WHERE mall_is_member""", (today,))
    stored = {row[0]: tuple(row[1:]) for row in cr.fetchall()}
    wrong = [score for score in scores if stored.get(score.member_id) != (
        score.recency_days, score.r, score.f, score.m, score.segment,
        score.winback)]
    print("   check: job and engine agree on recency, R, F, M, segment and "
          "win-back for %d of %d members%s" % (
              len(scores) - len(wrong), len(scores), "" if not wrong else
              " -- MISMATCH, e.g. engine %s, job %s" % (
                  wrong[0], stored.get(wrong[0].member_id))))
    # The next night: only the members whose values changed are written.
    tomorrow = fields.Date.to_string(
        fields.Date.from_string(today) + datetime.timedelta(days=1))
    started = time.time()
    changed = jobs(env)._cron_mall_rfm(today=tomorrow)
    print("   the next night: %d of %d members changed and written, "
          "%.2f s" % (changed, len(scores), time.time() - started))


# ----------------------------------------------------------------------
# 3. The portal balance page

def calendar(env, member, today):
    """MallMemberPortal._mall_calendar without the request."""
    days = {}
    until = today + datetime.timedelta(days=30)
    for grant in env["mall.points.grant"].sudo().search([
            ("partner_id", "=", member.id), ("state", "=", "open")]):
        for day, points in grant._mall_schedule():
            if day <= until:
                days[day] = days.get(day, 0) + points
    return sorted(days.items())


#: The parts of page_reads(), timed apart.
PAGE_PARTS = ("member + balances", "level progress", "expiring", "calendar",
              "last 100 lines", "levels")


def page_reads(env, member_id, spent):
    """What portal_my_points reads for one member and what its template
    prints, on a fresh cache as a new request has; adds the time of each
    part to ``spent``."""
    env.cache.invalidate()
    clock = [time.time()]

    def lap(part):
        now = time.time()
        spent[part] = spent.get(part, 0.0) + now - clock[0]
        clock[0] = now
    member = env["res.partner"].browse(member_id) \
        .commercial_partner_id.sudo()
    assert member.mall_is_member
    today = fields.Date.from_string(fields.Date.context_today(env.user))
    member._mall_points_balances().get(member.id, (0, 0, 0, 0, 0))
    lap("member + balances")
    member._mall_level_progress()
    company = member.company_id or env.user.company_id
    printed = [company.mall_point_value, company.mall_points_sign_in]
    lap("level progress")
    member._mall_points_expiring().get(member.id, 0)
    lap("expiring")
    days = calendar(env, member, today)
    lap("calendar")
    lines = env["mall.points.move"].sudo().search(
        [("partner_id", "=", member.id)], limit=100)
    for line in lines:
        printed.extend((line.day, line.kind, line.reason,
                        line.order_id.name, line.points))
    lap("last 100 lines")
    printed.extend((member.mall_level_id.name, member.mall_level_id.benefits,
                    member.mall_growth))
    for level in env["mall.member.level"].sudo().search([]):
        printed.extend((level.name, level.threshold, level.benefits))
    lap("levels")
    return len(lines), len(days)


def typical_member(env, sizes, lines=10):
    """A member with ``lines`` ledger lines (or the nearest) and one open
    grant."""
    env.cr.execute("""
        SELECT partner_id FROM mall_points_grant WHERE state = 'open'
         GROUP BY partner_id HAVING count(*) = 1""")
    with_grant = {row[0] for row in env.cr.fetchall()}
    return min((member for member in sizes if member in with_grant),
               key=lambda member: (abs(sizes[member] - lines), member))


def bench_portal(env, args, members, largest, empty):
    sizes = ledger_sizes(env, members + [empty])
    env.cr.execute("SELECT partner_id, count(*) FROM mall_points_grant "
                   "WHERE state = 'open' GROUP BY partner_id")
    grants = dict(env.cr.fetchall())
    cases = [("typical ledger", typical_member(env, sizes)),
             ("largest ledger", largest), ("baseline, empty ledger", empty)]
    print("3. portal balance page /my/points, server reads only (the QWeb "
          "rendering and the portal layout values need an HTTP request: "
          "not included), %d pages each, fresh cache each:" % args.repeat)
    timings = {}
    for label, member in cases:
        spent = {}
        page_reads(env, member, {})  # warm-up of the registry caches
        started = time.time()
        for _index in range(args.repeat):
            shown, days = page_reads(env, member, spent)
        timings[label] = (time.time() - started) / args.repeat
        print("   %s (%d lines, %d open grant(s); %d lines and %d "
              "calendar days shown): %.2f ms/page (%s)" % (
                  label, sizes.get(member, 0), grants.get(member, 0), shown,
                  days, 1000.0 * timings[label], ", ".join(
                      "%s %.2f" % (part, 1000.0 * spent[part] / args.repeat)
                      for part in PAGE_PARTS)))
    base = timings["baseline, empty ledger"]
    print("   ratio typical / empty: %.2f; largest / empty: %.2f" % (
        timings["typical ledger"] / base, timings["largest ledger"] / base))


def run(env, args):
    rnd = random.Random(args.seed)
    today = fields.Date.today()
    members, empty, largest, grants = setup(env, args, today)
    bench_release(env, args, rnd, grants, today)
    bench_rfm(env, today)
    bench_portal(env, args, members, largest, empty)


if __name__ == "__main__":
    main()

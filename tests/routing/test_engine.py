# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The warehouse routing engine: every precedence step, its ties and the
reasons it gives."""
import re
import time

import engine
import pytest
from engine import (
    REASON_CODES,
    Area,
    Line,
    Order,
    Rule,
    Warehouse,
    coverage,
    explain,
    route,
)

CN = "CN"
ZJ = 11  # Zhejiang
JS = 12  # Jiangsu
TEA = 7  # parent category
GREEN_TEA = 9  # child of TEA
CUPS = 20
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def wh(wid, level=1, sequence=10, cost=5.0, kind="central", **kw):
    """A warehouse covering the whole of China by default."""
    kw.setdefault("areas", (Area(CN, None, None, level, 2, cost),))
    return Warehouse(wid, "W%s" % wid, kind, sequence=sequence, **kw)


def line(lid, product, quantity=1.0, categories=()):
    return Line(lid, product, quantity, tuple(categories))


def order(lines, **kw):
    kw.setdefault("country", CN)
    kw.setdefault("state", ZJ)
    kw.setdefault("city", "Hangzhou")
    return Order(kw.pop("oid", 1), lines=tuple(lines), **kw)


def check_reasons(decision):
    """Every reason has a known code and exactly its sentence's params."""
    for reasons in decision.reasons.values():
        for reason in reasons:
            sentence = REASON_CODES[reason.code]
            assert set(PLACEHOLDER.findall(sentence)) == set(reason.params)
            assert sentence % reason.params


def routed(*args, **kw):
    decision = route(*args, **kw)
    check_reasons(decision)
    return decision


def placed(decision):
    """{line id: warehouse id} of the allocations."""
    return dict((a.line_id, a.warehouse_id) for a in decision.allocations)


def reason_of(decision, line_id, wid):
    """The single reason about warehouse ``wid`` on the line."""
    found = [r for r in decision.reasons[line_id] if r.warehouse_id == wid]
    assert len(found) == 1, found
    return found[0]


def codes_of(decision, line_id, wid):
    reasons = decision.reasons[line_id]
    return [r.code for r in reasons if r.warehouse_id == wid]


def line_codes(decision, line_id):
    """Codes of the reasons about the line itself."""
    reasons = decision.reasons[line_id]
    return [r.code for r in reasons if r.warehouse_id is None]


# -- reason codes --------------------------------------------------------

SAMPLE_PARAMS = {
    "designated": {},
    "forced_by_rule": {"rule": "Cold chain"},
    "excluded_by_rule": {"rule": "No ice"},
    "not_shippable": {},
    "not_sellable": {},
    "no_coverage": {},
    "full": {},
    "supplier_only_dropship": {},
    "short": {"available": 1.0, "needed": 3.0},
    "chosen_whole": {"level": 1, "sequence": 10, "cost": 4.5},
    "lost_level": {"level": 2, "best_level": 1},
    "lost_sequence": {"sequence": 20, "best_sequence": 10},
    "lost_cost": {"cost": 9.0, "best_cost": 4.5},
    "lost_id": {},
    "chosen_split": {"lines": 2},
    "lost_split": {"lines": 1, "best_lines": 2},
    "dropship": {},
    "no_stock_anywhere": {},
    "unroutable": {},
}


def test_every_reason_code_formats_with_its_params():
    assert set(REASON_CODES) == set(SAMPLE_PARAMS)
    for code, params in SAMPLE_PARAMS.items():
        sentence = REASON_CODES[code]
        assert set(PLACEHOLDER.findall(sentence)) == set(params), code
        text = sentence % params
        assert "%(" not in text and text.endswith("."), code
        for value in params.values():
            assert str(value) in text, code


def test_explain_uses_the_names_and_sentences():
    warehouses = [wh(1, level=2), wh(2)]
    stock = {(1, "P"): 5.0, (2, "P"): 5.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    text = explain(decision, {1: "North", 2: "South"})
    assert text == [
        "Line 1, South: Chosen: ships the whole order from stock (area level"
        " 1, priority 10, shipping cost 5.0).",
        "Line 1, North: Area level 2, the chosen warehouse has level 1.",
    ]


# -- step 1: designated warehouse and routing rules -----------------------


def test_designated_warehouse_ships_everything_even_ineligible():
    warehouses = [wh(1), wh(2, shippable=False), wh(3)]
    stock = {(1, "P"): 9.0, (1, "Q"): 9.0, (3, "Q"): 9.0}
    rules = [Rule(1, 1, "To 1", "force", (1,))]
    lines = [line(1, "P"), line(2, "Q")]
    decision = routed(order(lines, designated_warehouse_id=2), warehouses, stock, rules)
    assert placed(decision) == {1: 2, 2: 2}
    assert not decision.split
    assert codes_of(decision, 1, 2) == ["designated", "not_shippable"]
    # no other warehouse and no rule had a say
    assert [r.code for r in decision.reasons[1]] == [
        "designated",
        "not_shippable",
    ]


def test_designated_warehouse_without_stock_notes_the_shortage():
    warehouses = [wh(1), wh(2, level=3)]
    stock = {(1, "P"): 9.0, (2, "P"): 1.0}
    decision = routed(
        order([line(1, "P", 4.0)], designated_warehouse_id=2),
        warehouses,
        stock,
    )
    assert placed(decision) == {1: 2}
    assert codes_of(decision, 1, 2) == ["designated", "short"]
    short = decision.reasons[1][1]
    assert short.params == {"available": 1.0, "needed": 4.0}
    alloc = decision.allocations[0]
    assert (alloc.level, alloc.quantity, alloc.dropship) == (3, 4.0, False)


def test_force_rule_restricts_to_its_warehouses():
    warehouses = [wh(1), wh(2, level=3)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    rules = [Rule(5, 10, "Cold chain", "force", (2,))]
    decision = routed(order([line(1, "P")]), warehouses, stock, rules)
    assert placed(decision) == {1: 2}
    assert line_codes(decision, 1) == ["forced_by_rule"]
    assert decision.reasons[1][0].params == {"rule": "Cold chain"}
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "excluded_by_rule",
        {"rule": "Cold chain"},
    )


def test_first_force_rule_in_sequence_order_wins():
    warehouses = [wh(1), wh(2), wh(3)]
    stock = dict(((wid, "P"), 9.0) for wid in (1, 2, 3))
    rules = [
        Rule(1, 20, "Later", "force", (2,)),
        Rule(2, 5, "First", "force", (3,)),
    ]
    decision = routed(order([line(1, "P")]), warehouses, stock, rules)
    assert placed(decision) == {1: 3}
    assert decision.reasons[1][0].params == {"rule": "First"}


def test_exclude_rule_removes_its_warehouses():
    warehouses = [wh(1), wh(2, level=2), wh(3, level=3)]
    stock = dict(((wid, "P"), 9.0) for wid in (1, 2, 3))
    rules = [
        Rule(1, 10, "No north", "exclude", (1,)),
        Rule(2, 20, "Nor south", "exclude", (2,)),
    ]
    decision = routed(order([line(1, "P")]), warehouses, stock, rules)
    assert placed(decision) == {1: 3}
    assert reason_of(decision, 1, 1).params == {"rule": "No north"}
    assert reason_of(decision, 1, 2).params == {"rule": "Nor south"}
    assert codes_of(decision, 1, 2) == ["excluded_by_rule"]


def test_exclude_applies_inside_a_force_rule():
    warehouses = [wh(1), wh(2, level=2), wh(3, level=3)]
    stock = dict(((wid, "P"), 9.0) for wid in (1, 2, 3))
    rules = [
        Rule(1, 10, "Only 1 and 3", "force", (1, 3)),
        Rule(2, 20, "Not 1", "exclude", (1,)),
    ]
    decision = routed(order([line(1, "P")]), warehouses, stock, rules)
    assert placed(decision) == {1: 3}
    assert reason_of(decision, 1, 1).params == {"rule": "Not 1"}
    assert reason_of(decision, 1, 2).params == {"rule": "Only 1 and 3"}


def test_category_rule_matches_parent_categories_per_line():
    warehouses = [wh(1), wh(2, level=2)]
    stock = {(1, "TEA"): 9.0, (1, "CUP"): 9.0, (2, "TEA"): 9.0}
    rules = [Rule(1, 10, "Tea from 2", "force", (2,), category_ids=(TEA,))]
    lines = [
        line(1, "TEA", categories=(GREEN_TEA, TEA)),
        line(2, "CUP", categories=(CUPS,)),
    ]
    decision = routed(order(lines), warehouses, stock, rules)
    assert placed(decision) == {1: 2, 2: 1}
    assert decision.split
    assert line_codes(decision, 1) == ["forced_by_rule"]
    assert line_codes(decision, 2) == []
    assert codes_of(decision, 1, 1) == ["excluded_by_rule"]


@pytest.mark.parametrize(
    "amount, expected", [(499.0, 1), (500.0, 2), (800.0, 2), (800.5, 1)]
)
def test_amount_rule_bounds_are_inclusive(amount, expected):
    warehouses = [wh(1), wh(2, level=2)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    rules = [Rule(1, 10, "Big", "force", (2,), amount_min=500.0, amount_max=800.0)]
    decision = routed(order([line(1, "P")], amount=amount), warehouses, stock, rules)
    assert placed(decision) == {1: expected}


@pytest.mark.parametrize(
    "criterion, matching, other",
    [
        ("store_ids", {"store_id": 5}, {"store_id": 6}),
        ("countries", {"country": "cn"}, {"country": "HK"}),
        ("state_ids", {"state": ZJ}, {"state": JS}),
        ("tag_ids", {"tag_ids": (3, 4)}, {"tag_ids": (8,)}),
    ],
)
def test_order_level_rule_criteria(criterion, matching, other):
    values = {
        "store_ids": (5,),
        "countries": ("CN",),
        "state_ids": (ZJ,),
        "tag_ids": (4, 9),
    }
    areas = (Area(CN), Area("HK"))
    warehouses = [wh(1, areas=areas), wh(2, sequence=20, areas=areas)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    rule = Rule(1, 10, "R", "force", (2,), **{criterion: values[criterion]})
    hit = routed(order([line(1, "P")], **matching), warehouses, stock, [rule])
    miss = routed(order([line(1, "P")], **other), warehouses, stock, [rule])
    assert placed(hit) == {1: 2}
    assert placed(miss) == {1: 1}


def test_unknown_rule_action_is_refused():
    rules = [Rule(1, 10, "R", "prefer", (1,))]
    with pytest.raises(ValueError):
        route(order([line(1, "P")]), [wh(1)], {(1, "P"): 1.0}, rules)


# -- step 2: eligibility ---------------------------------------------------


@pytest.mark.parametrize(
    "flaw, code",
    [
        ({"shippable": False}, "not_shippable"),
        ({"sellable": False}, "not_sellable"),
        ({"areas": (Area("HK"),)}, "no_coverage"),
        ({"areas": (Area(CN, JS),)}, "no_coverage"),
        ({"capacity_left": 0}, "full"),
    ],
)
def test_ineligible_warehouse_is_never_chosen(flaw, code):
    warehouses = [wh(1, **flaw), wh(2, level=3, sequence=99, cost=50.0)]
    stock = {(1, "P"): 99.0, (2, "P"): 1.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 2}
    assert codes_of(decision, 1, 1) == [code]


def test_capacity_dict_overrides_the_warehouse_capacity():
    warehouses = [wh(1, capacity_left=5), wh(2, level=2, capacity_left=0)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock, capacity={1: 0, 2: 3})
    assert placed(decision) == {1: 2}
    assert codes_of(decision, 1, 1) == ["full"]


def test_supplier_is_not_used_while_an_own_warehouse_has_the_stock():
    warehouses = [wh(1, level=3), wh(2, kind="supplier")]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 1}
    assert codes_of(decision, 1, 2) == ["supplier_only_dropship"]


# -- steps 3 to 6 and the id tie-break -------------------------------------


def test_whole_order_beats_a_better_level_that_needs_a_split():
    warehouses = [wh(1), wh(2, level=2)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0, (2, "Q"): 9.0}
    decision = routed(order([line(1, "P"), line(2, "Q")]), warehouses, stock)
    assert placed(decision) == {1: 2, 2: 2}
    assert not decision.split
    chosen = reason_of(decision, 1, 2)
    assert (chosen.code, chosen.params) == (
        "chosen_whole",
        {"level": 2, "sequence": 10, "cost": 5.0},
    )
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_split",
        {"lines": 1, "best_lines": 2},
    )
    short = reason_of(decision, 2, 1)
    assert (short.code, short.params) == (
        "short",
        {"available": 0.0, "needed": 1.0},
    )


def test_two_lines_of_one_product_add_up():
    warehouses = [wh(1), wh(2, level=2)]
    stock = {(1, "P"): 3.0, (2, "P"): 4.0}
    lines = [line(1, "P", 2.0), line(2, "P", 2.0)]
    decision = routed(order(lines), warehouses, stock)
    assert placed(decision) == {1: 2, 2: 2}
    assert reason_of(decision, 2, 1).params == {
        "available": 3.0,
        "needed": 4.0,
    }


def test_better_level_wins():
    warehouses = [wh(1, level=2, sequence=1, cost=0.0), wh(2, level=1)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 2}
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_level",
        {"level": 2, "best_level": 1},
    )


def test_lower_sequence_wins_at_equal_level():
    warehouses = [wh(1, sequence=20, cost=0.0), wh(2, sequence=5)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 2}
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_sequence",
        {"sequence": 20, "best_sequence": 5},
    )


def test_lower_cost_wins_at_equal_level_and_sequence():
    warehouses = [wh(1, cost=9.0), wh(2, cost=3.0)]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 2}
    alloc = decision.allocations[0]
    assert (alloc.cost, alloc.level, alloc.lead_days) == (3.0, 1, 2)
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_cost",
        {"cost": 9.0, "best_cost": 3.0},
    )


def test_lowest_id_wins_a_full_tie_whatever_the_input_order():
    warehouses = [wh(9), wh(3), wh(4)]
    stock = dict(((wid, "P"), 9.0) for wid in (3, 4, 9))
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 3}
    assert codes_of(decision, 1, 4) == ["lost_id"]
    assert codes_of(decision, 1, 9) == ["lost_id"]


# -- step 7: split, drop-ship, waiting, unroutable -------------------------


def test_split_when_no_warehouse_has_everything():
    warehouses = [wh(1), wh(2)]
    stock = {(1, "P"): 9.0, (2, "Q"): 9.0}
    decision = routed(order([line(1, "P"), line(2, "Q")]), warehouses, stock)
    assert [(a.line_id, a.warehouse_id) for a in decision.allocations] == [
        (1, 1),
        (2, 2),
    ]
    assert decision.split
    assert decision.unroutable == []
    chosen = reason_of(decision, 2, 2)
    assert (chosen.code, chosen.params) == ("chosen_split", {"lines": 1})
    assert codes_of(decision, 1, 2) == ["short"]
    assert codes_of(decision, 2, 1) == ["short"]


def test_greedy_split_minimises_the_number_of_warehouses():
    # best warehouse per line would use 1, 2 and 4; 3 ships lines 1 and 2
    warehouses = [wh(1), wh(2), wh(3, level=2), wh(4, level=3)]
    stock = {
        (1, "A"): 9.0,
        (2, "B"): 9.0,
        (3, "A"): 9.0,
        (3, "B"): 9.0,
        (4, "C"): 9.0,
    }
    lines = [line(1, "A"), line(2, "B"), line(3, "C")]
    decision = routed(order(lines), warehouses, stock)
    assert placed(decision) == {1: 3, 2: 3, 3: 4}
    assert decision.split
    assert reason_of(decision, 1, 3).params == {"lines": 2}
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_split",
        {"lines": 1, "best_lines": 2},
    )
    assert reason_of(decision, 3, 4).params == {"lines": 1}


def test_greedy_tie_on_line_count_goes_by_level():
    warehouses = [wh(1, level=3), wh(2, level=2), wh(3)]
    stock = {
        (1, "A"): 9.0,
        (1, "B"): 9.0,
        (2, "A"): 9.0,
        (2, "B"): 9.0,
        (3, "C"): 9.0,
    }
    lines = [line(1, "A"), line(2, "B"), line(3, "C")]
    decision = routed(order(lines), warehouses, stock)
    assert placed(decision) == {1: 2, 2: 2, 3: 3}
    lost = reason_of(decision, 1, 1)
    assert (lost.code, lost.params) == (
        "lost_level",
        {"level": 3, "best_level": 2},
    )


def test_supplier_drop_ships_what_no_own_warehouse_has():
    warehouses = [
        wh(1),
        wh(7, kind="supplier", level=2),
        wh(8, kind="supplier", level=3),
    ]
    stock = {(1, "P"): 9.0, (7, "Q"): 9.0, (8, "Q"): 9.0}
    decision = routed(order([line(1, "P"), line(2, "Q", 2.0)]), warehouses, stock)
    assert placed(decision) == {1: 1, 2: 7}
    assert decision.split
    dropped = decision.allocations[1]
    assert (dropped.dropship, dropped.quantity, dropped.level) == (
        True,
        2.0,
        2,
    )
    assert codes_of(decision, 2, 7) == ["dropship"]
    assert codes_of(decision, 2, 1) == ["short"]
    assert codes_of(decision, 2, 8) == ["lost_level"]
    assert codes_of(decision, 1, 7) == ["supplier_only_dropship"]


def test_force_rule_naming_a_supplier_drop_ships_without_stock():
    warehouses = [wh(1), wh(7, kind="supplier")]
    stock = {(1, "P"): 9.0}
    rules = [Rule(1, 10, "Direct", "force", (7,))]
    decision = routed(order([line(1, "P")]), warehouses, stock, rules)
    assert placed(decision) == {1: 7}
    assert decision.allocations[0].dropship
    assert line_codes(decision, 1) == ["forced_by_rule"]
    assert codes_of(decision, 1, 7) == ["dropship"]
    assert codes_of(decision, 1, 1) == ["excluded_by_rule"]


def test_no_stock_anywhere_waits_in_the_best_own_warehouse():
    warehouses = [wh(1, level=2), wh(2, sequence=5), wh(7, kind="supplier")]
    stock = {(1, "P"): 1.0, (7, "P"): 2.0}
    decision = routed(order([line(1, "P", 5.0)]), warehouses, stock)
    assert placed(decision) == {1: 2}
    assert not decision.allocations[0].dropship
    assert codes_of(decision, 1, 2) == ["no_stock_anywhere"]
    assert codes_of(decision, 1, 1) == ["lost_level"]
    assert reason_of(decision, 1, 7).params == {
        "available": 2.0,
        "needed": 5.0,
    }


def test_line_without_any_candidate_is_unroutable():
    warehouses = [wh(1), wh(2, areas=(Area("HK"),)), wh(3, shippable=False)]
    stock = {(1, "P"): 9.0, (1, "Q"): 9.0, (2, "Q"): 9.0, (3, "Q"): 9.0}
    rules = [Rule(1, 10, "No Q here", "exclude", (1,), category_ids=(CUPS,))]
    lines = [line(1, "P"), line(2, "Q", categories=(CUPS,))]
    decision = routed(order(lines), warehouses, stock, rules)
    assert placed(decision) == {1: 1}
    assert decision.unroutable == [2]
    assert not decision.split
    assert line_codes(decision, 2) == ["unroutable"]
    assert codes_of(decision, 2, 1) == ["excluded_by_rule"]
    assert codes_of(decision, 2, 2) == ["no_coverage"]
    assert codes_of(decision, 2, 3) == ["not_shippable"]


def test_order_without_any_warehouse_is_unroutable():
    decision = routed(order([line(1, "P"), line(2, "Q")]), [], {})
    assert decision.allocations == []
    assert decision.unroutable == [1, 2]
    assert not decision.split


# -- area coverage ----------------------------------------------------------


def test_coverage_prefers_city_then_province_then_country():
    country = Area(CN, None, None, 1)
    province = Area(CN, ZJ, None, 2)
    city = Area(CN, ZJ, "Hangzhou", 3)
    other_city = Area(CN, JS, "Hangzhou", 1)
    warehouse = wh(1, areas=(country, other_city, city, province))
    assert coverage(warehouse, "cn ", ZJ, "  HANGZHOU ") == city
    assert coverage(warehouse, CN, ZJ, "Ningbo") == province
    assert coverage(warehouse, CN, JS, "Nanjing") == country
    assert coverage(warehouse, CN, JS, "hangzhou") == other_city
    assert coverage(warehouse, "HK", None, "Hangzhou") is None


def test_city_area_without_state_matches_the_city_anywhere():
    warehouse = wh(1, areas=(Area(CN, None, "Suzhou", 2),))
    assert coverage(warehouse, CN, JS, "suzhou").level == 2
    assert coverage(warehouse, CN, JS, "Wuxi") is None


def test_most_specific_area_decides_the_level_used_for_routing():
    # 1 is level 1 for China but level 3 for Hangzhou: 2 (province) wins
    areas_1 = (Area(CN, None, None, 1, 1, 1.0), Area(CN, ZJ, "hangzhou", 3))
    warehouses = [wh(1, areas=areas_1), wh(2, areas=(Area(CN, ZJ, None, 2),))]
    stock = {(1, "P"): 9.0, (2, "P"): 9.0}
    decision = routed(order([line(1, "P")]), warehouses, stock)
    assert placed(decision) == {1: 2}
    assert reason_of(decision, 1, 1).params == {"level": 3, "best_level": 2}
    elsewhere = routed(order([line(1, "P")], city="Ningbo"), warehouses, stock)
    assert placed(elsewhere) == {1: 1}


# -- consuming stock and capacity --------------------------------------------


def test_consume_takes_stock_so_the_next_order_goes_elsewhere():
    warehouses = [wh(1), wh(2, level=2)]
    stock = {(1, "P"): 3.0, (2, "P"): 9.0}
    first = routed(order([line(1, "P", 3.0)], oid=1), warehouses, stock, consume=True)
    assert placed(first) == {1: 1}
    assert stock == {(1, "P"): 0.0, (2, "P"): 9.0}
    second = routed(order([line(1, "P", 1.0)], oid=2), warehouses, stock, consume=True)
    assert placed(second) == {1: 2}
    assert codes_of(second, 1, 1) == ["short"]
    assert stock == {(1, "P"): 0.0, (2, "P"): 8.0}


def test_consume_takes_one_capacity_per_warehouse_and_order():
    warehouses = [wh(1, capacity_left=1), wh(2, level=2)]
    stock = {(1, "P"): 9.0, (1, "Q"): 9.0, (2, "P"): 9.0, (2, "Q"): 9.0}
    capacity = {}
    lines = [line(1, "P"), line(2, "Q")]
    first = routed(
        order(lines, oid=1), warehouses, stock, capacity=capacity, consume=True
    )
    assert placed(first) == {1: 1, 2: 1}
    assert capacity == {1: 0}  # two lines, one order; 2 is unlimited
    second = routed(
        order(lines, oid=2), warehouses, stock, capacity=capacity, consume=True
    )
    assert placed(second) == {1: 2, 2: 2}
    assert codes_of(second, 1, 1) == ["full"]
    assert capacity == {1: 0}


def test_without_consume_nothing_changes():
    warehouses = [wh(1, capacity_left=1)]
    stock = {(1, "P"): 3.0}
    capacity = {1: 1}
    routed(order([line(1, "P", 3.0)]), warehouses, stock, capacity=capacity)
    assert stock == {(1, "P"): 3.0}
    assert capacity == {1: 1}


def test_drop_ship_does_not_consume_supplier_stock():
    warehouses = [wh(1), wh(7, kind="supplier")]
    stock = {(1, "P"): 0.0, (7, "P"): 5.0}
    decision = routed(order([line(1, "P", 2.0)]), warehouses, stock, consume=True)
    assert placed(decision) == {1: 7}
    assert stock == {(1, "P"): 0.0, (7, "P"): 5.0}


# -- speed -----------------------------------------------------------------


def test_two_thousand_orders_on_ten_warehouses_route_fast():
    areas = (
        Area(CN, None, None, 3, 3, 12.0),
        Area(CN, ZJ, None, 2, 2, 8.0),
        Area(CN, ZJ, "Hangzhou", 1, 1, 5.0),
    )
    warehouses = [
        wh(wid, sequence=wid % 3, areas=areas[wid % 3 :]) for wid in range(1, 11)
    ]
    products = ["P%s" % n for n in range(20)]
    stock = dict(
        ((w.id, p), float((w.id * 7 + n) % 5))
        for w in warehouses
        for n, p in enumerate(products)
    )
    rules = [Rule(1, 10, "No 3 for tea", "exclude", (3,), category_ids=(7,))]
    orders = [
        order(
            [
                line(k, products[(n + k) % 20], 1.0, (7,) if k == 1 else ())
                for k in range(1, 4)
            ],
            oid=n,
            city=("Hangzhou", "Ningbo", "Nanjing")[n % 3],
            state=(ZJ, ZJ, JS)[n % 3],
        )
        for n in range(2000)
    ]
    start = time.perf_counter()
    for each in orders:
        route(each, warehouses, stock, rules)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, elapsed


def test_module_is_plain_python():
    assert "odoo" not in engine.__dict__
    with open(engine.__file__) as source:
        assert "import odoo" not in source.read()

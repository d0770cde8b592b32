# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Shopify adapter against the fake Shopify shop (no Odoo)."""
import socket

import pytest

from adapters.base import (PermanentError, RateLimited, RetryableError,
                           get_adapter_class)
from adapters.shopify import ShopifyAdapter
from fakes.shopify import FakeShopifyServer

TOKEN = "shpat_test_0123456789"
LOCATION = 61000000042
SINCE = "2026-11-20 00:00:00"


@pytest.fixture(scope="module")
def running_server():
    with FakeShopifyServer(access_token=TOKEN, location_id=LOCATION) as fake:
        yield fake


@pytest.fixture
def server(running_server):
    """The module's running shop, emptied (stopping a server costs up to
    half a second: one server serves all the tests)."""
    running_server.reset()
    yield running_server
    running_server.reset()


@pytest.fixture
def shop():
    """A shop that is not started: builds raw orders for normalize_order."""
    return FakeShopifyServer(access_token=TOKEN, location_id=LOCATION)


def make_adapter(server, **overrides):
    config = {"endpoint": server.url, "access_token": TOKEN,
              "location_id": LOCATION, "rate_limit": 1000, "timeout": 5,
              "page_size": 2}
    config.update(overrides)
    return ShopifyAdapter(config)


def offline_adapter():
    return ShopifyAdapter({"endpoint": "http://127.0.0.1:9",
                           "access_token": TOKEN})


def api_requests(server, path):
    return [req for req in server.requests
            if req["path"] == "/admin/api/2024-01/" + path]


# -- registration ---------------------------------------------------------
def test_registered_with_shopify_defaults():
    assert get_adapter_class("shopify") is ShopifyAdapter
    adapter = ShopifyAdapter({"endpoint": "https://demo.myshopify.com"})
    assert adapter.label == "Shopify"
    assert adapter.masks_buyer_data is False
    assert adapter.default_rate_limit == 2
    assert adapter.limiter.interval == 0.5


def test_limiter_waits_before_every_call(server):
    server.add_order(updated_at="2026-11-20T10:00:00+08:00")
    adapter = make_adapter(server)
    calls = []
    adapter.limiter.wait = lambda: calls.append(len(server.requests))
    adapter.fetch_orders(SINCE)
    adapter.fetch_products()
    assert calls == [0, 1]


# -- order paging ---------------------------------------------------------
def _five_orders(server):
    server.add_order(order_id=900, updated_at="2026-11-20T07:59:59+08:00")
    ids = [
        server.add_order(order_id=105,
                         updated_at="2026-11-20T08:00:00+08:00")["id"],
        server.add_order(order_id=101,
                         updated_at="2026-11-20T12:00:00+08:00")["id"],
        server.add_order(order_id=102, updated_at="2026-11-20T04:00:00Z",
                         cancelled_at="2026-11-20T04:00:00Z",
                         financial_status="voided")["id"],
        server.add_order(order_id=103,
                         updated_at="2026-11-20T13:30:00+08:00")["id"],
        server.add_order(order_id=104,
                         updated_at="2026-11-21T09:00:00+08:00")["id"],
    ]
    return ids


def test_fetch_orders_pages_with_link_header(server):
    expected = _five_orders(server)
    adapter = make_adapter(server)
    pages = [adapter.fetch_orders(SINCE)]
    while pages[-1].next_cursor:
        pages.append(adapter.fetch_orders(SINCE, pages[-1].next_cursor))
    assert [len(page.orders) for page in pages] == [2, 2, 1]
    # updated_at order (UTC), then id; the order of 19 Nov (UTC) is out;
    # the cancelled one is in (status=any).
    assert [order["id"] for page in pages for order in page.orders] \
        == expected == [105, 101, 102, 103, 104]
    assert pages[-1].next_cursor is None

    listing = api_requests(server, "orders.json")
    assert len(listing) == 3
    assert listing[0]["query"] == {
        "status": "any", "updated_at_min": "2026-11-20T00:00:00Z",
        "limit": "2", "order": "updated_at asc"}
    for req, page in zip(listing[1:], pages):
        assert req["query"] == {"limit": "2", "page_info": page.next_cursor}


def test_page_size_is_capped_at_250(server):
    adapter = make_adapter(server, page_size=1000)
    adapter.fetch_orders(SINCE)
    assert server.requests[-1]["query"]["limit"] == "250"


def test_fake_rejects_filters_with_page_info(server):
    _five_orders(server)
    adapter = make_adapter(server)
    cursor = adapter.fetch_orders(SINCE).next_cursor
    with pytest.raises(PermanentError, match="page_info"):
        adapter._call("GET", "orders.json", params={
            "page_info": cursor, "status": "any"})


def test_duplicate_page_fault_repeats_previous_page(server):
    expected = _five_orders(server)
    adapter = make_adapter(server)
    first = adapter.fetch_orders(SINCE)
    server.inject("duplicate_page")
    again = adapter.fetch_orders(SINCE, first.next_cursor)
    assert [o["id"] for o in again.orders] == [o["id"] for o in first.orders]
    assert again.next_cursor
    seen = [o["id"] for o in first.orders + again.orders]
    page = again
    while page.next_cursor:
        page = adapter.fetch_orders(SINCE, page.next_cursor)
        seen += [o["id"] for o in page.orders]
    assert seen == expected[:2] + expected
    assert sorted(set(seen)) == sorted(expected)


def test_fetch_order(server):
    server.add_order(order_id=4242, note="hello")
    adapter = make_adapter(server)
    order = adapter.fetch_order("4242")
    assert order["id"] == 4242 and order["note"] == "hello"
    with pytest.raises(PermanentError, match="404"):
        adapter.fetch_order(4243)
    with pytest.raises(PermanentError):
        adapter.fetch_order("../products")


# -- errors -----------------------------------------------------------------
def test_server_error_is_retryable(server):
    server.inject("5xx")
    with pytest.raises(RetryableError) as info:
        make_adapter(server).fetch_orders(SINCE)
    assert "500" in str(info.value)
    assert not isinstance(info.value, RateLimited)


def test_timeout_is_retryable(server):
    # A read-only call: the shared server answers it after the test.
    server.fault_delay = 1.5
    server.inject("timeout")
    with pytest.raises(RetryableError, match="timed out"):
        make_adapter(server, timeout=0.5).fetch_order(1)


def test_connection_error_is_retryable():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    adapter = ShopifyAdapter({"endpoint": "http://127.0.0.1:%d" % port,
                              "access_token": TOKEN, "rate_limit": 1000})
    with pytest.raises(RetryableError):
        adapter.fetch_order(1)


def test_rate_limit_gives_retry_after(server):
    server.inject("rate_limit")
    with pytest.raises(RateLimited) as info:
        make_adapter(server).fetch_orders(SINCE)
    assert info.value.retryable
    assert info.value.retry_after == 2.0
    server.retry_after = "7.5"
    server.inject("rate_limit")
    with pytest.raises(RateLimited) as info:
        make_adapter(server).fetch_order(1)
    assert info.value.retry_after == 7.5


def test_malformed_json_is_retryable(server):
    server.inject("malformed")
    with pytest.raises(RetryableError, match="JSON"):
        make_adapter(server).fetch_orders(SINCE)


def test_bad_token_is_permanent(server):
    with pytest.raises(PermanentError) as info:
        make_adapter(server, access_token="wrong").fetch_orders(SINCE)
    assert "401" in str(info.value)
    assert "Invalid API key or access token" in str(info.value)
    assert not info.value.retryable


def test_missing_configuration_is_permanent(server):
    with pytest.raises(PermanentError, match="access token"):
        make_adapter(server, access_token="").fetch_orders(SINCE)
    with pytest.raises(PermanentError, match="location"):
        make_adapter(server, location_id=None).push_stock({"A": 1})


# -- normalisation ------------------------------------------------------------
def test_normalize_order(shop):
    shop.add_product("TEA-LJ-250", "Longjing tea 250 g")
    raw = shop.add_order(
        order_id=5550001,
        skus=[("TEA-LJ-250", 2, "268.00", "10.00"), ("CUP-01", 1, "5.50")],
        financial_status="paid", discount="5.00", shipping="10.00",
        created_at="2026-11-20T17:58:00+08:00",
        updated_at="2026-11-20T18:00:00+08:00",
        note="Please deliver on the weekend", customer_id=777,
        first_name="Xiao", last_name="Ming", phone="+8613800001234",
        address1="1 Wensan Road", address2="Room 2", province="Zhejiang",
        city="Hangzhou", zip_code="310000")
    order = offline_adapter().normalize_order(raw)
    lines = order.pop("lines")
    assert order == {
        "channel_order_id": "5550001",
        "status": "paid",
        "updated_at": "2026-11-20 10:00:00",
        "created_at": "2026-11-20 09:58:00",
        "currency": "CNY",
        "buyer_id": "777",
        "buyer_nick": "Xiao Ming",
        "receiver": {
            "name": "Xiao Ming", "phone": "+8613800001234",
            "country_code": "CN", "state": "Zhejiang", "city": "Hangzhou",
            "district": "", "address": "1 Wensan Road Room 2",
            "zip": "310000", "masked": False,
        },
        "shipping_fee": 10.0,
        "discount_amount": 5.0,
        "total": 536.5,
        "paid_amount": 536.5,
        "remark": "Please deliver on the weekend",
    }
    assert lines == [
        {"line_id": str(raw["line_items"][0]["id"]), "sku": "TEA-LJ-250",
         "name": "Longjing tea 250 g", "quantity": 2.0, "price_unit": 268.0,
         "discount_amount": 10.0},
        {"line_id": str(raw["line_items"][1]["id"]), "sku": "CUP-01",
         "name": "Product CUP-01", "quantity": 1.0, "price_unit": 5.5,
         "discount_amount": 0.0},
    ]
    gross = sum(line["quantity"] * line["price_unit"]
                - line["discount_amount"] for line in lines)
    assert gross - order["discount_amount"] + order["shipping_fee"] \
        == order["total"]
    for key in ("shipping_fee", "discount_amount", "total", "paid_amount"):
        assert isinstance(order[key], float)
    # The body of orders/{id}.json is accepted as is.
    assert offline_adapter().normalize_order({"order": raw})[
        "channel_order_id"] == "5550001"


@pytest.mark.parametrize("financial, fulfillment, cancelled, status, paid", [
    ("pending", None, False, "unpaid", 0.0),
    ("authorized", None, False, "unpaid", 0.0),
    ("paid", None, False, "paid", 110.0),
    ("partially_paid", None, False, "paid", 110.0),
    ("paid", "partial", False, "paid", 110.0),
    ("paid", "fulfilled", False, "shipped", 110.0),
    ("pending", "fulfilled", False, "shipped", 0.0),
    ("refunded", None, False, "refunded", 110.0),
    ("partially_refunded", None, False, "refunded", 110.0),
    ("partially_refunded", "fulfilled", False, "shipped", 110.0),
    ("refunded", None, True, "refunded", 110.0),
    ("voided", None, True, "cancelled", 0.0),
    ("pending", None, True, "cancelled", 0.0),
    ("paid", "fulfilled", True, "cancelled", 110.0),
])
def test_normalize_status(shop, financial, fulfillment, cancelled, status,
                          paid):
    raw = shop.add_order(financial_status=financial,
                         fulfillment_status=fulfillment,
                         cancelled_at=True if cancelled else None)
    order = offline_adapter().normalize_order(raw)
    assert (order["status"], order["paid_amount"]) == (status, paid)


def test_normalize_partially_paid_amount(shop):
    raw = shop.add_order(financial_status="partially_paid",
                         total_outstanding="60.00")
    assert offline_adapter().normalize_order(raw)["paid_amount"] == 50.0


def test_normalize_guest_without_shipping(shop):
    raw = shop.add_order(customer=None, shipping_address=None,
                         shipping=None, email="guest@example.com",
                         note=None)
    order = offline_adapter().normalize_order(raw)
    assert order["buyer_id"] == ""
    assert order["buyer_nick"] == "guest@example.com"
    assert order["receiver"]["name"] == "" and order["shipping_fee"] == 0.0
    assert order["remark"] == ""


def test_normalize_line_without_sku_fails(shop):
    raw = shop.add_order(skus=[("A-1", 1, "10.00"), (None, 1, "3.00")])
    with pytest.raises(PermanentError, match="has no SKU") as info:
        offline_adapter().normalize_order(raw)
    assert raw["name"] in str(info.value)
    assert str(raw["line_items"][1]["id"]) in str(info.value)


@pytest.mark.parametrize("change, message", [
    ({"id": None}, "has no id"),
    ({"line_items": None}, "no line items"),
    ({"line_items": []}, "no line items"),
    ({"total_price": "12,5x"}, "total_price is not a number"),
    ({"total_price": None}, "total_price is missing"),
    ({"updated_at": "20 Nov 2026"}, "updated_at is not an ISO 8601"),
])
def test_normalize_invalid_payload(shop, change, message):
    raw = shop.add_order()
    raw.update(change)
    with pytest.raises(PermanentError, match=message):
        offline_adapter().normalize_order(raw)


def test_normalize_bad_line_price(shop):
    raw = shop.add_order()
    raw["line_items"][0]["price"] = "abc"
    with pytest.raises(PermanentError, match="price is not a number"):
        offline_adapter().normalize_order(raw)


# -- products and stock ---------------------------------------------------------
def test_fetch_products_all_pages(server):
    shirt = server.add_product("SHIRT-S", "Shirt", variant_title="S")
    server.add_product("SHIRT-M", "Shirt", product_id=shirt["id"],
                       variant_title="M")
    server.add_product("TEA-1", "Tea")
    server.add_product("", "Gift card")
    server.add_product("MUG-1", "Mug")
    products = make_adapter(server).fetch_products()
    assert [(p["sku"], p["name"]) for p in products] == [
        ("SHIRT-S", "Shirt - S"), ("SHIRT-M", "Shirt - M"), ("TEA-1", "Tea"),
        ("MUG-1", "Mug")]
    assert products[0]["product_ref"] == str(shirt["id"])
    assert products[1]["variant_ref"] == str(shirt["variants"][1]["id"])
    listing = api_requests(server, "products.json")
    assert len(listing) == 2
    assert set(listing[1]["query"]) == {"limit", "page_info"}


def test_push_stock_with_unknown_sku(server):
    for sku in ("A", "B", "C"):
        server.add_product(sku, "Product " + sku, available=1)
    adapter = make_adapter(server)
    result = adapter.push_stock({"A": 5, "B": -3, "NOPE": 2})
    assert result["A"] is None and result["B"] is None
    assert "NOPE" in result["NOPE"]
    assert (server.stock("A"), server.stock("B"), server.stock("C")) \
        == (5, 0, 1)
    sets = api_requests(server, "inventory_levels/set.json")
    assert sets[0]["json"] == {
        "location_id": LOCATION, "available": 5,
        "inventory_item_id": server.products[min(server.products)][
            "variants"][0]["inventory_item_id"]}
    # The SKU map is cached: two product pages, fetched once.
    assert adapter.push_stock({"C": 9}) == {"C": None}
    assert len(api_requests(server, "products.json")) == 2
    assert server.stock("C") == 9


def test_push_stock_refused_sku_and_retryable_error(server):
    server.add_product("A", "A")
    server.add_product("B", "B")
    adapter = make_adapter(server, location_id=LOCATION + 1)
    result = adapter.push_stock({"A": 1, "B": 2})
    assert "not stocked" in result["A"] and "422" in result["B"]
    adapter = make_adapter(server)
    adapter.push_stock({"A": 1})
    server.inject("5xx")
    with pytest.raises(RetryableError):
        adapter.push_stock({"A": 3, "B": 4})


def test_push_stock_sku_on_two_variants(server):
    server.add_product("DUP", "One")
    server.add_product("DUP", "Two")
    result = make_adapter(server).push_stock({"DUP": 3})
    assert "several" in result["DUP"]
    assert not api_requests(server, "inventory_levels/set.json")


# -- shipments --------------------------------------------------------------------
def test_write_shipment_is_idempotent(server):
    raw = server.add_order(skus=[("A", 2, "10.00"), ("B", 1, "5.00")])
    first_line, second_line = [line["id"] for line in raw["line_items"]]
    adapter = make_adapter(server)
    before = raw["updated_at"]

    fulfillment = adapter.write_shipment(raw["id"], "SF Express", "SF123")
    assert fulfillment["tracking_number"] == "SF123"
    sent = api_requests(server, "orders/%d/fulfillments.json" % raw["id"])
    assert sent[0]["json"] == {"fulfillment": {
        "location_id": LOCATION, "tracking_number": "SF123",
        "tracking_company": "SF Express", "notify_customer": False,
        "line_items": [{"id": first_line, "quantity": 2},
                       {"id": second_line, "quantity": 1}]}}
    assert raw["fulfillment_status"] == "fulfilled"
    assert raw["updated_at"] > before
    assert adapter.normalize_order(raw)["status"] == "shipped"

    # Again: nothing left to ship, no second POST.
    assert adapter.write_shipment(raw["id"], "SF Express", "SF123") == {}
    # Again with explicit lines: Shopify's 422 "already fulfilled" is done.
    assert adapter.write_shipment(raw["id"], "SF Express", "SF123",
                                  lines=[(first_line, 2)]) == {}
    sent = api_requests(server, "orders/%d/fulfillments.json" % raw["id"])
    assert len(sent) == 2
    assert len(server.fulfillments) == 1


def test_write_shipment_partial_lines(server):
    raw = server.add_order(skus=[("A", 2, "10.00"), ("B", 1, "5.00")])
    first_line = raw["line_items"][0]["id"]
    adapter = make_adapter(server)
    adapter.write_shipment(str(raw["id"]), "YTO", "YT1",
                           lines=[(first_line, 1)])
    assert raw["fulfillment_status"] == "partial"
    assert adapter.normalize_order(raw)["status"] == "paid"
    with pytest.raises(PermanentError, match="exceeds"):
        adapter.write_shipment(raw["id"], "YTO", "YT2",
                               lines=[(first_line, 2)])
    adapter.write_shipment(raw["id"], "YTO", "YT3")
    assert raw["fulfillment_status"] == "fulfilled"
    assert [f["line_items"][0]["quantity"]
            for f in server.fulfillments.values()] == [1, 1]


def test_write_shipment_errors(server):
    raw = server.add_order(cancelled_at=True, financial_status="voided")
    adapter = make_adapter(server)
    with pytest.raises(PermanentError, match="404"):
        adapter.write_shipment(123, "SF", "SF1", lines=[(1, 1)])
    with pytest.raises(PermanentError, match="[Cc]ancelled"):
        adapter.write_shipment(raw["id"], "SF", "SF1")
    with pytest.raises(PermanentError, match="quantity"):
        adapter.write_shipment(raw["id"], "SF", "SF1", lines=[(1, 0)])

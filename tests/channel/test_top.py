# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The TOP (Taobao / Tmall) adapter against the fake TOP router."""
import datetime
import hashlib
import json
import re
import socket
import time

import pytest
from adapters.base import PermanentError, RateLimited, RetryableError, get_adapter_class
from adapters.top import TopAdapter, classify_error, response_key, top_sign
from fakes.top import ALREADY_SHIPPED_SUB_CODE, FakeTopServer

SINCE = "2026-11-20 00:00:00"  # UTC = 08:00 in Beijing
NOW = datetime.datetime(2026, 11, 20, 12, 0, 0)  # UTC = 20:00 in Beijing


@pytest.fixture(scope="module")
def running_server():
    with FakeTopServer() as fake:
        yield fake


@pytest.fixture
def server(running_server):
    """The module's fake router with a fresh state (stopping a server
    takes up to half a second: one for all the tests)."""
    running_server.reset()
    running_server.fault_delay = 1.5
    return running_server


@pytest.fixture
def adapter(server):
    return TopAdapter(server.adapter_config(rate_limit=1000, timeout=5))


def forms(server, method):
    return [r["form"] for r in server.requests if r["form"].get("method") == method]


# -- signature and wire format ----------------------------------------------
def test_sign_known_vector():
    params = {
        "method": "taobao.item.seller.get",
        "app_key": "12345678",
        "session": "test",
        "timestamp": "2016-01-01 12:00:00",
        "format": "json",
        "v": "2.0",
        "sign_method": "md5",
        "fields": "num_iid,title,nick,price,num",
        "num_iid": "11223344",
    }
    # secret + key/value pairs sorted by key + secret, by hand:
    text = (
        "helloworld"
        "app_key12345678"
        "fieldsnum_iid,title,nick,price,num"
        "formatjson"
        "methodtaobao.item.seller.get"
        "num_iid11223344"
        "sessiontest"
        "sign_methodmd5"
        "timestamp2016-01-01 12:00:00"
        "v2.0"
        "helloworld"
    )
    expected = "66987CB115214E59E6EC978214934FB8"  # md5sum of the text
    assert hashlib.md5(text.encode("utf-8")).hexdigest().upper() == expected
    assert top_sign(params, "helloworld") == expected


def test_sign_utf8_and_sign_excluded():
    params = {"method": "m", "app_key": "k", "v": "2.0", "buyer_message": "请周末送货"}
    expected = "79B52B4B9F9DE6C621364E5530EAB90A"  # md5sum
    assert top_sign(params, "s") == expected
    params["sign"] = "ANYTHING"
    assert top_sign(params, "s") == expected


def test_response_key():
    assert response_key("taobao.trades.sold.increment.get") == (
        "trades_sold_increment_get_response"
    )
    assert response_key("cainiao.waybill.ii.get") == "cainiao_waybill_ii_get_response"


def test_request_fields_and_signature(server, adapter):
    trade = server.add_order()
    adapter.fetch_order(trade["tid"])
    form = server.requests[-1]["form"]
    assert server.requests[-1]["method"] == "POST"
    assert server.requests[-1]["path"] == "/router/rest"
    assert form["method"] == "taobao.trade.fullinfo.get"
    assert form["app_key"] == server.app_key
    assert form["session"] == server.session
    assert form["format"] == "json"
    assert form["v"] == "2.0"
    assert form["sign_method"] == "md5"
    assert form["tid"] == str(trade["tid"])
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", form["timestamp"])
    text = "".join(k + form[k] for k in sorted(form) if k != "sign")
    secret = server.app_secret
    expected = hashlib.md5((secret + text + secret).encode("utf-8")).hexdigest()
    assert form["sign"] == expected.upper()


def test_endpoint_without_router_path(server):
    adapter = TopAdapter(server.adapter_config(endpoint=server.url, rate_limit=1000))
    trade = server.add_order()
    assert adapter.fetch_order(trade["tid"])["tid"] == trade["tid"]


def test_registered():
    cls = get_adapter_class("top")
    assert cls is TopAdapter
    assert cls.label == "Taobao / Tmall (TOP)"
    assert cls.masks_buyer_data is True


def test_limiter_waits_before_each_call(server, adapter):
    calls = []

    class Limiter(object):
        def wait(self):
            calls.append(len(server.requests))

    adapter.limiter = Limiter()
    trade = server.add_order()
    adapter.fetch_order(trade["tid"])
    adapter.fetch_order(trade["tid"])
    assert calls == [0, 1]


# -- orders -------------------------------------------------------------------
def test_fetch_orders_three_pages_fixed_window(server):
    adapter = TopAdapter(server.adapter_config(rate_limit=1000, page_size=2))
    adapter._now = lambda: NOW
    server.add_order(tid=100, modified="2026-11-20 07:59:59")  # before since
    server.add_order(tid=105, modified="2026-11-20 13:00:00")
    server.add_order(tid=101, modified="2026-11-20 09:00:00")
    server.add_order(tid=103, modified="2026-11-20 11:00:00")
    server.add_order(tid=102, modified="2026-11-20 11:00:00")
    server.add_order(tid=104, modified="2026-11-20 12:00:00")
    server.add_order(tid=106, modified="2026-11-20 20:00:01")  # after now

    page1 = adapter.fetch_orders(SINCE)
    assert [t["tid"] for t in page1.orders] == [101, 102]
    assert page1.next_cursor == "2026-11-20 20:00:00|2"

    # later: the clock moves and an order changes after the window's end
    adapter._now = lambda: NOW + datetime.timedelta(hours=1)
    server.add_order(tid=107, modified="2026-11-20 20:30:00")
    page2 = adapter.fetch_orders(SINCE, page1.next_cursor)
    assert [t["tid"] for t in page2.orders] == [103, 104]
    assert page2.next_cursor == "2026-11-20 20:00:00|3"
    page3 = adapter.fetch_orders(SINCE, page2.next_cursor)
    assert [t["tid"] for t in page3.orders] == [105]
    assert page3.next_cursor is None

    sent = forms(server, "taobao.trades.sold.increment.get")
    assert [f["page_no"] for f in sent] == ["1", "2", "3"]
    assert {f["start_modified"] for f in sent} == {"2026-11-20 08:00:00"}
    assert {f["end_modified"] for f in sent} == {"2026-11-20 20:00:00"}
    assert {f["page_size"] for f in sent} == {"2"}
    assert {f["use_has_next"] for f in sent} == {"true"}


def test_fetch_orders_empty(server, adapter):
    adapter._now = lambda: NOW
    page = adapter.fetch_orders(SINCE)
    assert page.orders == []
    assert page.next_cursor is None


def test_page_size_capped_at_100(server):
    adapter = TopAdapter(server.adapter_config(rate_limit=1000, page_size=500))
    adapter.fetch_orders(SINCE)
    assert forms(server, "taobao.trades.sold.increment.get")[0]["page_size"] == "100"


def test_duplicate_page_is_returned_as_served(server):
    adapter = TopAdapter(server.adapter_config(rate_limit=1000, page_size=2))
    adapter._now = lambda: NOW
    for tid in range(201, 206):
        server.add_order(tid=tid, modified="2026-11-20 10:00:%02d" % (tid - 200))
    page1 = adapter.fetch_orders(SINCE)
    server.inject("duplicate_page")
    page2 = adapter.fetch_orders(SINCE, page1.next_cursor)
    page3 = adapter.fetch_orders(SINCE, page2.next_cursor)
    assert [t["tid"] for t in page1.orders] == [201, 202]
    assert [t["tid"] for t in page2.orders] == [201, 202]  # the caller dedups
    assert [t["tid"] for t in page3.orders] == [205]
    assert page3.next_cursor is None


def test_invalid_cursor(adapter):
    with pytest.raises(PermanentError):
        adapter.fetch_orders(SINCE, "garbage")


def test_fetch_unknown_order_is_permanent(server, adapter):
    with pytest.raises(PermanentError) as info:
        adapter.fetch_order("123")
    assert "isv.trade-not-exist" in str(info.value)


# -- errors -------------------------------------------------------------------
def test_5xx_is_retryable(server, adapter):
    server.inject("5xx")
    with pytest.raises(RetryableError) as info:
        adapter.fetch_orders(SINCE)
    assert not isinstance(info.value, RateLimited)
    assert "500" in str(info.value)
    adapter.fetch_orders(SINCE)  # the next call goes through


def test_timeout_is_retryable(server):
    adapter = TopAdapter(server.adapter_config(rate_limit=1000, timeout=0.5))
    server.inject("timeout")
    start = time.monotonic()
    with pytest.raises(RetryableError) as info:
        # a call without side effects: the server answers it after the test
        adapter.fetch_order("1")
    assert time.monotonic() - start < 1.4
    assert "timed out" in str(info.value)


def test_connection_error_is_retryable():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    adapter = TopAdapter(
        {"endpoint": "http://127.0.0.1:%d/router/rest" % port, "timeout": 2}
    )
    with pytest.raises(RetryableError):
        adapter.fetch_order("1")


def test_rate_limited(server, adapter):
    server.inject("rate_limit")
    with pytest.raises(RateLimited) as info:
        adapter.fetch_orders(SINCE)
    assert info.value.retryable
    assert info.value.retry_after == 1
    assert "accesscontrol.limited-by-app-access-count" in str(info.value)


def test_malformed_is_retryable(server, adapter):
    server.inject("malformed")
    with pytest.raises(RetryableError):
        adapter.fetch_orders(SINCE)


def test_bad_secret_is_permanent(server):
    adapter = TopAdapter(server.adapter_config(app_secret="wrong", rate_limit=1000))
    with pytest.raises(PermanentError) as info:
        adapter.fetch_orders(SINCE)
    assert "25" in str(info.value)
    assert "Invalid signature" in str(info.value)


def test_bad_session_is_permanent(server):
    adapter = TopAdapter(server.adapter_config(access_token="expired", rate_limit=1000))
    with pytest.raises(PermanentError) as info:
        adapter.fetch_orders(SINCE)
    assert "27" in str(info.value)


def test_unknown_endpoint_path_is_permanent(server):
    adapter = TopAdapter(server.adapter_config(endpoint=server.url + "/nope"))
    with pytest.raises(PermanentError):
        adapter.fetch_orders(SINCE)


def test_missing_endpoint_is_permanent():
    with pytest.raises(PermanentError):
        TopAdapter({}).fetch_order("1")


@pytest.mark.parametrize(
    "error, cls, retry_after",
    [
        ({"code": 7, "msg": "App Call Limited"}, RateLimited, 1.0),
        (
            {
                "code": 7,
                "msg": "App Call Limited",
                "sub_code": "accesscontrol.limited-by-api-access-count",
                "sub_msg": "This ban will last for 12 more seconds",
            },
            RateLimited,
            12.0,
        ),
        ({"code": 15, "sub_code": "isv.api-limited-by-seller"}, RateLimited, 1.0),
        ({"code": 520, "msg": "Remote service error"}, RetryableError, None),
        (
            {"code": 15, "sub_code": "isp.top-remote-connection-timeout"},
            RetryableError,
            None,
        ),
        ({"code": 27, "msg": "Invalid session"}, PermanentError, None),
        ({"code": 40, "msg": "Missing Required Arguments"}, PermanentError, None),
        ({"code": 41, "msg": "Invalid Arguments"}, PermanentError, None),
        ({"code": 15, "sub_code": "isv.item-not-exist"}, PermanentError, None),
    ],
)
def test_classify_error(error, cls, retry_after):
    exc = classify_error(error, payload={"error_response": error})
    assert type(exc) is cls
    assert exc.retry_after == retry_after
    assert exc.payload == {"error_response": error}


# -- normalize_order -------------------------------------------------------------
def raw_trade(**changes):
    trade = {
        "tid": 3900000000000123,
        "status": "WAIT_SELLER_SEND_GOODS",
        "created": "2026-11-20 09:58:00",
        "modified": "2026-11-20 10:00:00",
        "pay_time": "2026-11-20 09:59:00",
        "buyer_open_uid": "AAHopenuid",
        "buyer_nick": "小明",
        "oaid": "oaid-abc",
        "receiver_name": "张**",
        "receiver_mobile": "*******1234",
        "receiver_state": "浙江省",
        "receiver_city": "杭州市",
        "receiver_district": "西湖区",
        "receiver_address": "文三路**号",
        "receiver_zip": "310000",
        "post_fee": "10.00",
        "discount_fee": "5.00",
        "payment": "531.00",
        "buyer_message": "请周末送货",
        "orders": {
            "order": [
                {
                    "oid": 3900000000100001,
                    "outer_sku_id": "TEA-LJ-250",
                    "title": "西湖龙井 250g",
                    "num": 2,
                    "price": "268.00",
                    "discount_fee": "10.00",
                },
                {
                    "oid": 3900000000100002,
                    "outer_sku_id": "",
                    "outer_iid": "CUP-01",
                    "title": "茶杯",
                    "num": "1",
                    "price": "0.00",
                },
            ]
        },
    }
    trade.update(changes)
    return trade


def test_normalize_order(adapter):
    order = adapter.normalize_order(raw_trade())
    assert order == {
        "channel_order_id": "3900000000000123",
        "status": "paid",
        "updated_at": "2026-11-20 02:00:00",
        "created_at": "2026-11-20 01:58:00",
        "currency": "CNY",
        "buyer_id": "oaid-abc",
        "buyer_nick": "小明",
        "receiver": {
            "name": "张**",
            "phone": "*******1234",
            "country_code": "CN",
            "state": "浙江省",
            "city": "杭州市",
            "district": "西湖区",
            "address": "文三路**号",
            "zip": "310000",
            "masked": True,
        },
        "lines": [
            {
                "line_id": "3900000000100001",
                "sku": "TEA-LJ-250",
                "name": "西湖龙井 250g",
                "quantity": 2.0,
                "price_unit": 268.0,
                "discount_amount": 10.0,
            },
            {
                "line_id": "3900000000100002",
                "sku": "CUP-01",  # outer_iid when no outer_sku_id
                "name": "茶杯",
                "quantity": 1.0,
                "price_unit": 0.0,
                "discount_amount": 0.0,
            },
        ],
        "shipping_fee": 10.0,
        "discount_amount": 5.0,
        "total": 531.0,
        "paid_amount": 531.0,
        "remark": "请周末送货",
    }
    for key in ("quantity", "price_unit", "discount_amount"):
        assert isinstance(order["lines"][0][key], float)


def test_normalize_utc_across_midnight(adapter):
    order = adapter.normalize_order(
        raw_trade(created="2026-11-20 07:30:00", modified="2026-11-21 03:15:00")
    )
    assert order["created_at"] == "2026-11-19 23:30:00"
    assert order["updated_at"] == "2026-11-20 19:15:00"


def test_normalize_buyer_id_falls_back_to_open_uid(adapter):
    trade = raw_trade()
    del trade["oaid"]
    assert adapter.normalize_order(trade)["buyer_id"] == "AAHopenuid"


@pytest.mark.parametrize(
    "status, pay_time, expected",
    [
        ("WAIT_BUYER_PAY", None, "unpaid"),
        ("WAIT_SELLER_SEND_GOODS", "2026-11-20 09:59:00", "paid"),
        ("SELLER_CONSIGNED_PART", "2026-11-20 09:59:00", "shipped"),
        ("WAIT_BUYER_CONFIRM_GOODS", "2026-11-20 09:59:00", "shipped"),
        ("TRADE_FINISHED", "2026-11-20 09:59:00", "completed"),
        ("TRADE_CLOSED", "2026-11-20 09:59:00", "refunded"),
        ("TRADE_CLOSED", None, "cancelled"),
        ("TRADE_CLOSED_BY_TAOBAO", None, "cancelled"),
    ],
)
def test_normalize_status(adapter, status, pay_time, expected):
    trade = raw_trade(status=status)
    del trade["pay_time"]
    if pay_time:
        trade["pay_time"] = pay_time
    order = adapter.normalize_order(trade)
    assert order["status"] == expected
    assert order["paid_amount"] == (531.0 if pay_time else 0.0)


def test_normalize_missing_sku(adapter):
    trade = raw_trade()
    del trade["orders"]["order"][0]["outer_sku_id"]
    with pytest.raises(PermanentError) as info:
        adapter.normalize_order(trade)
    message = str(info.value)
    assert "3900000000100001" in message and "SKU" in message
    assert "3900000000000123" in message


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"tid": None}, "no tid"),
        ({"tid": "abc"}, "not a number"),
        ({"orders": {"order": []}}, "no orders"),
        ({"orders": None}, "no orders"),
        ({"post_fee": "ten"}, "not a number"),
        ({"payment": "abc"}, "not a number"),
        ({"status": "SOMETHING_NEW"}, "unknown status"),
        ({"modified": "20/11/2026"}, "invalid time"),
    ],
)
def test_normalize_errors(adapter, changes, words):
    with pytest.raises(PermanentError) as info:
        adapter.normalize_order(raw_trade(**changes))
    assert words in str(info.value)


def test_normalize_line_not_a_number(adapter):
    trade = raw_trade()
    trade["orders"]["order"][0]["num"] = "two"
    with pytest.raises(PermanentError) as info:
        adapter.normalize_order(trade)
    assert "num" in str(info.value) and "not a number" in str(info.value)


def test_fetched_order_normalizes_masked(server, adapter):
    trade = server.add_order(
        skus=[("TEA-LJ-250", 2, "268.00", "10.00"), ("CUP-01", 1, "5.00")],
        created="2026-11-20 09:58:00",
        post_fee="10.00",
        discount_fee="5.00",
        buyer_message="请周末送货",
    )
    order = adapter.normalize_order(adapter.fetch_order(trade["tid"]))
    assert order["channel_order_id"] == str(trade["tid"])
    assert order["status"] == "paid"
    assert order["created_at"] == "2026-11-20 01:58:00"
    assert order["receiver"]["name"] == "张**"
    assert order["receiver"]["phone"] == "*******1234"
    assert order["receiver"]["address"] == "文三路**号"
    assert order["receiver"]["masked"] is True
    assert order["buyer_id"] == trade["oaid"]
    assert [(x["sku"], x["quantity"], x["price_unit"]) for x in order["lines"]] == [
        ("TEA-LJ-250", 2.0, 268.0),
        ("CUP-01", 1.0, 5.0),
    ]
    # 541 of goods - 10 line discount + 10 shipping - 5 order discount
    assert order["total"] == 536.0
    lines_net = sum(
        x["quantity"] * x["price_unit"] - x["discount_amount"] for x in order["lines"]
    )
    assert (
        lines_net + order["shipping_fee"] - order["discount_amount"] == order["total"]
    )


# -- stock, shipments, products ----------------------------------------------
def test_push_stock(server, adapter):
    server.add_product("TEA-1", quantity=5)
    server.add_product("TEA-2", quantity=5)
    results = adapter.push_stock({"TEA-1": 7, "NOPE": 3, "TEA-2": 0})
    assert results["TEA-1"] is None
    assert results["TEA-2"] is None
    assert "isv.item-not-exist" in results["NOPE"]
    assert server.stock == {"TEA-1": 7, "TEA-2": 0}
    sent = forms(server, "taobao.item.quantity.update")
    assert [(f["outer_id"], f["quantity"], f["type"]) for f in sent] == [
        ("TEA-1", "7", "1"),
        ("NOPE", "3", "1"),
        ("TEA-2", "0", "1"),
    ]


def test_push_stock_retryable_propagates(server, adapter):
    server.add_product("TEA-1", quantity=5)
    server.add_product("TEA-2", quantity=5)
    server.inject("5xx")
    with pytest.raises(RetryableError):
        adapter.push_stock({"TEA-1": 1, "TEA-2": 2})
    assert server.stock == {"TEA-1": 5, "TEA-2": 5}


def test_push_stock_negative_is_zero(server, adapter):
    server.add_product("TEA-1", quantity=5)
    assert adapter.push_stock({"TEA-1": -2}) == {"TEA-1": None}
    assert server.stock["TEA-1"] == 0


def test_write_shipment_idempotent(server, adapter):
    trade = server.add_order()
    assert adapter.write_shipment(trade["tid"], "YTO", "YT100200300") == {
        "already_shipped": False
    }
    assert server.shipments == [
        {
            "tid": trade["tid"],
            "out_sid": "YT100200300",
            "company_code": "YTO",
            "oids": [trade["orders"]["order"][0]["oid"]],
        }
    ]
    assert server.orders[trade["tid"]]["status"] == "WAIT_BUYER_CONFIRM_GOODS"
    assert adapter.write_shipment(trade["tid"], "YTO", "YT100200300") == {
        "already_shipped": True
    }
    assert len(server.shipments) == 1
    # what the platform answers to the second shipment
    with pytest.raises(PermanentError) as info:
        adapter.call(
            "taobao.logistics.offline.send",
            {"tid": trade["tid"], "out_sid": "YT1", "company_code": "YTO"},
        )
    assert info.value.payload["error_response"]["sub_code"] == ALREADY_SHIPPED_SUB_CODE


def test_write_shipment_split(server, adapter):
    trade = server.add_order(skus=[("A", 1, "1.00"), ("B", 1, "1.00")])
    oid_a, oid_b = [line["oid"] for line in trade["orders"]["order"]]
    adapter.write_shipment(trade["tid"], "SF", "SF1", lines=[(oid_a, 1)])
    assert server.orders[trade["tid"]]["status"] == "SELLER_CONSIGNED_PART"
    form = forms(server, "taobao.logistics.offline.send")[-1]
    assert form["is_split"] == "1" and form["sub_tid"] == str(oid_a)
    assert adapter.write_shipment(trade["tid"], "SF", "SF1", lines=[(oid_a, 1)]) == {
        "already_shipped": True
    }
    assert adapter.write_shipment(trade["tid"], "SF", "SF2", lines=[(oid_b, 1)]) == {
        "already_shipped": False
    }
    assert server.orders[trade["tid"]]["status"] == "WAIT_BUYER_CONFIRM_GOODS"


def test_write_shipment_unpaid_is_permanent(server, adapter):
    trade = server.add_order(status="WAIT_BUYER_PAY")
    with pytest.raises(PermanentError) as info:
        adapter.write_shipment(trade["tid"], "YTO", "YT1")
    assert "isv.logistics-offline-send-error" in str(info.value)
    assert server.shipments == []


def test_fetch_products(server):
    adapter = TopAdapter(server.adapter_config(rate_limit=1000, page_size=2))
    tea = server.add_product("TEA-250", "龙井", sku_id=11, properties_name="250g")
    server.add_product(
        "TEA-500", "龙井", num_iid=tea["num_iid"], sku_id=12, properties_name="500g"
    )
    cup = server.add_product("CUP-01", "茶杯")
    pot = server.add_product("POT-01", "茶壶")
    products = adapter.fetch_products()
    assert products == [
        {
            "sku": "TEA-250",
            "name": "龙井 (250g)",
            "product_ref": str(tea["num_iid"]),
            "variant_ref": "11",
        },
        {
            "sku": "TEA-500",
            "name": "龙井 (500g)",
            "product_ref": str(tea["num_iid"]),
            "variant_ref": "12",
        },
        {
            "sku": "CUP-01",
            "name": "茶杯",
            "product_ref": str(cup["num_iid"]),
            "variant_ref": "",
        },
        {
            "sku": "POT-01",
            "name": "茶壶",
            "product_ref": str(pot["num_iid"]),
            "variant_ref": "",
        },
    ]
    assert [f["page_no"] for f in forms(server, "taobao.items.onsale.get")] == [
        "1",
        "2",
    ]


# -- masked buyer data ----------------------------------------------------------
def test_decrypt_receiver_not_cached(server, adapter):
    trade = server.add_order(name="李四", mobile="13900005678", address="文一路88号")
    raw = adapter.fetch_order(trade["tid"])
    assert raw["receiver_name"] == "李**"
    receiver = adapter.decrypt_receiver(raw, "waybill")
    assert receiver == {
        "name": "李四",
        "phone": "13900005678",
        "state": "浙江省",
        "city": "杭州市",
        "district": "西湖区",
        "address": "文一路88号",
    }
    assert server.decrypt_calls == 1
    adapter.decrypt_receiver(raw, "call")
    assert server.decrypt_calls == 2
    assert [d["scene"] for d in server.decryptions] == ["waybill", "call"]
    query = json.loads(forms(server, "taobao.top.oaid.decrypt")[0]["query_list"])
    assert query == [
        {"oaid": trade["oaid"], "tid": str(trade["tid"]), "scene": "waybill"}
    ]


def test_decrypt_receiver_wrong_oaid(server, adapter):
    trade = server.add_order()
    with pytest.raises(PermanentError):
        adapter.decrypt_receiver({"tid": trade["tid"], "oaid": "forged"}, "waybill")
    with pytest.raises(PermanentError):
        adapter.decrypt_receiver({"tid": trade["tid"]}, "waybill")


def test_get_waybill(server, adapter):
    trade = server.add_order(name="王五", mobile="13700009999")
    raw = adapter.fetch_order(trade["tid"])
    waybill = adapter.get_waybill(raw, "YTO")
    assert waybill["waybill_code"].startswith("YTO")
    assert json.loads(waybill["print_data"])["encryptedData"]
    assert server.waybills == [
        {
            "tid": trade["tid"],
            "cp_code": "YTO",
            "waybill_code": waybill["waybill_code"],
            "object_id": str(trade["tid"]),
        }
    ]
    form = forms(server, "cainiao.waybill.ii.get")[0]
    request = json.loads(form["param_waybill_cloud_print_apply_new_request"])
    assert request["cp_code"] == "YTO"
    dto = request["trade_order_info_dtos"][0]
    assert dto["recipient"] == {"oaid": trade["oaid"], "tid": str(trade["tid"])}
    assert "王五" not in json.dumps(request, ensure_ascii=False)
    assert server.decrypt_calls == 0

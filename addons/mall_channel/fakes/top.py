# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A fake Taobao Open Platform (TOP) router at ``/router/rest``.

It checks the system parameters and the MD5 signature like TOP does and
keeps a shop's state: trades (with masked receivers and the plaintext
behind their ``oaid``), stock by outer id, on-sale items, shipments,
decryptions and Cainiao waybills.  Methods served:

``taobao.trades.sold.increment.get``, ``taobao.trade.fullinfo.get``,
``taobao.item.quantity.update``, ``taobao.items.onsale.get``,
``taobao.logistics.offline.send``, ``taobao.top.oaid.decrypt``,
``cainiao.waybill.ii.get``.

Times are Beijing time (UTC+8), as on TOP.  Usage::

    with FakeTopServer() as server:
        trade = server.add_order(skus=[("TEA-LJ-250", 2, "268.00")])
        adapter = TopAdapter(server.adapter_config())
"""
import copy
import datetime
import hashlib
import json
import re
import time

from .server import FakeMarketplace, Response

PATH = "/router/rest"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

#: The error sub code of a shipment of an order already shipped.
ALREADY_SHIPPED_SUB_CODE = "isv.logistics-offline-send-already"

UNPAID_STATUSES = (
    "TRADE_NO_CREATE_PAY",
    "WAIT_BUYER_PAY",
    "PAY_PENDING",
    "WAIT_PRE_AUTH_CONFIRM",
    "TRADE_CLOSED",
    "TRADE_CLOSED_BY_TAOBAO",
)
SHIPPABLE_STATUSES = ("WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART")
SHIPPED_STATUSES = ("WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED")


class TopError(Exception):
    """An ``error_response`` to answer: code, msg, sub_code, sub_msg."""

    def __init__(self, code, msg, sub_code=None, sub_msg=None):
        super(TopError, self).__init__(code, msg, sub_code, sub_msg)
        self.code = code
        self.msg = msg
        self.sub_code = sub_code
        self.sub_msg = sub_msg


def sign(params, secret):
    """TOP's md5 signature (the server's own implementation)."""
    pieces = [secret]
    for key in sorted(params):
        if key != "sign":
            pieces.append(key)
            pieces.append(params[key])
    pieces.append(secret)
    return hashlib.md5("".join(pieces).encode("utf-8")).hexdigest().upper()


def beijing_now():
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return (now + datetime.timedelta(hours=8)).strftime(TIME_FORMAT)


def mask_name(name):
    return name[:1] + "**" if name else ""


def mask_mobile(mobile):
    return "*******" + mobile[-4:] if mobile else ""


def mask_address(address):
    return re.sub(r"\d+", "**", address or "")


def _money(value):
    return "%.2f" % float(value)


def _missing(name):
    return TopError(
        40,
        "Missing Required Arguments",
        "isv.missing-parameter:%s" % name,
        "The parameter %s is required." % name,
    )


def _invalid(name, value):
    return TopError(
        41,
        "Invalid Arguments",
        "isv.invalid-parameter:%s" % name,
        "Invalid value %r of %s." % (value, name),
    )


def _required(params, name):
    value = params.get(name)
    if value in (None, ""):
        raise _missing(name)
    return value


def _int_param(params, name, default=None, minimum=None, maximum=None):
    value = params.get(name)
    if value in (None, ""):
        if default is None:
            raise _missing(name)
        return default
    try:
        number = int(value)
    except ValueError:
        raise _invalid(name, value)
    if (minimum is not None and number < minimum) or (
        maximum is not None and number > maximum
    ):
        raise _invalid(name, value)
    return number


def _time_param(params, name):
    value = _required(params, name)
    try:
        return datetime.datetime.strptime(value, TIME_FORMAT)
    except ValueError:
        raise _invalid(name, value)


def _json_param(params, name):
    value = _required(params, name)
    try:
        return json.loads(value)
    except ValueError:
        raise _invalid(name, value)


class FakeTopServer(FakeMarketplace):
    """The fake TOP router.  ``session`` None accepts any session key.

    State (read it in tests): ``orders`` {tid (int): trade as TOP returns
    it}, ``stock`` {outer_id: quantity}, ``products`` (on-sale SKUs),
    ``shipments`` [{"tid", "out_sid", "company_code", "oids"}],
    ``decrypt_calls`` (count) and ``decryptions`` [{"tid", "oaid",
    "scene"}], ``waybills`` [{"tid", "cp_code", "waybill_code",
    "object_id"}]."""

    path = PATH

    METHODS = {
        "taobao.trades.sold.increment.get": "_trades_increment_get",
        "taobao.trade.fullinfo.get": "_trade_fullinfo_get",
        "taobao.item.quantity.update": "_item_quantity_update",
        "taobao.items.onsale.get": "_items_onsale_get",
        "taobao.logistics.offline.send": "_logistics_offline_send",
        "taobao.top.oaid.decrypt": "_oaid_decrypt",
        "cainiao.waybill.ii.get": "_waybill_get",
    }

    def __init__(
        self,
        app_key="fake-app-key",
        app_secret="fake-app-secret",
        session="fake-session",
        port=0,
    ):
        super(FakeTopServer, self).__init__(port=port)
        self.app_key = app_key
        self.app_secret = app_secret
        self.session = session
        self.reset()

    def reset(self):
        """Forget the shop's state, the requests and the pending faults
        (one server can serve many tests)."""
        with self.lock:
            self.faults.clear()
            del self.requests[:]
            self.duplicate_next_page = False
            self.orders = {}
            self.plaintext = {}
            self.stock = {}
            self.products = []
            self.shipments = []
            self.decrypt_calls = 0
            self.decryptions = []
            self.waybills = []
            self._last_page = None
            self._next_tid = 3900000000000001
            self._next_oid = 3900000000100001
            self._next_num_iid = 680000000001
            self._next_waybill = 1

    # -- helpers for tests and demo --------------------------------------
    @property
    def endpoint(self):
        return self.url + PATH

    def adapter_config(self, **extra):
        """The TOP adapter configuration that talks to this server."""
        config = {
            "endpoint": self.endpoint,
            "app_key": self.app_key,
            "app_secret": self.app_secret,
            "access_token": self.session or "any-session",
        }
        config.update(extra)
        return config

    def methods_called(self):
        """The TOP method of every request received, in order."""
        with self.lock:
            return [(r["form"] or r["query"]).get("method") for r in self.requests]

    def add_product(
        self,
        outer_id,
        title=None,
        quantity=0,
        num_iid=None,
        sku_id=None,
        properties_name="",
    ):
        """An on-sale SKU (``sku_id`` set: a SKU of item ``num_iid``; else
        an item of its own) with its stock; returns the product dict."""
        with self.lock:
            if num_iid is None:
                num_iid = self._next_num_iid
                self._next_num_iid += 1
            product = {
                "num_iid": int(num_iid),
                "outer_id": outer_id,
                "title": title or "商品 %s" % outer_id,
                "sku_id": sku_id,
                "properties_name": properties_name,
            }
            self.products.append(product)
            self.stock[outer_id] = int(quantity)
            return product

    def add_order(
        self,
        tid=None,
        status="WAIT_SELLER_SEND_GOODS",
        skus=(("SKU-001", 1, "99.00"),),
        modified=None,
        created=None,
        pay_time=None,
        buyer_message="",
        buyer_nick="tb小明",
        name="张三",
        mobile="13812341234",
        address="文三路100号",
        state="浙江省",
        city="杭州市",
        district="西湖区",
        zip_code="310000",
        post_fee="10.00",
        discount_fee="0.00",
    ):
        """Store a trade and return it (the stored dict, masked as TOP
        serves it).  ``skus``: [(outer_sku_id, quantity, price)] or
        [(outer_sku_id, quantity, price, line_discount)].  ``pay_time``
        None: the creation time unless the status is unpaid or closed;
        "" for none.  The plaintext receiver is kept for decryption."""
        with self.lock:
            if tid is None:
                tid = self._next_tid
                self._next_tid += 1
            tid = int(tid)
            created = created or modified or beijing_now()
            modified = modified or created
            if pay_time is None:
                pay_time = "" if status in UNPAID_STATUSES else created
            oaid = hashlib.md5(("oaid:%s" % tid).encode()).hexdigest()
            lines = []
            items_total = 0.0
            lines_payment = 0.0
            for sku in skus:
                outer_id, num, price = sku[0], sku[1], sku[2]
                line_discount = sku[3] if len(sku) > 3 else "0.00"
                product = self._product(outer_id)
                oid = self._next_oid
                self._next_oid += 1
                total_fee = float(price) * int(num)
                payment = total_fee - float(line_discount)
                items_total += total_fee
                lines_payment += payment
                lines.append(
                    {
                        "oid": oid,
                        "num_iid": product["num_iid"] if product else 0,
                        "sku_id": "%s" % (product and product["sku_id"] or ""),
                        "outer_sku_id": outer_id or "",
                        "outer_iid": "",
                        "title": (
                            product["title"]
                            if product
                            else "商品 %s" % (outer_id or oid)
                        ),
                        "num": int(num),
                        "price": _money(price),
                        "discount_fee": _money(line_discount),
                        "adjust_fee": "0.00",
                        "total_fee": _money(total_fee),
                        "payment": _money(payment),
                        "status": status,
                    }
                )
            trade = {
                "tid": tid,
                "status": status,
                "created": created,
                "modified": modified,
                "buyer_open_uid": "AAH" + oaid[:21],
                "buyer_nick": buyer_nick,
                "oaid": oaid,
                "receiver_name": mask_name(name),
                "receiver_mobile": mask_mobile(mobile),
                "receiver_state": state,
                "receiver_city": city,
                "receiver_district": district,
                "receiver_address": mask_address(address),
                "receiver_zip": zip_code,
                "post_fee": _money(post_fee),
                "discount_fee": _money(discount_fee),
                "total_fee": _money(items_total),
                "payment": _money(
                    lines_payment + float(post_fee) - float(discount_fee)
                ),
                "buyer_message": buyer_message,
                "orders": {"order": lines},
            }
            if pay_time:
                trade["pay_time"] = pay_time
            self.orders[tid] = trade
            self.plaintext[tid] = {
                "name": name,
                "mobile": mobile,
                "state": state,
                "city": city,
                "district": district,
                "address_detail": address,
            }
            return trade

    def update_order(self, tid, **changes):
        """Change fields of a trade (``status`` also sets the lines') and
        bump ``modified`` unless given; returns the trade."""
        with self.lock:
            trade = self.orders[int(tid)]
            trade.update(changes)
            if "status" in changes:
                for line in trade["orders"]["order"]:
                    line["status"] = changes["status"]
            if "modified" not in changes:
                self._touch(trade)
            return trade

    def _touch(self, trade):
        """``modified`` = now, and always later than before."""
        now = beijing_now()
        previous = trade.get("modified") or now
        while now <= previous:
            # Wait for the next second rather than stamp a time in the
            # future: the platform never reports changes it has not made,
            # and an incremental query up to "now" would miss it.
            time.sleep(0.05)
            now = beijing_now()
        trade["modified"] = now

    def _product(self, outer_id):
        for product in self.products:
            if product["outer_id"] == outer_id:
                return product
        return None

    def _trade(self, tid):
        try:
            return self.orders[int(tid)]
        except (KeyError, ValueError):
            raise TopError(
                15,
                "Remote service error",
                "isv.trade-not-exist",
                "The trade %s does not exist." % tid,
            )

    # -- the router -------------------------------------------------------
    def rate_limit_response(self, request):
        return self._error(
            TopError(
                7,
                "App Call Limited",
                "accesscontrol.limited-by-app-access-count",
                "This ban will last for 1 more seconds",
            )
        )

    def handle(self, request):
        if request.path != PATH:
            return Response(404, {"error": "Not Found"})
        params = dict(request.query)
        params.update(request.form)
        try:
            self._check_system(params)
            method = params["method"]
            if method not in self.METHODS:
                raise TopError(
                    22,
                    "Invalid Method",
                    "isv.invalid-method",
                    "The method %s does not exist." % method,
                )
            result = getattr(self, self.METHODS[method])(params)
        except TopError as exc:
            return self._error(exc)
        result["request_id"] = self._request_id()
        key = method
        if key.startswith("taobao."):
            key = key[len("taobao.") :]
        return Response(200, {key.replace(".", "_") + "_response": result})

    def _request_id(self):
        return "fake%d" % len(self.requests)

    def _error(self, error):
        body = {"code": error.code, "msg": error.msg, "request_id": self._request_id()}
        if error.sub_code:
            body["sub_code"] = error.sub_code
        if error.sub_msg:
            body["sub_msg"] = error.sub_msg
        return Response(200, {"error_response": body})

    def _check_system(self, params):
        if not params.get("app_key"):
            raise TopError(28, "Missing App Key")
        if params["app_key"] != self.app_key:
            raise TopError(29, "Invalid App Key")
        if not params.get("sign"):
            raise TopError(24, "Missing Signature")
        if params.get("sign_method", "md5") != "md5" or (
            params["sign"] != sign(params, self.app_secret)
        ):
            raise TopError(25, "Invalid signature")
        if not params.get("timestamp"):
            raise TopError(30, "Missing Timestamp")
        try:
            datetime.datetime.strptime(params["timestamp"], TIME_FORMAT)
        except ValueError:
            raise TopError(31, "Invalid Timestamp")
        if not params.get("method"):
            raise TopError(21, "Missing Method")
        if params.get("format", "xml") != "json":
            raise TopError(23, "Invalid Format", sub_msg="The fake serves json")
        if params.get("v") != "2.0":
            raise TopError(33, "Invalid Version")
        if self.session is not None:
            if not params.get("session"):
                raise TopError(26, "Missing Session")
            if params["session"] != self.session:
                raise TopError(
                    27, "Invalid session", "invalid-sessionkey", "SessionKey非法"
                )

    # -- the methods --------------------------------------------------------
    def _trades_increment_get(self, params):
        start = _time_param(params, "start_modified")
        end = _time_param(params, "end_modified")
        if start > end:
            raise _invalid("end_modified", params["end_modified"])
        page_no = _int_param(params, "page_no", 1, minimum=1)
        page_size = _int_param(params, "page_size", 40, 1, 100)
        matches = sorted(
            (
                trade
                for trade in self.orders.values()
                if start
                <= datetime.datetime.strptime(trade["modified"], TIME_FORMAT)
                <= end
            ),
            key=lambda trade: (trade["modified"], trade["tid"]),
        )
        first = (page_no - 1) * page_size
        page = matches[first : first + page_size]
        if self.duplicate_next_page and self._last_page is not None:
            page = self._last_page
        self._last_page = page
        result = {
            "total_results": len(matches),
            "has_next": first + page_size < len(matches),
        }
        if page:
            result["trades"] = {"trade": copy.deepcopy(page)}
        return result

    def _trade_fullinfo_get(self, params):
        trade = self._trade(_required(params, "tid"))
        return {"trade": copy.deepcopy(trade)}

    def _item_quantity_update(self, params):
        outer_id = _required(params, "outer_id")
        kind = _int_param(params, "type", 1, 1, 2)
        quantity = _int_param(params, "quantity", minimum=0 if kind == 1 else None)
        if outer_id not in self.stock:
            raise TopError(
                15,
                "Remote service error",
                "isv.item-not-exist",
                "No item has the outer id %s." % outer_id,
            )
        if kind == 1:
            self.stock[outer_id] = quantity
        else:
            self.stock[outer_id] = max(0, self.stock[outer_id] + quantity)
        product = self._product(outer_id)
        return {
            "item": {
                "num_iid": product["num_iid"] if product else 0,
                "outer_id": outer_id,
                "num": self.stock[outer_id],
                "modified": beijing_now(),
            }
        }

    def _items_onsale_get(self, params):
        page_no = _int_param(params, "page_no", 1, minimum=1)
        page_size = _int_param(params, "page_size", 40, 1, 200)
        items = []
        by_num_iid = {}
        for product in self.products:
            item = by_num_iid.get(product["num_iid"])
            if item is None:
                item = {
                    "num_iid": product["num_iid"],
                    "title": product["title"],
                    "num": 0,
                }
                by_num_iid[product["num_iid"]] = item
                items.append(item)
            item["num"] += self.stock.get(product["outer_id"], 0)
            if product["sku_id"]:
                item.setdefault("skus", {"sku": []})["sku"].append(
                    {
                        "sku_id": product["sku_id"],
                        "outer_id": product["outer_id"],
                        "properties_name": product["properties_name"],
                        "quantity": self.stock.get(product["outer_id"], 0),
                    }
                )
            else:
                item["outer_id"] = product["outer_id"]
        first = (page_no - 1) * page_size
        result = {"total_results": len(items)}
        if items[first : first + page_size]:
            result["items"] = {"item": copy.deepcopy(items[first : first + page_size])}
        return result

    def _logistics_offline_send(self, params):
        trade = self._trade(_required(params, "tid"))
        out_sid = _required(params, "out_sid")
        company_code = _required(params, "company_code")
        lines = trade["orders"]["order"]
        all_oids = [line["oid"] for line in lines]
        split = params.get("is_split") == "1"
        if split:
            try:
                oids = [int(oid) for oid in _required(params, "sub_tid").split(",")]
            except ValueError:
                raise _invalid("sub_tid", params["sub_tid"])
            if not set(oids) <= set(all_oids):
                raise _invalid("sub_tid", params["sub_tid"])
        else:
            oids = all_oids
        shipped = set()
        for shipment in self.shipments:
            if shipment["tid"] == trade["tid"]:
                shipped.update(shipment["oids"])
        if (
            trade["status"] in SHIPPED_STATUSES
            or (shipped and not split)
            or shipped & set(oids)
        ):
            raise TopError(
                15,
                "Remote service error",
                ALREADY_SHIPPED_SUB_CODE,
                "该订单已发货 (the order is already shipped)",
            )
        if trade["status"] not in SHIPPABLE_STATUSES:
            raise TopError(
                15,
                "Remote service error",
                "isv.logistics-offline-send-error",
                "订单状态 %s 不能发货" % trade["status"],
            )
        self.shipments.append(
            {
                "tid": trade["tid"],
                "out_sid": out_sid,
                "company_code": company_code,
                "oids": oids,
            }
        )
        shipped.update(oids)
        for line in lines:
            if line["oid"] in shipped:
                line["status"] = "WAIT_BUYER_CONFIRM_GOODS"
        trade["status"] = (
            "WAIT_BUYER_CONFIRM_GOODS"
            if shipped >= set(all_oids)
            else "SELLER_CONSIGNED_PART"
        )
        trade["consign_time"] = beijing_now()
        self._touch(trade)
        return {"shipping": {"is_success": True}}

    def _oaid_decrypt(self, params):
        self.decrypt_calls += 1
        queries = _json_param(params, "query_list")
        if not isinstance(queries, list) or not queries:
            raise _invalid("query_list", params["query_list"])
        receivers = []
        for query in queries:
            if not isinstance(query, dict):
                raise _invalid("query_list", params["query_list"])
            for name in ("oaid", "tid", "scene"):
                if not query.get(name):
                    raise _missing("query_list.%s" % name)
            receiver = self._receiver(query["tid"], query["oaid"])
            receivers.append(receiver)
            self.decryptions.append(
                {
                    "tid": int(query["tid"]),
                    "oaid": query["oaid"],
                    "scene": query["scene"],
                }
            )
        return {"receiver_list": {"receiver": receivers}}

    def _receiver(self, tid, oaid):
        trade = self._trade(tid)
        if trade["oaid"] != oaid:
            raise TopError(
                15,
                "Remote service error",
                "isv.oaid-not-match",
                "The oaid does not belong to trade %s." % tid,
            )
        receiver = dict(self.plaintext[trade["tid"]])
        receiver.update({"oaid": oaid, "tid": "%s" % trade["tid"]})
        return receiver

    def _waybill_get(self, params):
        request = _json_param(params, "param_waybill_cloud_print_apply_new_request")
        name = "param_waybill_cloud_print_apply_new_request"
        if not isinstance(request, dict):
            raise _invalid(name, params[name])
        cp_code = request.get("cp_code")
        if not cp_code:
            raise _missing("cp_code")
        dtos = request.get("trade_order_info_dtos")
        if not isinstance(dtos, list) or not dtos:
            raise _missing("trade_order_info_dtos")
        modules = []
        for dto in dtos:
            recipient = dto.get("recipient") or {}
            if not recipient.get("oaid") or not recipient.get("tid"):
                raise _missing("recipient.oaid")
            receiver = self._receiver(recipient["tid"], recipient["oaid"])
            code = "%s%012d" % (cp_code.upper()[:4], self._next_waybill)
            self._next_waybill += 1
            encrypted = hashlib.md5(
                json.dumps(receiver, sort_keys=True).encode("utf-8")
            ).hexdigest()
            print_data = json.dumps(
                {
                    "encryptedData": encrypted,
                    "signature": hashlib.md5(code.encode()).hexdigest(),
                    "templateURL": dto.get("template_url") or "",
                    "ver": "waybill_print_secret_version_1",
                },
                sort_keys=True,
            )
            self.waybills.append(
                {
                    "tid": int(recipient["tid"]),
                    "cp_code": cp_code,
                    "waybill_code": code,
                    "object_id": dto.get("object_id"),
                }
            )
            modules.append(
                {
                    "object_id": dto.get("object_id"),
                    "waybill_code": code,
                    "print_data": print_data,
                }
            )
        return {"modules": {"waybill_cloud_print_response": modules}}

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order export files (CSV or XLSX) of stores without an API.

Marketplace back offices export one row per order line, with the order's
columns repeated on each row.  A store's *column mapping* says which column
holds which field; rows are grouped by order id into raw payloads
(``{"order_id": ..., "rows": [{field: value}]}``) that ``normalize_order``
turns into normalised orders like any other adapter's."""
import csv
import io
from datetime import datetime

from .base import ChannelAdapter, PermanentError, register_adapter

#: Fields of a row and the export headers recognised by default (Taobao
#: seller centre, JD, Pinduoduo and generic English headers).
DEFAULT_COLUMNS = {
    "order_id": ["订单编号", "订单号", "Order ID", "order_id"],
    "status": ["订单状态", "Status", "status"],
    "created_at": ["订单创建时间", "下单时间", "Created At", "created_at"],
    "updated_at": ["订单付款时间", "付款时间", "Updated At", "updated_at"],
    "buyer_id": ["买家会员名", "买家ID", "Buyer ID", "buyer_id"],
    "buyer_nick": ["买家昵称", "Buyer", "buyer_nick"],
    "receiver_name": ["收货人姓名", "收货人", "Receiver", "receiver_name"],
    "receiver_phone": ["联系手机", "收货人手机", "Phone", "receiver_phone"],
    "state": ["省", "收货省份", "Province", "state"],
    "city": ["市", "收货城市", "City", "city"],
    "district": ["区", "收货区县", "District", "district"],
    "address": ["详细地址", "收货地址", "Address", "address"],
    "sku": ["商家编码", "SKU编码", "SKU", "sku"],
    "name": ["宝贝标题", "商品名称", "Product", "name"],
    "quantity": ["购买数量", "商品数量", "Quantity", "quantity"],
    "price_unit": ["价格", "商品单价", "Unit Price", "price_unit"],
    "line_discount": ["商品优惠", "Line Discount", "line_discount"],
    "shipping_fee": ["运费", "Shipping", "shipping_fee"],
    "discount_amount": ["订单优惠", "Order Discount", "discount_amount"],
    "paid_amount": ["买家实付金额", "实付金额", "Paid", "paid_amount"],
    "remark": ["买家留言", "Buyer Remark", "remark"],
}
REQUIRED = ("order_id", "sku", "quantity", "price_unit")
STATUS_WORDS = {
    "unpaid": ["等待买家付款", "待付款", "unpaid"],
    "paid": ["买家已付款", "等待卖家发货", "待发货", "已付款", "paid"],
    "shipped": ["卖家已发货", "已发货", "shipped"],
    "completed": ["交易成功", "已完成", "completed"],
    "cancelled": ["交易关闭", "已取消", "cancelled"],
    "refunded": ["已退款", "refunded"],
}


def _decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PermanentError("The file is neither UTF-8 nor GB18030 text.")


def read_rows(data, filename):
    """[[cell, ...], ...] of a CSV or XLSX file's first sheet."""
    if filename.lower().endswith((".xlsx", ".xls")):
        import xlrd
        try:
            book = xlrd.open_workbook(file_contents=data)
        except Exception as error:  # xlrd raises many types
            raise PermanentError("Cannot read %s: %s" % (filename, error))
        sheet = book.sheet_by_index(0)
        rows = []
        for index in range(sheet.nrows):
            rows.append([_cell_text(cell) for cell in sheet.row(index)])
        return rows
    return [row for row in csv.reader(io.StringIO(_decode(data)))]


def _cell_text(cell):
    value = cell.value
    if isinstance(value, float) and value.is_integer() and cell.ctype == 2:
        return str(int(value))
    return str(value).strip()


def resolve_columns(header, mapping=None):
    """{field: column index}: the store's mapping (``{field: header}``)
    first, then the default headers."""
    positions = {name.strip(): index for index, name in enumerate(header)}
    columns = {}
    for field, candidates in DEFAULT_COLUMNS.items():
        wanted = [mapping[field]] if mapping and mapping.get(field) else []
        for name in wanted + candidates:
            if name in positions:
                columns[field] = positions[name]
                break
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        raise PermanentError(
            "The file has no column for: %s (set them in the store's column "
            "mapping)." % ", ".join(missing))
    return columns


def parse_file(data, filename, mapping=None):
    """Raw order payloads of an export file, in file order."""
    rows = [row for row in read_rows(data, filename) if any(
        cell.strip() for cell in row)]
    if not rows:
        raise PermanentError("%s is empty." % filename)
    columns = resolve_columns(rows[0], mapping)
    orders = {}
    for number, row in enumerate(rows[1:], 2):
        values = {field: (row[index].strip() if index < len(row) else "")
                  for field, index in columns.items()}
        values["row"] = number
        order_id = values.get("order_id")
        key = order_id or "row-%d" % number
        orders.setdefault(key, {"order_id": order_id, "rows": []})
        orders[key]["rows"].append(values)
    return list(orders.values())


def _money(value, field, row):
    text = (value or "0").replace(",", "").replace("¥", "").replace("￥", "")
    try:
        return float(text)
    except ValueError:
        raise PermanentError("Row %s: %s %r is not a number." % (
            row, field, value))


def _status(value):
    text = (value or "").strip()
    for status, words in STATUS_WORDS.items():
        if text in words:
            return status
    return "paid"


def _date(value):
    text = (value or "").strip()
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M",
                    "%Y/%m/%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).strftime(
                "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    return None


@register_adapter("file")
class OrderFileAdapter(ChannelAdapter):
    """No API: orders come from an uploaded export file.  Dates in the file
    are taken as UTC when they carry no zone."""

    label = "Order export file (CSV / XLSX)"
    can_fetch = False

    def normalize_order(self, payload):
        rows = payload.get("rows") or []
        if not payload.get("order_id"):
            raise PermanentError("Row %s has no order id." % (
                rows[0]["row"] if rows else "?"))
        first = rows[0]
        lines = []
        for row in rows:
            if not row.get("sku"):
                raise PermanentError("Row %s: the SKU is empty." % row["row"])
            lines.append({
                "line_id": str(row["row"]),
                "sku": row["sku"],
                "name": row.get("name") or row["sku"],
                "quantity": _money(row.get("quantity"), "quantity", row["row"]),
                "price_unit": _money(row.get("price_unit"), "price",
                                     row["row"]),
                "discount_amount": _money(row.get("line_discount"),
                                          "line discount", row["row"]),
            })
        shipping = _money(first.get("shipping_fee"), "shipping", first["row"])
        discount = _money(first.get("discount_amount"), "discount",
                          first["row"])
        total = sum(line["quantity"] * line["price_unit"]
                    - line["discount_amount"] for line in lines)
        total += shipping - discount
        status = _status(first.get("status"))
        paid = first.get("paid_amount")
        return {
            "channel_order_id": payload["order_id"],
            "status": status,
            "created_at": _date(first.get("created_at")),
            "updated_at": _date(first.get("updated_at"))
            or _date(first.get("created_at")),
            "currency": "CNY",
            "buyer_id": first.get("buyer_id") or None,
            "buyer_nick": first.get("buyer_nick") or first.get("buyer_id"),
            "receiver": {
                "name": first.get("receiver_name") or "",
                "phone": first.get("receiver_phone") or "",
                "country_code": "CN",
                "state": first.get("state") or "",
                "city": first.get("city") or "",
                "district": first.get("district") or "",
                "address": first.get("address") or "",
                "zip": "",
                "masked": "*" in (first.get("receiver_name") or "")
                or "*" in (first.get("receiver_phone") or ""),
            },
            "lines": lines,
            "shipping_fee": shipping,
            "discount_amount": discount,
            "total": round(total, 2),
            "paid_amount": _money(paid, "paid amount", first["row"])
            if paid else (round(total, 2) if status != "unpaid" else 0.0),
            "remark": first.get("remark") or "",
        }

# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Find a Chinese province from what a platform writes: "浙江省", "浙江",
"Zhejiang", or a code "ZJ"."""

#: Province names in pinyin → the code of ``l10n_cn.state_<code>``.
PINYIN = {
    "beijing": "BJ", "tianjin": "TJ", "hebei": "HE", "shanxi": "SX",
    "neimenggu": "NM", "inner mongolia": "NM", "liaoning": "LN",
    "jilin": "JL", "heilongjiang": "HL", "shanghai": "SH", "jiangsu": "JS",
    "zhejiang": "ZJ", "anhui": "AH", "fujian": "FJ", "jiangxi": "JX",
    "shandong": "SD", "henan": "HA", "hubei": "HB", "hunan": "HN",
    "guangdong": "GD", "guangxi": "GX", "hainan": "HI", "chongqing": "CQ",
    "sichuan": "SC", "guizhou": "GZ", "yunnan": "YN", "xizang": "XZ",
    "tibet": "XZ", "shaanxi": "SN", "gansu": "GS", "qinghai": "QH",
    "ningxia": "NX", "xinjiang": "XJ", "taiwan": "TW", "hong kong": "HK",
    "hongkong": "HK", "macau": "MO", "macao": "MO",
}
SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区",
            "省", "市")


def find_state(env, country, name, code=None):
    """The res.country.state of ``country`` for a platform's province name
    or code; an empty recordset when nothing matches."""
    States = env["res.country.state"]
    if not country or not (name or code):
        return States
    candidates = []
    if code:
        candidates.append(code.strip().upper())
    text = (name or "").strip()
    if text.lower() in PINYIN:
        candidates.append(PINYIN[text.lower()])
    if country.code == "CN":
        for candidate in candidates:
            state = env.ref("l10n_cn.state_%s" % candidate, False)
            if state:
                return state
    if not text:
        return States
    short = text
    for suffix in SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix):
            short = short[:-len(suffix)]
            break
    state = States.search([("country_id", "=", country.id),
                           ("name", "=", text)], limit=1)
    return state or States.search([("country_id", "=", country.id),
                                   ("name", "=like", short + "%")], limit=1)

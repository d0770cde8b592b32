"""Every module of the suite ships Simplified Chinese next to English: an
``i18n/<module>.pot`` and an ``i18n/zh_CN.po`` translating every term."""
import os

import polib
import pytest

from . import helpers

ADDONS = os.path.join(helpers.ROOT, "addons")
MODULES = sorted(
    name for name in os.listdir(ADDONS)
    if os.path.isfile(os.path.join(ADDONS, name, "__manifest__.py"))
)


@pytest.mark.parametrize("module", MODULES)
def test_zh_cn_translates_every_term(module):
    i18n = os.path.join(ADDONS, module, "i18n")
    template = polib.pofile(os.path.join(i18n, "%s.pot" % module))
    chinese = polib.pofile(os.path.join(i18n, "zh_CN.po"))
    assert len(template) > 0
    translated = {entry.msgid: entry.msgstr for entry in chinese if not entry.obsolete}
    missing = [entry.msgid for entry in template if not translated.get(entry.msgid)]
    assert missing == [], "untranslated in %s/i18n/zh_CN.po" % module
    assert chinese.metadata.get("Language") == "zh_CN"

"""Headless Chromium for Odoo 11 browser tests (Odoo 11 used PhantomJS).

Chromium is Debian's ``/usr/bin/chromium``, driven through Playwright's
Python client (no browser download), started with a fresh profile and the
flags this machine needs.  ``BrowserMixin`` adds it to an ``HttpCase``::

    class TestPortal(BrowserMixin, HttpCase):
        def test_login(self):
            page = self.browser_login("admin", "admin")
            ...
            self.assertNoConsoleErrors()

Console errors and uncaught page exceptions are collected in
``self.console_errors``.
"""
import os
import shutil
import tempfile

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path():
    path = os.environ.get("MALL_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise RuntimeError("Chromium not found: install Debian's `chromium`")
    return path


class Chromium(object):
    """Context manager: a Playwright browser context on a fresh profile."""

    def __init__(self, base_url, viewport=None):
        self.base_url = base_url
        self.viewport = viewport or {"width": 1366, "height": 900}

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._profile = tempfile.mkdtemp(prefix="mall-chromium-")
        self._playwright = sync_playwright().start()
        self.context = self._playwright.chromium.launch_persistent_context(
            self._profile,
            executable_path=chromium_path(),
            headless=True,
            args=CHROMIUM_ARGS,
            base_url=self.base_url,
            viewport=self.viewport,
            locale="en-US",
        )
        return self.context

    def __exit__(self, *exc):
        try:
            self.context.close()
            self._playwright.stop()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)


class BrowserMixin(object):
    """For ``odoo.tests.common.HttpCase``: one Chromium per test."""

    # ms, for navigation and selectors: the first page of a database
    # builds the asset bundles of every module, which takes long on a
    # busy two-core machine.
    browser_timeout = 120000

    def setUp(self):
        super(BrowserMixin, self).setUp()
        from odoo.tests import common

        self.base_url = "http://%s:%s" % (common.HOST, common.PORT)
        chromium = Chromium(self.base_url)
        self.browser_context = chromium.__enter__()
        self.addCleanup(chromium.__exit__, None, None, None)
        self.browser_context.set_default_timeout(self.browser_timeout)
        self.console_errors = []
        self.page = self.browser_context.pages[0] if self.browser_context.pages \
            else self.browser_context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append("console: %s" % message.text)

    def _on_page_error(self, error):
        self.console_errors.append("uncaught: %s" % error)

    def browser_login(self, login, password, redirect="/web"):
        """Log in through the /web/login form; return the page."""
        page = self.page
        page.goto("/web/login?redirect=%s" % redirect)
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("button[type=submit]")
        return page

    def wait_for_web_client(self):
        """Wait until the backend web client has started and is idle: the
        navbar is drawn, an action is shown, no RPC indicator or UI block."""
        try:
            self.page.wait_for_selector("#oe_main_menu_navbar")
            self.page.wait_for_function(
                """() => {
                    const visible = (sel) => Array.from(document.querySelectorAll(sel))
                        .some((el) => el.offsetParent !== null);
                    return document.querySelector('.o_main_content .o_content > *')
                        && !visible('.o_loading') && !visible('.o_blockUI');
                }"""
            )
        except Exception:
            self.screenshot("wait_for_web_client")
            raise

    def screenshot(self, name):
        """Save a PNG of the page under .run/screenshots/ (for failures)."""
        folder = os.path.join(os.environ.get("MALL_RUN_DIR", tempfile.gettempdir()),
                              "screenshots")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "%s-%s.png" % (self.id().split(".")[-1], name))
        self.page.screenshot(path=path, full_page=True)
        return path

    def assertNoConsoleErrors(self):
        self.assertEqual(self.console_errors, [], "JavaScript errors in the page")

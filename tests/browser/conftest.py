"""Browser tests also watch the security headers: every page any browser test opens reports
Content-Security-Policy violations (and Permissions-Policy header errors) to the test, and a
test during which any were reported fails, naming each one.

Every browser context is made through the `browser` fixture, so wrapping its `new_context`
covers the `page` fixture and the contexts tests make themselves (phones, no JavaScript).
Two channels: a `securitypolicyviolation` listener installed before any page script runs,
and Chromium's own console messages (which also cover pages without JavaScript).
"""

import contextlib

import pytest

_INIT_SCRIPT = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({
    page: location.href,
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    disposition: event.disposition,
  });
}, true);
"""

_CONSOLE_MARKERS = ("Content Security Policy", "Permissions-Policy", "Permissions policy")

#: What the current test's pages reported; emptied before each test.
reported = []


def _describe(data):
    where = f" at {data['source']}:{data['line']}" if data.get("source") else ""
    sample = f" sample={data['sample']!r}" if data.get("sample") else ""
    return (
        f"{data['page']}: {data['directive']} blocked {data['blocked'] or '(inline)'}"
        f"{where}{sample} [{data['disposition']}]"
    )


def _watch_page(page):
    def on_console(message):
        if any(marker in message.text for marker in _CONSOLE_MARKERS):
            reported.append(f"{page.url}: console {message.type}: {message.text}")

    page.on("console", on_console)


def _flush(page):
    """Let reports still on their way arrive: violation events are queued as tasks, and the
    binding's messages are only read while Playwright waits."""
    if page.is_closed():
        return
    # A page that went away meanwhile has nothing left to say.
    with contextlib.suppress(Exception):
        page.wait_for_timeout(30)


def _watched(context):
    context.expose_binding(
        "__cspViolation", lambda source, data: reported.append(_describe(data))
    )
    context.add_init_script(_INIT_SCRIPT)
    for existing in context.pages:
        _watch_page(existing)
    context.on("page", _watch_page)
    close = context.close

    def close_after_reports(*args, **kwargs):
        # Reports still on their way arrive before the pages go.
        for open_page in context.pages:
            _flush(open_page)
        return close(*args, **kwargs)

    context.close = close_after_reports
    return context


@pytest.fixture(scope="session")
def browser(browser):
    """The session's Chromium, whose every new context watches for policy violations."""
    new_context = browser.new_context

    def watched_context(*args, **kwargs):
        return _watched(new_context(*args, **kwargs))

    browser.new_context = watched_context
    yield browser
    browser.new_context = new_context


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item):
    reported.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # Deliver what open pages still have on the way, then judge.
    for value in getattr(item, "funcargs", {}).values():
        if type(value).__name__ == "Page":
            _flush(value)
    if reported:
        found = list(dict.fromkeys(reported))
        reported.clear()
        pytest.fail(
            f"{len(found)} Content-Security-Policy / Permissions-Policy report(s):\n"
            + "\n".join(f"- {line}" for line in found),
            pytrace=False,
        )
    return result

"""A new year in a real browser (issue 19, "done when"): the committee office uploads
the shipped example of 2023, reads the comparison with the year before and the
rehearsal, activates it, moves the demo's clock into 2023's declaration period; a NEW
applicant registers and declares under 2023, while the 2022 applicant's declaration
keeps its 2022 verdict. The office's year pages are read on the way.

The demo's clock only moves forward, and this walk moves it out of 2022 for good, so
the file needs a demo server of its own (.ci/run starts one and sets
E2E_OWN_SERVER=1); in the shared run it is skipped, and the tests after it keep 2022."""
import os

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_check, demo_today, login, logout, register_applicant, set_demo_date, submit, url

pytestmark = pytest.mark.skipif(os.environ.get("E2E_OWN_SERVER") != "1",
                                reason="moves the demo clock into 2023: run against a server of its own (E2E_OWN_SERVER=1, see .ci/run)")

EXAMPLE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "Domain", "Resources",
                                       "policies", "changzhi-2023-example.json"))


def h1(browser):
    return browser.find_element(By.TAG_NAME, "h1").text


def test_office_brings_in_2023_and_a_newcomer_declares_under_it(browser):
    # Before: the 2022 applicant's verdict, as their own page shows it.
    login(browser, "applicant3")
    browser.get(url("/applications"))
    overview_2022 = browser.current_url[len(url("")):]
    assert "/applications/" in overview_2022, overview_2022
    verdict_2022 = browser.find_element(By.CSS_SELECTOR, "#self-check p.verdict").text
    assert verdict_2022.startswith("符合"), verdict_2022
    logout(browser)

    login(browser, "office")
    assert demo_today(browser).startswith("2022-")
    browser.get(url("/policies"))
    assert h1(browser) == "年度政策"
    browser.find_element(By.ID, "policy-bundle").send_keys(EXAMPLE)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]"))

    # The comparison is with the year before (2022), dates side by side.
    assert h1(browser) == "年度政策比较"
    assert "与上一年度比较：2022年度" in browser.find_element(By.ID, "compared").text
    dates = browser.find_element(By.ID, "dates").text
    assert "2022年12月31日" in dates and "2023年12月31日" in dates
    assert "参数（数值和单位）没有变化" in browser.find_element(By.ID, "parameters").text
    axe_check(browser)

    browser.find_element(By.LINK_TEXT, "试运行与启用").click()
    assert h1(browser) == "年度政策试运行"
    assert "份申报，结论改变" in browser.find_element(By.ID, "summary").text
    axe_check(browser)
    browser.find_element(By.NAME, "confirm").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#activate button[type=submit]"))
    assert "年度政策已启用" in browser.page_source
    axe_check(browser)

    # Into 2023's declaration period (the demo clock reaches an activated year).
    set_demo_date(browser, "2023-06-10")
    browser.get(url("/policies"))
    years = browser.find_element(By.ID, "years").text
    assert "2023年度（changzhi-2023-example）：当前使用" in years, years

    # The office's year pages: 2023 by default, 2022 on request.
    for path, heading in (("/committee/integrity", None), ("/committee/similarity", None), ("/office/reopenings", "重新开放申报")):
        browser.get(url(path))
        picker = browser.find_element(By.CSS_SELECTOR, "nav.year-picker")
        assert picker.find_element(By.CSS_SELECTOR, "strong[aria-current=page]").text == "2023年度", path
        if heading:
            assert h1(browser) == heading
        axe_check(browser)
        picker.find_element(By.LINK_TEXT, "2022年度").click()
        assert browser.find_element(By.CSS_SELECTOR, "nav.year-picker strong[aria-current=page]").text == "2022年度", path
    assert "只供查阅" in browser.find_element(By.ID, "past-year").text
    axe_check(browser)
    browser.get(url("/applications/received?year=2022"))
    assert "2022年度" in browser.find_element(By.CSS_SELECTOR, "nav.year-picker strong").text
    logout(browser)

    # A new applicant declares under 2023.
    register_applicant(browser)
    browser.get(url("/applications"))
    assert h1(browser) == "开始2023年度申报"
    assert "2023年6月1日" in browser.page_source
    axe_check(browser)
    for name, value in (("targetLevel", "engineer"), ("track", "regular"), ("specialty", "机械工程")):
        field = browser.find_element(By.ID, "f-" + name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.send_keys(value)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
    assert browser.current_url.endswith("/basics"), browser.current_url
    overview = browser.current_url[len(url("")):-len("/basics")]
    browser.get(url(overview))
    assert "2023年度" in browser.find_element(By.TAG_NAME, "main").text
    axe_check(browser)
    logout(browser)

    # The 2022 declaration keeps its 2022 verdict, reached from the applicant's own page.
    login(browser, "applicant3")
    browser.get(url("/applications"))
    assert h1(browser) == "开始2023年度申报"
    earlier = browser.find_element(By.ID, "earlier-declarations")
    assert "2022年度" in earlier.text
    axe_check(browser)
    earlier.find_element(By.TAG_NAME, "a").click()
    assert browser.current_url.endswith(overview_2022), browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "#self-check p.verdict").text == verdict_2022
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "2022年12月31日" in main and "2023年12月31日" not in main
    axe_check(browser)

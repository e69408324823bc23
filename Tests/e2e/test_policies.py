"""年度政策 in a real browser (issue 19, item 3): the committee office uploads the
shipped example of a next year, reads what changed, rehearses it over the year's
declarations and activates it with a confirmation. The demo's clock sits in the
2022 declaration period, so 2023 is activated but not yet open: the page says when
its declaration starts, and 2022 stays the year in use."""
import os

from selenium.webdriver.common.by import By

from conftest import axe_check, login, submit, url

EXAMPLE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "Domain", "Resources",
                                       "policies", "changzhi-2023-example.json"))


def test_office_uploads_compares_rehearses_and_activates_the_example(browser):
    login(browser, "office")
    browser.get(url("/policies"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "年度政策"
    assert "当前使用" in browser.page_source and "changzhi-2022" in browser.page_source
    axe_check(browser)

    if "changzhi-2023-example" not in browser.find_element(By.ID, "stored").text:
        browser.find_element(By.ID, "policy-bundle").send_keys(EXAMPLE)
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]"))
        # The comparison: only dates move in the example.
        assert browser.find_element(By.TAG_NAME, "h1").text == "年度政策比较"
        assert "已保存" in browser.page_source
    else:
        browser.get(url("/policies/changzhi-2023-example/diff"))
    assert "2023年12月31日" in browser.find_element(By.ID, "dates").text
    assert "参数（数值和单位）没有变化" in browser.page_source
    assert "示例文件" in browser.page_source
    axe_check(browser)

    browser.find_element(By.LINK_TEXT, "试运行与启用" if "试运行与启用" in browser.page_source else "试运行").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "年度政策试运行"
    summary = browser.find_element(By.ID, "summary").text
    assert "份申报，结论改变" in summary
    assert browser.find_element(By.ID, "clauses").is_displayed()
    assert browser.find_element(By.ID, "affected").is_displayed()
    axe_check(browser)

    activate = browser.find_element(By.ID, "activate")
    if activate.find_elements(By.NAME, "confirm"):
        assert "2023年度申报期为2023年6月1日至2023年8月25日" in activate.text
        assert browser.find_element(By.NAME, "confirm").get_attribute("required") is not None
        browser.find_element(By.NAME, "confirm").click()
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#activate button[type=submit]"))
        assert "年度政策已启用" in browser.page_source
    else:
        browser.get(url("/policies"))

    years = browser.find_element(By.ID, "years").text
    # The demo's clock is in 2022: 2023 is active and opens on its own dates; 2022 stays in use.
    assert "2023年度（changzhi-2023-example）：已启用，2023年度申报期自2023年6月1日起" in years
    assert "2022年度（changzhi-2022）：当前使用" in years
    assert "已启用（2023年度）" in browser.find_element(By.ID, "stored").text
    axe_check(browser)

    # Activated once: the rehearsal page no longer offers the form.
    browser.get(url("/policies/changzhi-2023-example/rehearsal"))
    assert not browser.find_elements(By.NAME, "confirm")
    assert "启用的年度政策不能修改" in browser.find_element(By.ID, "activate").text

    # The office's list of declarations picks the year; 2022's stay listed.
    browser.get(url("/applications/received"))
    picker = browser.find_element(By.CSS_SELECTOR, "nav.year-picker").text
    assert "2022年度" in picker and "2023年度" in picker
    axe_check(browser)

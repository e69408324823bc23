"""评审条件公示 and the anonymous quick self-check, as a visitor uses them."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import submit, url


def fill_engineer(browser, qualified):
    for field, value in (("f-targetLevel", "engineer"), ("f-unitKind", "enterprise"),
                         ("f-educationLevel", "bachelor"), ("f-discipline", "engineering"),
                         ("f-titleSeries", "engineering"), ("f-titleTier", "assistant"),
                         ("f-achievementKind", "project"), ("f-achievementLevel", "city")):
        Select(browser.find_element(By.ID, field)).select_by_value(value)
    for year in range(2018, 2023):
        Select(browser.find_element(By.ID, "f-assessment%d" % year)).select_by_value("competent")
    set_date(browser, "f-titleQualified", qualified)
    browser.find_element(By.ID, "f-papers").send_keys("2")
    browser.find_element(By.ID, "f-achievementRank").send_keys("1")
    for box in ("f-achievementAccepted", "f-workReport"):
        browser.find_element(By.ID, box).click()


def set_date(browser, field_id, iso):
    # Date inputs take typed digits in the locale's order; setting the value is locale-proof.
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", field_id, iso)


def test_conditions_page_shows_the_policy(browser):
    browser.get(url("/conditions"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "评审条件公示"
    assert "长工信〔2022〕139号" in browser.page_source
    clause = browser.find_element(By.ID, "clause-3.1.3")
    clause.find_element(By.TAG_NAME, "summary").click()
    assert "2018年12月31日前聘任助理级" in clause.text


def test_quick_check_explains_a_failing_tenure(browser):
    browser.get(url("/conditions"))
    fill_engineer(browser, "2019-01-01")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.quick-check button[type=submit]"))
    verdict = browser.find_element(By.CSS_SELECTOR, "#self-check .verdict").text
    assert verdict == "暂不符合申报工程师的条件"
    failing = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#self-check li.outcome-fail")]
    assert any("不足4年" in text for text in failing), failing
    assert "最早可于2023年1月1日满足" in browser.page_source
    # The form keeps what was entered, so the visitor can adjust one field.
    assert browser.find_element(By.ID, "f-titleQualified").get_attribute("value") == "2019-01-01"
    set_date(browser, "f-titleQualified", "2018-12-31")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.quick-check button[type=submit]"))
    assert browser.find_element(By.CSS_SELECTOR, "#self-check .verdict").text == "符合申报工程师的条件"

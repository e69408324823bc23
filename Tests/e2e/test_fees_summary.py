"""评审费 and 评审材料汇总表 in a real browser (issue 17 items 4 and 5): every fee row
has its own form and ids (axe `duplicate-id`), a refused correction comes back
open with what was typed, and the summary table and its landscape print pass
axe-core."""
from selenium.webdriver.common.by import By

from conftest import axe_check, login, submit, url


def test_fees_page_has_a_form_per_row_and_unique_ids(browser):
    login(browser, "office")
    browser.get(url("/fees"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "评审费"
    forms = browser.find_elements(By.CSS_SELECTOR, "#payments form")
    assert len(forms) >= 2, "the demo has several accepted applications"
    ids = browser.execute_script("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
    assert len(ids) == len(set(ids)), "repeated ids on the fees page"
    axe_check(browser)


def test_a_correction_without_reason_comes_back_with_what_was_typed(browser):
    login(browser, "office")
    browser.get(url("/fees"))
    # Record one payment if none is recorded yet, then correct it without a reason.
    if not browser.find_elements(By.CSS_SELECTOR, "#payments details"):
        form = browser.find_element(By.CSS_SELECTOR, "#payments form")
        form.find_element(By.CSS_SELECTOR, "input[name=receipt]").send_keys("E2E-0001")
        submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    details = browser.find_element(By.CSS_SELECTOR, "#payments details")
    details.find_element(By.TAG_NAME, "summary").click()
    receipt = details.find_element(By.CSS_SELECTOR, "input[name=receipt]")
    receipt.clear()
    receipt.send_keys("E2E-更正")
    # Whatever the page itself checks, the server's check is what this test is about.
    browser.execute_script("arguments[0].removeAttribute('required')",
                           details.find_element(By.CSS_SELECTOR, "textarea[name=reason]"))
    submit(browser, details.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "请填写更正原因" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    reopened = browser.find_element(By.CSS_SELECTOR, "#payments details[open]")
    assert reopened.find_element(By.CSS_SELECTOR, "input[name=receipt]").get_attribute("value") == "E2E-更正"
    axe_check(browser)


def test_summary_table_and_its_print_pass_axe(browser):
    login(browser, "office")
    browser.get(url("/summary"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "评审材料汇总表"
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.data thead th")]
    assert headers[:3] == ["序号", "姓名", "性别"] and headers[-2:] == ["联系电话", "备注"]
    axe_check(browser)
    browser.get(url("/summary/print"))
    assert "职务任职资格评审材料汇总表" in browser.find_element(By.TAG_NAME, "h1").text
    assert "报送单位（盖章）" in browser.page_source
    axe_check(browser)

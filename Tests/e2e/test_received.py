"""The committee office finds a submitted declaration in its list and opens
it; a unit clerk's list holds only its own unit's submitted declarations."""
from selenium.webdriver.common.by import By

from conftest import login, submit, url


def test_office_opens_a_submitted_declaration(browser):
    login(browser, "office")
    browser.find_element(By.LINK_TEXT, "收到的申报").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert any("李强" in row.text and "工程师" in row.text for row in rows)
    submit(browser, browser.find_element(By.LINK_TEXT, "李强"))
    assert "符合申报工程师的条件" in browser.find_element(By.CSS_SELECTOR, "#self-check .verdict").text
    # Read-only for the office: no withdraw or upload forms.
    browser.get(browser.current_url + "/files")
    assert not browser.find_elements(By.CSS_SELECTOR, "form.upload-form")


def test_clerk_list_does_not_show_drafts(browser):
    login(browser, "unit1")
    browser.get(url("/applications/received"))
    # The list itself first: an error or sign-in page would pass the absence check below.
    assert browser.find_element(By.TAG_NAME, "h1").text == "收到的申报"
    assert browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr"), "the unit's submitted declarations are listed"
    assert "张伟" not in browser.page_source

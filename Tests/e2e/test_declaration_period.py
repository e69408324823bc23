"""The review's own dates in a real browser (issue 7 item 6): the e2e server
runs `serve --demo`, whose one clock sits inside the 2022 declaration period
with a banner. A paper dated 2025 and an assessment for 2024 are refused for
the 2022 review, whatever the machine's date is; the start page names the
period from the policy bundle; the committee office has the page to reopen
declarations for a unit with a recorded reason."""
from selenium.webdriver.common.by import By

from conftest import login, logout, register_applicant, url
from test_declaration import add_item, fill, save
from conftest import submit


def item_errors(browser):
    return browser.find_element(By.ID, "item-form").text


def test_future_dated_items_are_refused_by_the_review_clock(browser):
    register_applicant(browser)
    browser.get(url("/applications"))
    banner = browser.find_element(By.CSS_SELECTOR, ".demo-banner").text
    assert "演示模式：系统日期设为2022年" in banner
    assert "申报期：2022年6月1日至2022年8月25日" in browser.page_source
    fill(browser, {"targetLevel": "engineer", "track": "regular", "specialty": "机械工程"})
    save(browser)
    overview = browser.current_url[len(url("")):-len("/basics")]

    # 三（一）4: a paper "published" in 2025 does not belong in the 2022 review.
    browser.get(url(overview + "/sections/papers"))
    fill(browser, {"title": "未来的论文", "journal": "机械工程师", "issn": "CN 23-1196/TH", "published": "2025-03-01",
                   "authorship": "sole", "characters": "4200", "database": "cnki", "publicJournal": "1", "relevant": "1"})
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#item-form button[type=submit]"))
    assert "发表时间不能晚于今天" in item_errors(browser)
    assert "尚未填写" in browser.page_source  # nothing was saved

    # An annual assessment for 2024 is refused the same way.
    browser.get(url(overview + "/sections/assessments"))
    fill(browser, {"year": "2024", "result": "competent"})
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#item-form button[type=submit]"))
    assert "年度不能晚于今年" in item_errors(browser)

    # A paper inside the review's dates is accepted.
    add_item(browser, overview, "papers", {
        "title": "齿轮箱振动分析", "journal": "机械工程师", "issn": "CN 23-1196/TH", "published": "2019-05-01",
        "authorship": "sole", "characters": "4200", "database": "cnki", "publicJournal": "1", "relevant": "1"})
    assert "齿轮箱振动分析" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    assert "未来的论文" not in browser.page_source


def test_the_office_can_reopen_declarations_for_a_unit(browser):
    login(browser, "office")
    browser.get(url("/office/reopenings"))
    assert "2022年度申报期为2022年6月1日至2022年8月25日" in browser.page_source
    fill(browser, {"unitID": browser.find_element(By.CSS_SELECTOR, "#f-unitID option:nth-child(2)").get_attribute("value"),
                   "until": "2022-09-30"})
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#reopen-form button[type=submit]"))
    assert "请填写重新开放的原因" in browser.page_source
    browser.find_element(By.ID, "f-reason").send_keys("单位人事变动，经请示同意补报")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#reopen-form button[type=submit]"))
    assert "已重新开放" in browser.page_source
    assert "单位人事变动，经请示同意补报" in browser.find_element(By.ID, "reopenings").text
    logout(browser)

"""After submission: the applicant follows the route on the progress page, with
the real organizations of their county; a body the application has not reached
sees an empty queue; the committee office sees the timeline without actions
until the application reaches intake (四（三）, 六, 十（三）)."""
from selenium.webdriver.common.by import By

from conftest import login, logout, submit, url


def test_applicant_follows_the_route(browser):
    login(browser, "applicant3")
    browser.get(url("/applications"))
    # The overview of the submitted declaration, then its progress page.
    assert "申报概览" in browser.title
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    timeline = browser.find_element(By.CSS_SELECTOR, "#route ol.timeline").text
    # Route rule R3: an enterprise in 襄垣县 without a competent department (六.4).
    for party in ["襄垣县示例煤机制造有限公司", "襄垣县人力资源和社会保障局", "襄垣县工业和信息化局",
                  "长治市人力资源和社会保障局", "评委会办公室"]:
        assert party in timeline
    assert "等待襄垣县示例煤机制造有限公司办理" in browser.page_source
    history = browser.find_element(By.CSS_SELECTOR, "#history").text
    assert "提交单位" in history and "李强" in history
    # The applicant has nothing to fire here.
    assert not browser.find_elements(By.CSS_SELECTOR, "#actions")


def test_a_body_not_yet_reached_sees_an_empty_queue(browser):
    login(browser, "county1")
    submit(browser, browser.find_element(By.LINK_TEXT, "待我办理"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "待我办理"
    assert "暂无等待您办理的申报" in browser.page_source
    assert "李强" not in browser.page_source


def test_office_sees_the_timeline_without_actions_before_intake(browser):
    login(browser, "office")
    browser.find_element(By.LINK_TEXT, "收到的申报").click()
    submit(browser, browser.find_element(By.LINK_TEXT, "李强"))
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    assert "已提交单位，待单位受理" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#actions")
    logout(browser)

"""After submission: the applicant follows the route on the progress page, with
the real organizations of their county and agency; a body the application has
not reached does not see it in its queue; the committee office sees the
timeline without actions until the application reaches intake (四（三）, 六,
十（三））. Uses 吴静 (applicant9), whom the demo holds at the personnel agency."""
from selenium.webdriver.common.by import By

from conftest import axe_check, login, logout, submit, url


def test_applicant_follows_the_route(browser):
    login(browser, "applicant9")
    browser.get(url("/applications"))
    assert "申报概览" in browser.title
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    timeline = browser.find_element(By.CSS_SELECTOR, "#route ol.timeline").text
    # Route rule R3 with the agency: a non-public unit in 潞州区 whose staff files the agency holds (四（三））.
    for party in ["潞州区示例智能科技有限公司", "长治市公共就业和人才服务中心", "潞州区人力资源和社会保障局",
                  "潞州区工业和信息化局", "长治市人力资源和社会保障局", "评委会办公室"]:
        assert party in timeline
    assert "等待长治市公共就业和人才服务中心办理" in browser.page_source
    history = browser.find_element(By.CSS_SELECTOR, "#history").text
    assert "提交单位" in history and "推荐上报" in history and "同意推荐" in history
    assert not browser.find_elements(By.CSS_SELECTOR, "#actions")
    axe_check(browser)


def test_a_body_not_yet_reached_does_not_see_it(browser):
    login(browser, "county2")
    submit(browser, browser.find_element(By.LINK_TEXT, "待我办理"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "待我办理"
    assert "吴静" not in browser.page_source
    axe_check(browser)


def test_office_sees_the_timeline_without_actions_before_intake(browser):
    login(browser, "office")
    browser.find_element(By.LINK_TEXT, "收到的申报").click()
    submit(browser, browser.find_element(By.LINK_TEXT, "吴静"))
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    assert "待人事代理机构审核" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#actions")
    logout(browser)

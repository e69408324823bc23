"""Applications carried from submission to acceptance at a booked, checked-in intake
day, through every party's screens, on the routes of workflow.md (四（三）, 六, 十):

- rule 1: a city-direct technician (unit, competent department, office);
- rule 2: a county enterprise under a competent department, an engineer (unit,
  county industry bureau, city HR filing, office);
- rule 3: a county engineer whose unit has no competent department (unit, county
  HR, county industry bureau, city HR filing, office), and a non-public engineer
  whose file the personnel agency holds (the agency first).

Dates are honest (十（一）): the demo starts on the intake window's first working
day; each publicity starts on the day it is recorded, and the office moves the
demo's date on (演示日期) past each publicity's five working days, as the year would
pass. The tests of this file run in order, phase by phase, for all four applicants,
because the clock only moves forward. Every page visited is checked with axe-core.
"""
import datetime
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_check, demo_today, login, logout, set_date, set_demo_date, submit, url

# applicant, unit clerk, the bodies after the unit (account, button), who books intake.
ROUTES = [
    ("赵磊", "unit1", [("dept1", "审核通过")], "unit1"),
    ("田野", "unit4", [("county1", "审核通过"), ("cityhr", "备案")], "cityhr"),
    ("李强", "unit2", [("countyhr1", "审核通过"), ("county1", "审核通过"), ("cityhr", "备案")], "unit2"),
    ("孙丽", "unit3", [("agency1", "审核通过"), ("countyhr2", "审核通过"), ("county2", "审核通过"), ("cityhr", "备案")],
     "cityhr"),
]


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


def open_unit_page(browser, clerk, applicant):
    open_from_queue(browser, clerk, applicant)
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "单位评议推荐"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "单位评议推荐"
    axe_check(browser)


def chinese(iso):
    d = datetime.date.fromisoformat(iso)
    return "%d年%d月%d日" % (d.year, d.month, d.day)


def publicity_end(browser, section):
    """The last day the page shows for a publicity ("…至2022年7月29日（公示中）")."""
    text = browser.find_element(By.CSS_SELECTOR, section).text
    match = re.search(r"至(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    assert match, "no end date in %s: %s" % (section, text)
    return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def next_working_day(day):
    # July and August 2022 hold no public holiday or adjusted working day on the
    # official calendar, so the next working day is the next Monday to Friday.
    day += datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day.isoformat()


def start_publicity(browser, kind, day):
    section = "#publicity-%s" % kind
    set_date(browser, browser.find_element(By.CSS_SELECTOR, section + " input[type=date]").get_attribute("id"), day)
    submit(browser, browser.find_element(By.CSS_SELECTOR, section + " button[type=submit]"))
    assert "公示中" in browser.find_element(By.CSS_SELECTOR, section).text, browser.find_element(By.TAG_NAME, "main").text[:400]


def test_1_units_take_up_and_start_the_first_two_publicities_today(browser):
    login(browser, "office")
    today = demo_today(browser)
    logout(browser)
    ends = set()
    for applicant, clerk, _, _ in ROUTES:
        open_from_queue(browser, clerk, applicant)
        press(browser, "受理并开始单位评议")
        assert "单位评议推荐中" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
        submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "单位评议推荐"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "单位评议推荐"
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
        # A backdated publicity is refused and what was typed stays (十（一）: posted for real).
        yesterday = (datetime.date.fromisoformat(today) - datetime.timedelta(days=3)).isoformat()
        section = "#publicity-conditions"
        field = browser.find_element(By.CSS_SELECTOR, section + " input[type=date]").get_attribute("id")
        set_date(browser, field, yesterday)
        submit(browser, browser.find_element(By.CSS_SELECTOR, section + " button[type=submit]"))
        assert "开始日期不能早于今天" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
        assert browser.find_element(By.ID, field).get_attribute("value") == yesterday
        axe_check(browser)
        # 评审条件程序公示 and 个人申报材料公示 from today, five working days on the official calendar.
        start_publicity(browser, "conditions", today)
        start_publicity(browser, "materials", today)
        assert chinese(today) + "至" in browser.find_element(By.CSS_SELECTOR, "#publicity-materials").text
        ends.add(publicity_end(browser, "#publicity-materials"))
        axe_check(browser)
        logout(browser)
    assert len(ends) == 1


def move_demo_date_past(browser, section):
    """The office moves the demo's date to the working day after the publicity the
    first walk's unit page shows in `section` ends (all four run on the same days)."""
    applicant, clerk, _, _ = ROUTES[0]
    open_unit_page(browser, clerk, applicant)
    day = next_working_day(publicity_end(browser, section))
    logout(browser)
    login(browser, "office")
    set_demo_date(browser, day)
    logout(browser)
    return day


def test_2_after_five_working_days_units_give_their_opinion_and_publicize_it(browser):
    today = move_demo_date_past(browser, "#publicity-materials")
    for applicant, clerk, _, _ in ROUTES:
        open_unit_page(browser, clerk, applicant)
        assert "无异议" in browser.find_element(By.CSS_SELECTOR, "#publicity-materials").text
        for item in ["education", "seniority", "ability", "achievements", "academic"]:
            Select(browser.find_element(By.ID, "f-meets_%s" % item)).select_by_visible_text("符合")
        browser.find_element(By.ID, "f-text").send_keys("该同志各项条件符合申报要求，经单位集体研究，同意推荐。")
        set_date(browser, "f-decided", today)
        Select(browser.find_element(By.ID, "f-recommend")).select_by_visible_text("同意推荐")
        browser.find_element(By.ID, "f-head").send_keys("张建国")
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#opinion button[type=submit]"))
        start_publicity(browser, "opinion", today)
        axe_check(browser)
        # Not yet: the opinion's publicity runs, so a recommendation is refused and says why.
        submit(browser, browser.find_element(By.LINK_TEXT, "返回办理进度"))
        assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
        press(browser, "推荐上报")
        refusal = browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
        assert "单位鉴定意见公示" in refusal, refusal
        assert "单位评议推荐中" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
        logout(browser)


def test_3_units_recommend_and_the_bodies_review_along_each_route(browser):
    move_demo_date_past(browser, "#publicity-opinion")
    for applicant, clerk, bodies, _ in ROUTES:
        open_unit_page(browser, clerk, applicant)
        browser.find_element(By.ID, "f-agree").click()
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#commitment button[type=submit]"))
        assert "各项均已完成" in browser.find_element(By.ID, "missing").text
        axe_check(browser)
        submit(browser, browser.find_element(By.LINK_TEXT, "返回办理进度"))
        press(browser, "推荐上报")
        logout(browser)
        for account, button in bodies:
            open_from_queue(browser, account, applicant)
            press(browser, button)
            assert "已保存" in browser.page_source
            logout(browser)


def test_4_intake_by_appointment_accepts_each_application_at_its_checked_in_booking(browser):
    login(browser, "office")
    today = demo_today(browser)
    # The progress page offers no acceptance: only the counter of a checked-in booking (十（三）).
    browser.get(url("/reviews"))
    submit(browser, browser.find_element(By.LINK_TEXT, "赵磊"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "办理进度"
    assert "收审受理" not in [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#actions button")]
    # The office opens today for appointments.
    browser.get(url("/intake"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "收审安排"
    axe_check(browser)
    set_date(browser, "f-day", today)
    browser.find_element(By.ID, "f-capacity").send_keys("5")
    browser.find_element(By.ID, "f-note").send_keys("市工信局三楼")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#open-day button[type=submit]"))
    assert chinese(today) in browser.find_element(By.ID, "days").text
    logout(browser)

    # Each body books a batch naming the applications it brings.
    bookers = {}
    for applicant, _, _, booker in ROUTES:
        bookers.setdefault(booker, []).append(applicant)
    for booker, applicants in bookers.items():
        login(browser, booker)
        browser.get(url("/intake/book"))
        axe_check(browser)
        Select(browser.find_element(By.ID, "f-day")).select_by_index(1)
        for applicant in applicants:
            box = next(b for b in browser.find_elements(By.CSS_SELECTOR, "#applications input[type=checkbox]")
                       if applicant in browser.find_element(By.CSS_SELECTOR, "label[for='%s']" % b.get_attribute("id")).text)
            box.click()
        # A count that does not match the ticked applications is refused, and what was typed stays.
        browser.find_element(By.ID, "f-batchSize").send_keys(str(len(applicants) + 1))
        browser.find_element(By.ID, "f-contactName").send_keys("送件人" + booker)
        browser.find_element(By.ID, "f-contactPhone").send_keys("0355-2020202")
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#book button[type=submit]"))
        assert browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
        assert browser.find_element(By.ID, "f-contactName").get_attribute("value") == "送件人" + booker
        axe_check(browser)
        size = browser.find_element(By.ID, "f-batchSize")
        size.clear()
        size.send_keys(str(len(applicants)))
        submit(browser, browser.find_element(By.CSS_SELECTOR, "#book button[type=submit]"))
        mine = browser.find_element(By.ID, "mine").text
        assert all(a in mine for a in applicants), mine
        logout(browser)

    # On the day the office checks each batch in and takes the applications one by one.
    login(browser, "office")
    browser.get(url("/intake"))
    while True:
        buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, "#days button") if b.text.startswith("签到")]
        if not buttons:
            break
        submit(browser, buttons[0])
    axe_check(browser)
    def counter_form(applicant):
        return next(f for f in browser.find_elements(By.CSS_SELECTOR, "form.intake-accept")
                    if "收审受理（%s）" % applicant in f.text)

    for index, (applicant, _, _, _) in enumerate(ROUTES):
        form = counter_form(applicant)
        counts = {}
        for field in form.find_elements(By.CSS_SELECTOR, "input[type=number]"):
            expected = re.search(r"应为(\d+)份", browser.find_element(
                By.CSS_SELECTOR, "label[for='%s']" % field.get_attribute("id")).text).group(1)
            field.send_keys(expected)
            counts[field.get_attribute("id")] = expected
        if index == 0:
            # Originals not checked: refused, and the counts typed stay in this application's form.
            submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
            assert "原件" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
            for field_id, expected in counts.items():
                assert browser.find_element(By.ID, field_id).get_attribute("value") == expected
            axe_check(browser)
            form = counter_form(applicant)
        form.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
        submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "收审受理（%s）" % applicant not in browser.find_element(By.ID, "days").text
    logout(browser)

    # The applicant sees the whole route done: 孙丽's passes the agency, both county
    # bodies and the city HR bureau.
    login(browser, "applicant7")
    browser.get(url("/applications"))
    submit(browser, browser.find_element(By.LINK_TEXT, "办理进度"))
    assert "评委会办公室已受理" in browser.find_element(By.CSS_SELECTOR, "strong.state").text
    stages = browser.find_elements(By.CSS_SELECTOR, "#route li.stage-done")
    assert len(stages) == 6
    axe_check(browser)

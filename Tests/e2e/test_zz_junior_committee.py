"""The junior levels through their committee in a real browser (四（三）, 九): the office
refers a scored assistant engineer (魏娜) to the 初级评委会, which also has a technician
(蒋涛) waiting; the office moves the demo's date to the meeting, records attendance, starts
the vote (quorum, the chair presiding), enters each member's paper ballot and closes; the
result is publicized, the city HR bureau confirms it after the publicity, the office issues
the certificates, and anyone verifies both signed out. axe-core on every page.

Named to run last: it moves the demo's clock past the intake window, which the other
walks need open."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import axe_check, login, logout, set_demo_date, submit, url


def test_a_technician_and_an_assistant_engineer_reach_a_verified_certificate(browser):
    login(browser, "office")
    # 提交初级评委会评议: 魏娜 is scored, 韩磊 is not (no box to tick).
    browser.get(url("/committee/quantitative/referrals"))
    axe_check(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#referrals tbody tr")
    wei = next(r for r in rows if "魏娜" in r.text)
    han = next(r for r in rows if "韩磊" in r.text)
    assert "未赋分" in han.text
    wei.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#referrals button[type=submit]"))
    assert "魏娜" not in browser.find_element(By.TAG_NAME, "main").text

    # The 初级评委会's open meeting: move the demo's date to it.
    browser.get(url("/committee/meetings"))
    axe_check(browser)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#meetings tbody tr")
               if "初级" in r.text and "筹备中" in r.text)
    day = re.search(r"\d{4}-\d{2}-\d{2}", row.text).group(0)
    meeting_url = row.find_element(By.TAG_NAME, "a").get_attribute("href")
    set_demo_date(browser, day)
    browser.get(meeting_url)
    axe_check(browser)
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "蒋涛" in main and "魏娜" in main and "刘洋" not in main
    # Everyone present, then 开始表决.
    for box in browser.find_elements(By.CSS_SELECTOR, "#attendance input[type=checkbox]"):
        if not box.is_selected():
            box.click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#attendance button[type=submit]"))
    browser.find_element(By.CSS_SELECTOR, "#start-form input[type=checkbox]").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#start-form button[type=submit]"))
    assert "出席登记已确定" in browser.find_element(By.ID, "attendance").text
    axe_check(browser)
    # Each member's paper ballot on each applicant: all agree.
    voters = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#f-expertID option") if o.get_attribute("value")]
    applicants = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#f-applicationID option") if o.get_attribute("value")]
    assert len(voters) == 7 and set(applicants) == {"蒋涛", "魏娜"}
    for applicant in applicants:
        for voter in voters:
            Select(browser.find_element(By.ID, "f-expertID")).select_by_value(voter)
            Select(browser.find_element(By.ID, "f-applicationID")).select_by_visible_text(applicant)
            Select(browser.find_element(By.ID, "f-choice")).select_by_value("agree")
            submit(browser, browser.find_element(By.CSS_SELECTOR, "#paper-ballot button[type=submit]"))
    browser.find_element(By.CSS_SELECTOR, "#close-vote input[type=checkbox]").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#close-vote button[type=submit]"))
    minutes = browser.find_element(By.TAG_NAME, "body").text
    assert "初级专业技术职务评审委员会会议纪要" in minutes and minutes.count("，通过") >= 2

    # The result publicity from the meeting's day.
    browser.get(url("/committee/results"))
    axe_check(browser)
    submit(browser, browser.find_element(By.XPATH, "//button[contains(., '公示评审通过名单')]"))
    period = browser.find_element(By.ID, "publicity-table").text
    ends = re.findall(r"至 (\d{4}-\d{2}-\d{2})", period)[-1]
    y, m, d = (int(x) for x in ends.split("-"))
    import datetime
    after = (datetime.date(y, m, d) + datetime.timedelta(days=3)).isoformat()
    set_demo_date(browser, after)
    logout(browser)

    # The city HR bureau confirms the list (审核确认).
    login(browser, "cityhr")
    browser.get(url("/results/confirmation"))
    axe_check(browser)
    submit(browser, browser.find_element(By.XPATH, "//button[contains(., '审核确认此名单')]"))
    logout(browser)

    # The office issues the certificates; anyone verifies them signed out.
    login(browser, "office")
    browser.get(url("/committee/results"))
    submit(browser, browser.find_element(By.XPATH, "//button[contains(., '发放证书')]"))
    axe_check(browser)
    codes = {}
    for r in browser.find_elements(By.CSS_SELECTOR, "#passed-list tbody tr"):
        for name in ("蒋涛", "魏娜"):
            if name in r.text:
                found = re.findall(r"\b[A-HJ-NP-Z2-9]{12}\b", r.text)
                assert found, r.text
                codes[name] = found[-1]
    assert set(codes) == {"蒋涛", "魏娜"}
    logout(browser)
    for name, code in codes.items():
        browser.get(url("/verify/" + code))
        axe_check(browser)
        text = browser.find_element(By.TAG_NAME, "main").text
        assert name in text and "已撤销" not in text
    assert "技术员" in browser.page_source or "助理工程师" in browser.page_source

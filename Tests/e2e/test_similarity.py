"""论文查重 (七.1) in a real browser: the committee office starts the check of the
year's accepted applications, follows the job's progress on the page until the
background worker has finished, and opens an application's report page; an
applicant is refused the office's pages. axe-core checks every page."""
import time

from selenium.webdriver.common.by import By

from conftest import axe_check, login, logout, submit, url


def wait_until_done(browser, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        browser.get(url("/committee/similarity"))
        if not browser.find_elements(By.ID, "job-active"):
            return
        time.sleep(1)
    raise AssertionError("the duplication check did not finish in %ss" % timeout)


def test_office_starts_the_check_and_reads_a_report(browser):
    login(browser, "office")
    browser.get(url("/committee/similarity"))
    assert "论文查重" in browser.title
    axe_check(browser)
    wait_until_done(browser)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#start button[type=submit]"))
    jobs = browser.find_element(By.ID, "job-list").text
    assert "排队中" in jobs or "进行中" in jobs or "已完成" in jobs
    wait_until_done(browser)
    first = browser.find_element(By.ID, "job-list").find_elements(By.CSS_SELECTOR, "tbody tr")[0].text
    assert "已完成" in first, first
    axe_check(browser)
    links = browser.find_elements(By.CSS_SELECTOR, "#similarity-results a")
    assert links, "no accepted application listed"
    submit(browser, links[0])
    assert "查重报告" in browser.title
    report_url = browser.current_url
    summary = browser.find_element(By.ID, "summary").text
    assert "本系统抄袭率" in summary and "答辩资格" in summary
    axe_check(browser)
    # The external report's ratio is validated (0–100%).
    form = browser.find_element(By.ID, "external-form")
    field = form.find_element(By.NAME, "externalRatio")
    field.clear()
    field.send_keys("120")
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "应在 0% 到 100% 之间" in browser.page_source
    axe_check(browser)
    logout(browser)

    login(browser, "applicant1")
    browser.get(report_url)
    assert "查重报告" not in browser.title
    assert "无权" in browser.page_source
    axe_check(browser)

"""Real-browser tests: headless Chromium driven by Selenium against a running
server (started by .ci/run with the demo data). E2E_BASE_URL and
E2E_PASSWORD name the server and the demo password."""
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1:8080")
PASSWORD = os.environ.get("E2E_PASSWORD", "Demo#2022pass")


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                              options=options)
    driver.implicitly_wait(3)
    yield driver
    driver.quit()


def url(path):
    return BASE_URL + path


def submit(driver, button):
    """Clicks a submit button and waits until the next page has replaced this
    one: a mark set on this page's window is gone once a new document loads."""
    driver.execute_script("window.__e2eOldPage = true")
    button.click()

    def new_page_loaded(d):
        try:
            return d.execute_script(
                "return window.__e2eOldPage === undefined && document.readyState === 'complete'")
        except WebDriverException:
            return False  # caught mid-navigation; ask again

    WebDriverWait(driver, 15).until(new_page_loaded)


def login(driver, username, password=PASSWORD):
    driver.get(url("/login"))
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(password)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))


def logout(driver):
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.signout button"))


def valid_id(first17):
    """Completes a 身份证号 with its GB 11643 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return first17 + "10X98765432"[total % 11]


def register_applicant(driver, unit_text="潞州区示例智能科技有限公司", password="Gc7#Lm2pQx"):
    """Registers a fresh applicant (random ID and username) and leaves them signed in."""
    import random
    from selenium.webdriver.support.ui import Select
    driver.get(url("/register"))
    first17 = "140403%04d%02d%02d%03d" % (random.randint(1970, 1999), random.randint(1, 12),
                                          random.randint(1, 28), random.randint(0, 998))
    username = "e2e%06d" % random.randint(0, 999999)
    driver.find_element(By.ID, "f-realName").send_keys("测试申报人")
    driver.find_element(By.ID, "f-idNumber").send_keys(valid_id(first17))
    driver.find_element(By.ID, "f-mobile").send_keys("13903559%03d" % random.randint(0, 999))
    select = Select(driver.find_element(By.ID, "f-unitID"))
    select.select_by_visible_text(next(o.text for o in select.options if o.text.startswith(unit_text)))
    driver.find_element(By.ID, "f-username").send_keys(username)
    driver.find_element(By.ID, "f-password").send_keys(password)
    driver.find_element(By.ID, "f-confirm").send_keys(password)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
    assert "注册成功" in driver.page_source
    return username


def axe_check(driver, allow=()):
    """Runs axe-core (axe-selenium-python) on the page and fails on any violation,
    whatever its impact (`region` included: every piece of a page inside a landmark),
    naming the rule and the first offending element."""
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"resultTypes": ["violations"]})
    problems = [v for v in results["violations"] if v["id"] not in allow]
    assert not problems, "; ".join(
        "%s (%s): %s" % (v["id"], v["impact"], v["nodes"][0]["target"] if v["nodes"] else "") for v in problems)


def set_date(driver, element_id, iso):
    """Fills a date input: Chromium's date control takes typed digits in the
    locale's order, so the value is set as the control would set it."""
    element = driver.find_element(By.ID, element_id)
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", element, iso)


def demo_today(driver):
    """The demo's date as the office's 演示日期 page shows it (ISO), so walks date what
    they record by the review's clock, never by the machine's."""
    driver.get(url("/demo/clock"))
    return driver.find_element(By.ID, "f-day").get_attribute("value")


def set_demo_date(driver, day):
    """Moves the demo's clock forward to `day` (ISO) as the office does; signed in as office."""
    driver.get(url("/demo/clock"))
    axe_check(driver)
    field = driver.find_element(By.ID, "f-day")
    driver.execute_script("arguments[0].value = arguments[1]", field, day)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
    assert day == driver.find_element(By.ID, "f-day").get_attribute("value"), "demo date not moved to " + day

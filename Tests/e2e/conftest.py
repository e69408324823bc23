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

"""The foundation as a person meets it: the public home page, every demo
role signing in to its own home page, registration with a bad ID number,
and the lockout after five wrong passwords."""
import random

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import PASSWORD, login, logout, submit, url, valid_id

ROLES = {
    "admin": ("systemAdministrator", "系统管理员工作台", ["机构管理", "账号管理", "审计日志"]),
    "office": ("committeeOffice", "评委会办公室工作台", ["机构名录"]),
    "cityhr": ("cityHR", "市人社局工作台", ["机构名录"]),
    "county1": ("countyBureau", "县（区）工信局工作台", ["机构名录"]),
    "dept1": ("competentDepartment", "主管部门工作台", ["单位经办人"]),
    "unit1": ("unitClerk", "单位经办人工作台", []),
    "applicant1": ("applicant", "申报人工作台", []),
    "expert1": ("expert", "评审专家工作台", []),
}


def test_public_home_page(browser):
    browser.get(url("/"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    assert "长治市2022年度工程系列中、初级职称评审" in browser.find_element(By.TAG_NAME, "h1").text
    assert "2022年7月25日至2022年8月25日" in browser.page_source
    # The stylesheet loaded (CSP allows our own files only).
    color = browser.find_element(By.CSS_SELECTOR, ".site-header").value_of_css_property("background-color")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_demo_role_signs_in_to_its_home(browser, username):
    role, heading, menu = ROLES[username]
    login(browser, username)
    assert browser.current_url.endswith("/home") or "/account/password" in browser.current_url
    browser.get(url("/home"))
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-role") == role
    assert browser.find_element(By.TAG_NAME, "h1").text == heading
    nav = browser.find_element(By.CSS_SELECTOR, "nav.site-nav").text
    for item in menu:
        assert item in nav
    if role != "systemAdministrator":
        assert "账号管理" not in nav
    logout(browser)
    assert "/login" in browser.current_url
    assert "您已安全退出" in browser.page_source


def test_applicant_sees_own_id_number_in_full(browser):
    login(browser, "applicant1")
    facts = browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert "1404021988031210" in facts
    assert "男" in facts and "1988年3月12日" in facts


def test_registration_keeps_input_and_explains_bad_id(browser):
    browser.get(url("/register"))
    browser.find_element(By.ID, "f-realName").send_keys("测试用户")
    browser.find_element(By.ID, "f-idNumber").send_keys(broken_id("14042519930215302"))
    browser.find_element(By.ID, "f-mobile").send_keys("13903551234")
    Select(browser.find_element(By.ID, "f-unitID")).select_by_index(1)
    name = "e2e%04d" % random.randint(0, 9999)
    browser.find_element(By.ID, "f-username").send_keys(name)
    browser.find_element(By.ID, "f-password").send_keys("Gc7#Lm2pQx")
    browser.find_element(By.ID, "f-confirm").send_keys("Gc7#Lm2pQx")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
    assert "身份证号码校验位不正确" in browser.find_element(By.ID, "f-idNumber-error").text
    assert browser.find_element(By.ID, "f-realName").get_attribute("value") == "测试用户"
    assert browser.find_element(By.ID, "f-username").get_attribute("value") == name
    assert browser.find_element(By.ID, "f-password").get_attribute("value") == ""
    # Correct the check digit and register.
    field = browser.find_element(By.ID, "f-idNumber")
    field.clear()
    # A random birth date and sequence, so the test can run again on the same data.
    first17 = "140425%04d%02d%02d%03d" % (random.randint(1970, 2000), random.randint(1, 12),
                                          random.randint(1, 28), random.randint(0, 499) * 2)
    field.send_keys(valid_id(first17))
    browser.find_element(By.ID, "f-password").send_keys("Gc7#Lm2pQx")
    browser.find_element(By.ID, "f-confirm").send_keys("Gc7#Lm2pQx")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
    assert "注册成功" in browser.page_source
    assert browser.find_element(By.TAG_NAME, "h1").text == "申报人工作台"


def test_five_wrong_passwords_lock_the_account(browser):
    for _ in range(5):
        login(browser, "expert7", "Wrong#Pass123")
    assert "账号已锁定" in browser.page_source
    login(browser, "expert7", PASSWORD)
    assert "账号已锁定" in browser.page_source
    assert browser.find_element(By.ID, "f-username").get_attribute("value") == "expert7"


def broken_id(first17):
    good = valid_id(first17)
    return good[:-1] + ("1" if good[-1] != "1" else "2")



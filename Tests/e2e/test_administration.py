"""Administration as the people who do it: the administrator registers an
employer and opens an account with a temporary password, the new user must
set their own password; a competent department opens a clerk account for
its unit; the audit log shows it all and its chain verifies."""
import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import login, logout, submit, url


def credit_code(first17):
    """Completes a 统一社会信用代码 with its GB 32100 check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(first17, weights))
    return first17 + alphabet[(31 - total % 31) % 31]


def choose(browser, field_id, text_start):
    select = Select(browser.find_element(By.ID, field_id))
    select.select_by_visible_text(next(o.text for o in select.options if o.text.startswith(text_start)))


def save(browser):
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))


def test_admin_registers_an_employer_and_opens_an_account(browser):
    n = random.randint(1000, 9999)
    unit = "武乡县示例精密铸造有限公司%d" % n
    login(browser, "admin")
    browser.get(url("/admin/organizations/new"))
    browser.find_element(By.ID, "f-name").send_keys(unit)
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("unit")
    choose(browser, "f-division", "武乡县")
    Select(browser.find_element(By.ID, "f-unitKind")).select_by_value("enterprise")
    # A wrong check character is refused with the reason; the typed name stays.
    good = credit_code("91140429MA0%06d" % random.randint(0, 999999))
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    browser.find_element(By.ID, "f-creditCode").send_keys(wrong)
    save(browser)
    assert "统一社会信用代码校验位不正确" in browser.page_source
    assert browser.find_element(By.ID, "f-name").get_attribute("value") == unit
    field = browser.find_element(By.ID, "f-creditCode")
    field.clear()
    field.send_keys(good)
    save(browser)
    assert unit in browser.page_source

    username = "expert%d" % n
    browser.get(url("/admin/accounts/new"))
    browser.find_element(By.ID, "f-realName").send_keys("测试专家")
    browser.find_element(By.ID, "f-username").send_keys(username)
    Select(browser.find_element(By.ID, "f-role")).select_by_value("expert")
    choose(browser, "f-organizationID", unit)
    save(browser)
    temporary = browser.find_element(By.CSS_SELECTOR, ".temp-password").text
    assert len(temporary) >= 8
    logout(browser)

    login(browser, username, temporary)
    assert browser.current_url.endswith("/account/password")
    browser.find_element(By.ID, "f-current").send_keys(temporary)
    browser.find_element(By.ID, "f-password").send_keys("Kz8#mWq2Lp")
    browser.find_element(By.ID, "f-confirm").send_keys("Kz8#mWq2Lp")
    save(browser)
    assert "密码已修改" in browser.page_source
    assert browser.find_element(By.TAG_NAME, "h1").text == "评审专家工作台"
    logout(browser)

    login(browser, "admin")
    browser.get(url("/admin/audit?verify=1"))
    log = browser.find_element(By.TAG_NAME, "main").text
    assert "account.create" in log and "org.create" in log
    assert browser.find_elements(By.CSS_SELECTOR, ".verify-box.ok")


def test_department_opens_a_clerk_account_for_its_unit(browser):
    login(browser, "dept1")
    browser.get(url("/department/clerks/new"))
    choose(browser, "f-unitID", "长治市示例水利勘测设计院")
    browser.find_element(By.ID, "f-realName").send_keys("王经办")
    browser.find_element(By.ID, "f-mobile").send_keys("13903558%03d" % random.randint(0, 999))
    browser.find_element(By.ID, "f-username").send_keys("clerk%04d" % random.randint(0, 9999))
    save(browser)
    assert "王经办" in browser.page_source
    # Units of other departments are not offered at all.
    browser.get(url("/department/clerks/new"))
    options = [o.text for o in Select(browser.find_element(By.ID, "f-unitID")).options]
    assert not any("重工机械" in o for o in options)

"""An applicant fills a complete engineer declaration in the browser (two
papers and an achievement), uploads the dossier files, watches the
self-check turn green, signs the commitment and submits to the employer."""
import base64
import os
import tempfile

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import register_applicant, submit, url

PDF = b"""%PDF-1.4
1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj
trailer <</Root 1 0 R>>
%%EOF
"""
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def files():
    folder = tempfile.mkdtemp()
    paths = {}
    for name, data in (("scan.pdf", PDF), ("photo.png", PNG), ("fake.pdf", PNG)):
        paths[name] = os.path.join(folder, name)
        with open(paths[name], "wb") as f:
            f.write(data)
    return paths


def fill(browser, values):
    """Types, selects, ticks or (for dates) sets each field by its name."""
    for name, value in values.items():
        field = browser.find_element(By.ID, "f-" + name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        elif field.get_attribute("type") == "checkbox":
            if field.is_selected() != (value == "1"):
                field.click()
        elif field.get_attribute("type") == "date":
            browser.execute_script("arguments[0].value = arguments[1]", field, value)
        else:
            field.clear()
            field.send_keys(value)


def save(browser, css="form.stacked button[type=submit]"):
    submit(browser, browser.find_element(By.CSS_SELECTOR, css))
    assert "请修改以下问题" not in browser.page_source, browser.find_element(By.TAG_NAME, "main").text[:500]


def add_item(browser, overview, section, values):
    browser.get(url(overview + "/sections/" + section))
    fill(browser, values)
    save(browser, "#item-form button[type=submit]")


def upload(browser, overview, slot, label, path, item=None):
    browser.get(url(overview + "/files"))
    form = browser.find_element(By.ID, "slot-" + slot)
    if item:
        Select(form.find_element(By.ID, "up-%s-item" % slot)).select_by_visible_text(item)
    label_field = form.find_element(By.ID, "up-%s-label" % slot)
    label_field.clear()
    label_field.send_keys(label)
    form.find_element(By.ID, "up-%s-file" % slot).send_keys(path)
    submit(browser, form.find_element(By.CSS_SELECTOR, "form.upload-form button[type=submit]"))


def test_engineer_declaration_from_start_to_submission(browser, files):
    register_applicant(browser)
    browser.get(url("/applications"))
    fill(browser, {"targetLevel": "engineer", "track": "regular", "specialty": "机械工程"})
    save(browser)
    assert browser.current_url.endswith("/basics")
    overview = browser.current_url[len(url("")):-len("/basics")]

    fill(browser, {"ethnicity": "汉族", "political": "masses", "workStart": "2012-07-01", "post": "机械设计",
                   "email": "liuyang@example.cn"})
    save(browser)
    assert "已保存" in browser.page_source

    add_item(browser, overview, "education", {
        "level": "bachelor", "school": "太原理工大学", "major": "机械设计制造及其自动化", "discipline": "engineering",
        "sameAsSpecialty": "1", "graduated": "2012-07-01"})
    add_item(browser, overview, "titles", {
        "series": "engineering", "name": "助理工程师", "tier": "assistant", "qualified": "2016-09-01"})
    for title, date in (("齿轮箱振动分析", "2019-05-01"), ("减速器润滑改进", "2021-03-01")):
        add_item(browser, overview, "papers", {
            "title": title, "journal": "机械工程师", "issn": "CN 23-1196/TH", "published": date, "authorship": "sole",
            "characters": "4200", "database": "cnki", "publicJournal": "1", "relevant": "1"})
    add_item(browser, overview, "achievements", {
        "name": "带式输送机节能改造", "kind": "project", "level": "city", "rank": "2", "accepted": "1", "date": "2020-11-01"})
    for year in range(2016, 2023):
        add_item(browser, overview, "assessments", {"year": str(year), "result": "competent"})
    browser.get(url(overview + "/report"))
    fill(browser, {"workReport": "本人自2012年参加工作以来从事机械设计与设备改造工作。" * 12})
    save(browser)

    # A file that is not what its name says is refused with a message.
    upload(browser, overview, "category3", "毕业证书", files["fake.pdf"])
    assert "文件扩展名为.pdf，但内容不是PDF文件" in browser.page_source
    upload(browser, overview, "category3", "毕业证书", files["scan.pdf"])
    assert "文件已上传" in browser.page_source
    upload(browser, overview, "category4", "助理工程师证书", files["scan.pdf"])
    upload(browser, overview, "photo", "2寸照片", files["photo.png"])
    # 七.1: the 送审论文 is linked to its paper entry.
    upload(browser, overview, "submittedPaper", "送审论文", files["scan.pdf"], item="学术论文：《齿轮箱振动分析》")
    for paper in ("齿轮箱振动分析", "减速器润滑改进"):
        upload(browser, overview, "category6", "论文（封面、目录、正文）", files["scan.pdf"], item="学术论文：《%s》" % paper)
        # 三（一）4: the stamped 知网/万方/维普 search-result page of each paper.
        upload(browser, overview, "paperSearchPage", "知网检索验证网页", files["scan.pdf"], item="学术论文：《%s》" % paper)
    upload(browser, overview, "category7", "验收证书", files["scan.pdf"], item="业绩成果：《带式输送机节能改造》")
    listing = browser.find_element(By.ID, "slot-category3").text
    assert "毕业证书" in listing and "scan.pdf" in listing
    # 九: the defense will be about one chosen paper.
    browser.get(url(overview + "/defense"))
    Select(browser.find_element(By.ID, "f-itemID")).select_by_visible_text("学术论文：《齿轮箱振动分析》（送审论文）")
    save(browser)

    browser.get(url(overview))
    assert browser.find_element(By.CSS_SELECTOR, "#self-check .verdict").text == "符合申报工程师的条件"
    assert "必备内容已齐全" in browser.find_element(By.ID, "checklist").text

    browser.get(url(overview + "/commitment"))
    browser.find_element(By.ID, "f-agree").click()
    save(browser)
    assert "您已于" in browser.page_source
    submit(browser, browser.find_element(By.XPATH, "//button[text()='提交单位']"))
    assert "提交单位，等待单位受理" in browser.page_source
    assert "已提交单位，待单位受理" in browser.find_element(By.CSS_SELECTOR, ".page-head .tag").text
    # Locked now: no add form on a section page.
    browser.get(url(overview + "/sections/papers"))
    assert not browser.find_elements(By.ID, "item-form")

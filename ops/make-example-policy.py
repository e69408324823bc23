#!/usr/bin/env python3
"""Writes the shipped example of a next year, changzhi-2023-example.json, from the 2022 bundle:
every date moved one year (the bundle's dates, the dates in the interpretations and the
declaration note, the test bases' and test cases' dates and assessment years), nothing else.
Clause texts and parameters stay the 2022 notice's own, so `title-review policy diff
changzhi-2022 changzhi-2023-example` reports only dates. Run it again whenever the 2022
bundle changes (PolicyDiffTests fails until then):

    python3 ops/make-example-policy.py Sources/Domain/Resources/policies/changzhi-2022.json \
        Sources/Domain/Resources/policies/changzhi-2023-example.json
"""
import re, sys
src = open(sys.argv[1], encoding='utf-8').read().split('\n')
def shift_date(m):
    y, rest = int(m.group(1)), m.group(2)
    return f"{y+1}{rest}"
iso = re.compile(r'(?<![0-9])(\d{4})(-\d{2}-\d{2})(?![0-9])')
cn = re.compile(r'(?<![0-9])(\d{4})(年)')
yr = re.compile(r'("year": )(\d{4})')
out = []
pending = None
BOUNDARY_FIXES = [
    ("专业技术工作两段累计多1天满15年", '"from": "2003-12-30"', '"from": "2003-12-31"'),
    ("专业技术工作两段累计恰满15年", '"from": "2003-12-31"', '"from": "2004-01-01"'),
    ("其中5年非专业技术工作，专业技术工作差1天满15年", '"from": "2004-01-01"', '"from": "2004-01-02"'),
]
section = 'head'
for i, line in enumerate(src):
    s = line.strip()
    if s.startswith('"clauses": [') and section == 'head': section = 'clauses'
    elif s.startswith('"parameters": {') and section == 'clauses': section = 'parameters'
    elif s.startswith('"rules": {') and section == 'parameters': section = 'rules'
    elif s.startswith('"interpretations": ['): section = 'interpretations'
    elif s.startswith('"routeSteps": {'): section = 'routes'
    elif s.startswith('"testBases": {'): section = 'tests'
    if section == 'head':
        if s.startswith('"id":'):
            line = line.replace('"changzhi-2022"', '"changzhi-2023-example"')
            out.append(line)
            out.append('  "example": true,')
            out.append('  "exampleNote": "示例，不是真实的2023年度政策：本文件由2022年度政策（changzhi-2022）只把日期整体顺延一年生成（申报、收审、状态基准日、计算截止日和自带测试用例中的日期），评审条件、参数、条款原文和申报路线一律未改。条款原文和参数说明仍是2022年度通知的原话（其中提到的年份未改），因为示例不编造2023年度通知的文字；真实的新年度政策须按新年度通知逐条核对条款原文和参数。它随程序附带，但不会因此成为当前年度：系统当前使用的仍是2022年度政策（changzhi-2022）。",')
            continue
        if s.startswith('"title":'):
            line = line.replace('2022年度', '2023年度').replace('评审",', '评审（示例）",')
        elif s.startswith('"documentNumber":'):
            line = re.sub(r'"documentNumber": "[^"]*"', '"documentNumber": "示例（无文号）"', line)
        elif s.startswith('"issuers"'):
            pass
        else:
            line = iso.sub(shift_date, line)
            line = cn.sub(shift_date, line)
    elif section in ('interpretations', 'tests'):
        line = iso.sub(shift_date, line)
        line = cn.sub(shift_date, line)
        line = yr.sub(lambda m: m.group(1) + str(int(m.group(2)) + 1), line)
    if section == 'tests':
        # Sums of several work periods are counted in days, so a one-day boundary moves
        # with the leap days between: the 15-year span back from 2023-12-31 holds one leap
        # day fewer than the one back from 2022-12-31. These cases keep their boundary
        # (exactly, one day short, one day over) by starting one day later.
        if pending:
            assert pending[0] in line, pending
            line = line.replace(pending[0], pending[1], 1)
            pending = None
        for name, old, new in BOUNDARY_FIXES:
            if '"name": "' in line and name in line:
                pending = (old, new)
    out.append(line)
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out))

"""The truth: what a department really took in and spent, year by year, in exact yuan.

Everything the documents print is derived from these figures (see `figures.py`), so a
defect-free document satisfies every accounting identity to the fen. The history of one
department is generated year after year because years hang together: a budget comes
first, the final accounts execute it (mostly 85–100 % per subject), a project balance
left at the end of one year is the opening balance of the next, subjects start, end, or
appear for one year only to spend what was carried over.

Amount steps: Shanghai departments print final accounts in 万元, so every amount they
have is a whole multiple of 100 yuan; Yunnan departments budget in whole yuan and their
final accounts run to the fen.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from synth.codes import economic_is_pre_2018, economic_lines, housing_fund_code
from synth.departments import PERSONNEL_SUBJECTS, Department, SubjectRole
from synth.money import FEN, HUNDRED_YUAN, WAN, YUAN, ZERO, draw, quantize_to, scale_bp, split

NONFISCAL_SOURCES = ("superior_subsidy", "business", "business_tuition", "operating", "affiliated_remit", "other")
# 其中：教育收费 is part of 事业收入, not a source of its own
ADDITIVE_NONFISCAL_SOURCES = ("superior_subsidy", "business", "operating", "affiliated_remit", "other")


@dataclass
class SubjectBudget:
    """One function subject (项) in a department's budget."""

    basic: Decimal = ZERO  # general-budget fiscal appropriation, 基本支出
    project: Decimal = ZERO  # general-budget fiscal appropriation, 项目支出
    nonfiscal_income: dict[str, Decimal] = field(default_factory=dict)
    nonfiscal_basic: Decimal = ZERO
    nonfiscal_project: Decimal = ZERO
    operating_expenditure: Decimal = ZERO  # 经营支出, paid from 经营收入

    @property
    def fiscal_total(self) -> Decimal:
        return self.basic + self.project

    def nonfiscal_income_total(self) -> Decimal:
        return sum((self.nonfiscal_income.get(s, ZERO) for s in ADDITIVE_NONFISCAL_SOURCES), ZERO)


@dataclass
class SubjectFinal:
    """One function subject (项) in a department's final accounts."""

    opening_basic: Decimal = ZERO
    opening_project: Decimal = ZERO
    income_basic: Decimal = ZERO
    income_project: Decimal = ZERO
    expenditure_basic: Decimal = ZERO
    expenditure_project: Decimal = ZERO
    nonfiscal_income: dict[str, Decimal] = field(default_factory=dict)
    nonfiscal_basic: Decimal = ZERO
    nonfiscal_project: Decimal = ZERO
    operating_expenditure: Decimal = ZERO

    @property
    def closing_basic(self) -> Decimal:
        return self.opening_basic + self.income_basic - self.expenditure_basic

    @property
    def closing_project(self) -> Decimal:
        return self.opening_project + self.income_project - self.expenditure_project

    def nonfiscal_income_total(self) -> Decimal:
        return sum((self.nonfiscal_income.get(s, ZERO) for s in ADDITIVE_NONFISCAL_SOURCES), ZERO)

    def nonfiscal_expenditure_total(self) -> Decimal:
        return self.nonfiscal_basic + self.nonfiscal_project + self.operating_expenditure


@dataclass
class ThreePublicCosts:
    """“三公”经费 and 机关运行经费, yuan."""

    abroad: Decimal = ZERO  # 因公出国（境）费
    vehicle_purchase: Decimal = ZERO  # 公务用车购置费
    vehicle_operation: Decimal = ZERO  # 公务用车运行维护费
    reception: Decimal = ZERO  # 公务接待费
    office_operation: Decimal = ZERO  # 机关运行经费 (= the 06 公用经费合计)

    @property
    def vehicles(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        return self.abroad + self.vehicles + self.reception


@dataclass
class ThreePublicCounts:
    abroad_groups: int = 0
    abroad_people: int = 0
    vehicles_bought: int = 0
    vehicles_held: int = 0
    reception_batches: int = 0
    reception_people: int = 0


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    operator: str
    target: str
    unit: str
    actual: str
    weight: int
    score: int
    note: str = ""


@dataclass
class ProjectPerformance:
    """One 公开12表: a project's money (yuan, printed in 万元) and its self-evaluation.

    执行率 and 得分 are exact by construction: the full-year budget b and the rate r (in
    basis points, a multiple of 10) are drawn so that b × r / 10000 is a whole number of
    hundred-yuan steps (0.01 万元) and 分值 × r / 10000 has at most two decimals."""

    name: str
    subject_code: str
    budget_initial: Decimal
    budget_full_year: Decimal
    rate_bp: int
    weight: Decimal
    goal: str
    outcome: str
    indicators: list[Indicator]

    @property
    def executed(self) -> Decimal:
        return (self.budget_full_year * self.rate_bp / Decimal(10000)).quantize(FEN)

    @property
    def execution_rate(self) -> Decimal:
        """Percent, two decimals: 99.69."""
        return (Decimal(self.rate_bp) / 100).quantize(FEN)

    @property
    def score(self) -> Decimal:
        return (self.weight * self.rate_bp / Decimal(10000)).quantize(FEN)


@dataclass
class BudgetStatement:
    subjects: dict[str, SubjectBudget]
    economic: dict[str, Decimal]  # 5-digit economic code -> general-budget basic spending
    three_public: ThreePublicCosts


@dataclass
class FinalStatement:
    subjects: dict[str, SubjectFinal]
    nonfiscal_opening: Decimal
    # 结余分配: zero, or 0.01 yuan that leaves the non-fiscal flow (01 − 04) off by a fen
    surplus_distribution: Decimal
    economic: dict[str, Decimal]
    three_public: ThreePublicCosts
    counts: ThreePublicCounts
    projects: list[ProjectPerformance]

    @property
    def nonfiscal_closing(self) -> Decimal:
        income = sum((s.nonfiscal_income_total() for s in self.subjects.values()), ZERO)
        spent = sum((s.nonfiscal_expenditure_total() for s in self.subjects.values()), ZERO)
        return self.nonfiscal_opening + income - spent - self.surplus_distribution


@dataclass
class DepartmentYear:
    department: Department
    year: int
    budget: BudgetStatement
    final: FinalStatement


# -- generation ------------------------------------------------------------------------


@dataclass
class _Steps:
    budget: Decimal
    final: Decimal


def _steps(department: Department) -> _Steps:
    if department.layout == "shanghai":
        return _Steps(budget=HUNDRED_YUAN, final=HUNDRED_YUAN)
    return _Steps(budget=YUAN, final=FEN)


@dataclass
class _SubjectPlan:
    role: SubjectRole
    first_year: int
    last_year: int
    project_level: Decimal  # this year's project budget before noise


def _plan_subjects(department: Department, years: list[int], rng: random.Random, size: Decimal) -> list[_SubjectPlan]:
    plans: list[_SubjectPlan] = []
    project_roles = [r for r in department.profile.subjects if r.role in ("project", "both")]
    project_weight = sum(r.weight for r in project_roles) or 1
    for role in department.profile.subjects:
        first, last = years[0], years[-1]
        is_primary = role is (project_roles[0] if project_roles else None) or role.role == "basic"
        if not is_primary and role.role == "project" and len(years) > 2:
            pattern = rng.randint(0, 99)
            if pattern < 20:  # starts later
                first = years[rng.randint(1, len(years) - 1)]
            elif pattern < 40:  # ends early
                last = years[rng.randint(0, len(years) - 2)]
            elif pattern < 48:  # one year only
                first = last = years[rng.randint(0, len(years) - 1)]
        level = ZERO
        if role.role in ("project", "both"):
            level = quantize_to(size * role.weight / project_weight * rng.randint(40, 160) / 100, YUAN)
        plans.append(_SubjectPlan(role, first, last, level))
    return plans


def generate_history(department: Department, years: list[int], seed: int) -> list[DepartmentYear]:
    """The department's budget and final accounts for each year, consistent across years."""
    rng = random.Random(f"truth:{seed}:{department.id}")
    steps = _steps(department)
    salary = Decimal(rng.randint(1_500, 30_000)) * 1000  # the yearly salary mass, yuan
    project_size = salary * rng.randint(30, 250) / 100
    plans = _plan_subjects(department, years, rng, project_size)
    personnel = list(PERSONNEL_SUBJECTS) + list(department.optional_personnel)
    previous: FinalStatement | None = None
    history: list[DepartmentYear] = []
    project_names: list[str] = []
    for year in years:
        if history:
            salary = salary * rng.randint(9700, 10900) / 10000
            for plan in plans:
                plan.project_level = plan.project_level * rng.randint(7500, 13000) / 10000
        budget = _budget(department, year, plans, personnel, salary, steps, rng)
        final, project_names = _final(department, year, budget, previous, steps, rng, project_names)
        history.append(DepartmentYear(department=department, year=year, budget=budget, final=final))
        previous = final
    return history


def _budget(
    department: Department,
    year: int,
    plans: list[_SubjectPlan],
    personnel: list[SubjectRole],
    salary: Decimal,
    steps: _Steps,
    rng: random.Random,
) -> BudgetStatement:
    step = steps.budget
    subjects: dict[str, SubjectBudget] = {}
    # the running costs of the department (salaries and 公用经费) sit on its basic subjects
    running = salary * rng.randint(115, 140) / 100
    basic_roles = [p.role for p in plans if p.role.role in ("basic", "both")]
    basic_shares = split(quantize_to(running, step), [r.weight for r in basic_roles], step)
    for role, amount in zip(basic_roles, basic_shares, strict=True):
        subjects.setdefault(role.code, SubjectBudget()).basic += amount
    for plan in plans:
        if plan.role.role in ("project", "both") and plan.first_year <= year <= plan.last_year:
            amount = quantize_to(plan.project_level * rng.randint(9000, 11000) / 10000, step)
            if amount > 0:
                subjects.setdefault(plan.role.code, SubjectBudget()).project += amount
    for role in personnel:
        amount = quantize_to(salary * role.weight / 1000 * rng.randint(9500, 10500) / 10000, step)
        subjects.setdefault(role.code, SubjectBudget()).basic += amount

    primary_project = next(p.role.code for p in plans if p.role.role in ("project", "both"))
    primary_basic = next(p.role.code for p in plans if p.role.role in ("basic", "both"))
    profile = department.profile
    if profile.business_income:
        business = quantize_to(running * rng.randint(5, 15) / 100, step)
        tuition = quantize_to(business * rng.randint(30, 70) / 100, step)
        target = subjects[primary_basic]
        target.nonfiscal_income["business"] = business
        target.nonfiscal_income["business_tuition"] = tuition
        target.nonfiscal_basic += quantize_to(business * 6 / 10, step)
        target.nonfiscal_project += business - quantize_to(business * 6 / 10, step)
    # a stadium run as a business; Shanghai's 支出预算总表 has no 经营支出 column, so only in Yunnan
    if profile.key == "sport" and department.layout == "yunnan" and rng.randint(0, 99) < 70:
        operating = draw(rng, 50_000, 800_000, step)
        target = subjects[primary_basic]
        target.nonfiscal_income["operating"] = operating
        target.operating_expenditure += operating
    if rng.randint(0, 99) < 55:
        other = draw(rng, 1_000, 60_000, step)
        target = subjects[primary_project]
        target.nonfiscal_income["other"] = target.nonfiscal_income.get("other", ZERO) + other
        target.nonfiscal_project += other
    if department.layout == "yunnan" and rng.randint(0, 99) < 15:
        subsidy = draw(rng, 20_000, 300_000, step)
        target = subjects[primary_project]
        target.nonfiscal_income["superior_subsidy"] = subsidy
        target.nonfiscal_project += subsidy

    three_public = _three_public_budget(year, salary, rng)
    basic_by_subject = {code: s.basic for code, s in subjects.items() if s.basic}
    economic = economic_split(year, basic_by_subject, three_public, step, rng)
    three_public.office_operation = public_total(economic)
    return BudgetStatement(subjects=dict(sorted(subjects.items())), economic=economic, three_public=three_public)


def _three_public_budget(year: int, salary: Decimal, rng: random.Random) -> ThreePublicCosts:
    """三公 budgets in whole hundreds of yuan (they print in 万元 in some tables)."""
    step = HUNDRED_YUAN
    costs = ThreePublicCosts()
    costs.reception = draw(rng, 5_000, int(max(Decimal(20_000), salary / 80)), step)
    if rng.randint(0, 99) < 75:
        costs.vehicle_operation = draw(rng, 10_000, 150_000, step)
    pre_2018 = economic_is_pre_2018(year)
    if not pre_2018 and rng.randint(0, 99) < 15:
        costs.vehicle_purchase = draw(rng, 150_000, 300_000, step)
    if not pre_2018 and rng.randint(0, 99) < 20:
        costs.abroad = draw(rng, 30_000, 200_000, step)
    return costs


def public_total(economic: dict[str, Decimal]) -> Decimal:
    return sum((v for code, v in economic.items() if code[:3] not in ("301", "303")), ZERO)


def personnel_total(economic: dict[str, Decimal]) -> Decimal:
    return sum((v for code, v in economic.items() if code[:3] in ("301", "303")), ZERO)


# the function subjects whose basic spending is one economic line (why 30311/30113 = 2210201)
def _tied_lines(year: int) -> dict[str, str]:
    housing = housing_fund_code(year)
    if economic_is_pre_2018(year):
        return {
            "2210201": housing, "2080501": "30302", "2080502": "30302", "2080505": "30104", "2080506": "30104",
            "2080599": "30104", "2101101": "30104", "2101102": "30104", "2101103": "30104", "2210203": "30312",
            "2210202": "30312",
        }
    return {
        "2210201": housing, "2080501": "30302", "2080502": "30302", "2080505": "30108", "2080506": "30109",
        "2080599": "30112", "2101101": "30110", "2101102": "30110", "2101103": "30111", "2210203": "30199",
        "2210202": "30199",
    }


_PERSONNEL_WEIGHTS_FROM_2018 = [
    ("30101", 20, 100), ("30102", 25, 100), ("30103", 10, 60), ("30106", 2, 20), ("30107", 12, 90),
    ("30112", 1, 70), ("30114", 1, 20), ("30199", 4, 80), ("30305", 1, 30), ("30309", 1, 20),
]
_PERSONNEL_WEIGHTS_UNTIL_2017 = [
    ("30101", 20, 100), ("30102", 25, 100), ("30103", 10, 60), ("30107", 12, 90), ("30199", 4, 80),
    ("30305", 1, 30), ("30307", 1, 40), ("30309", 1, 20),
]
_PUBLIC_WEIGHTS = [
    ("30201", 20, 100), ("30202", 3, 70), ("30203", 2, 20), ("30205", 3, 80), ("30206", 5, 90), ("30207", 3, 90),
    ("30208", 2, 20), ("30209", 6, 70), ("30211", 8, 95), ("30213", 5, 80), ("30214", 3, 30), ("30215", 4, 80),
    ("30216", 5, 80), ("30218", 2, 30), ("30226", 5, 50), ("30227", 3, 40), ("30228", 6, 95), ("30229", 5, 90),
    ("30239", 15, 70), ("30240", 1, 15), ("30299", 6, 90), ("31002", 3, 50), ("31003", 2, 15), ("31007", 3, 25),
]


def economic_split(
    year: int,
    basic_by_subject: dict[str, Decimal],
    three_public: ThreePublicCosts,
    step: Decimal,
    rng: random.Random,
) -> dict[str, Decimal]:
    """Basic spending by economic line: personnel subjects map to their line (住房公积金 to
    30311 before 2018 and 30113 after), the three public costs to 30212/30217/30231/31013,
    the rest of the running costs are shared out; the lines add up to the basic total exactly."""
    available = {line.code for lines in economic_lines(year).values() for line in lines}
    lines: dict[str, Decimal] = {}

    def add(code: str, amount: Decimal) -> None:
        if amount:
            assert code in available, f"{code} is not an economic line in {year}"
            lines[code] = lines.get(code, ZERO) + amount

    tied = _tied_lines(year)
    running = ZERO
    for code, amount in basic_by_subject.items():
        if code in tied:
            add(tied[code], amount)
        else:
            running += amount
    fixed_public = three_public.reception + three_public.vehicle_operation + three_public.abroad
    fixed_public += three_public.vehicle_purchase
    public = quantize_to(running * rng.randint(1500, 3000) / 10000, step)
    public = min(max(public, fixed_public + 200 * step), running)
    personnel = running - public
    weights = _PERSONNEL_WEIGHTS_UNTIL_2017 if economic_is_pre_2018(year) else _PERSONNEL_WEIGHTS_FROM_2018
    chosen = [(code, w) for code, w, chance in weights if rng.randint(0, 99) < chance] or [("30101", 1)]
    for (code, _), amount in zip(chosen, split(personnel, [w for _, w in chosen], step), strict=True):
        add(code, amount)
    add("30217", three_public.reception)
    add("30231", three_public.vehicle_operation)
    add("30212", three_public.abroad)
    add("31013", three_public.vehicle_purchase)
    public_rest = public - fixed_public
    candidates = [(c, w) for c, w, chance in _PUBLIC_WEIGHTS if c in available and rng.randint(0, 99) < chance]
    candidates = candidates or [("30201", 1)]
    for (code, _), amount in zip(candidates, split(public_rest, [w for _, w in candidates], step), strict=True):
        add(code, amount)
    return dict(sorted(lines.items()))


def _final(
    department: Department,
    year: int,
    budget: BudgetStatement,
    previous: FinalStatement | None,
    steps: _Steps,
    rng: random.Random,
    last_projects: list[str],
) -> tuple[FinalStatement, list[str]]:
    step = steps.final
    subjects: dict[str, SubjectFinal] = {}
    carried = {} if previous is None else previous.subjects
    codes = sorted(set(budget.subjects) | {c for c, s in carried.items() if s.closing_basic or s.closing_project})
    for code in codes:
        planned = budget.subjects.get(code, SubjectBudget())
        before = carried.get(code)
        final = SubjectFinal()
        if before is not None:
            final.opening_basic, final.opening_project = before.closing_basic, before.closing_project
        elif previous is None and planned.project and rng.randint(0, 99) < 35:
            # the first year generated still inherits balances from the year before
            final.opening_project = quantize_to(planned.project * rng.randint(5, 30) / 100, step)
        # basic spending executes the budget; a basic balance is rare and small
        final.expenditure_basic = scale_bp(planned.basic, rng.randint(9000, 10000), step)
        closing_basic = ZERO
        if planned.basic and rng.randint(0, 99) < 8:
            closing_basic = quantize_to(planned.basic * rng.randint(1, 3) / 100, step)
        final.income_basic = max(ZERO, final.expenditure_basic + closing_basic - final.opening_basic)
        if final.opening_basic > final.expenditure_basic + closing_basic:
            final.expenditure_basic = final.opening_basic - closing_basic
        # project money: appropriations received, spent with what was carried in
        final.income_project = scale_bp(planned.project, rng.randint(9500, 10300), step)
        available = final.opening_project + final.income_project
        if not planned.project or rng.randint(0, 99) < 25:
            final.expenditure_project = available
        else:
            final.expenditure_project = scale_bp(available, rng.randint(8500, 9990), step)
        for source, amount in planned.nonfiscal_income.items():
            final.nonfiscal_income[source] = scale_bp(amount, rng.randint(9500, 10500), step)
        if "business_tuition" in final.nonfiscal_income:
            final.nonfiscal_income["business_tuition"] = min(
                final.nonfiscal_income["business_tuition"], final.nonfiscal_income["business"]
            )
        final.nonfiscal_basic = scale_bp(planned.nonfiscal_basic, rng.randint(8500, 10000), step)
        final.nonfiscal_project = scale_bp(planned.nonfiscal_project, rng.randint(8500, 10000), step)
        final.operating_expenditure = scale_bp(planned.operating_expenditure, rng.randint(9000, 10000), step)
        subjects[code] = final

    if previous is None:
        opening = draw(rng, 0, 200_000, step) if rng.randint(0, 99) < 60 else ZERO
    else:
        opening = previous.nonfiscal_closing
    gap = FEN if department.layout == "yunnan" and rng.randint(0, 99) < 20 else ZERO
    statement = FinalStatement(
        subjects=subjects, nonfiscal_opening=opening, surplus_distribution=gap, economic={},
        three_public=ThreePublicCosts(), counts=ThreePublicCounts(), projects=[],
    )
    _keep_nonfiscal_closing_positive(statement, step)

    statement.three_public = _three_public_actual(budget.three_public, step, rng)
    basic_by_subject = {code: s.expenditure_basic for code, s in subjects.items() if s.expenditure_basic}
    statement.economic = economic_split(year, basic_by_subject, statement.three_public, step, rng)
    statement.three_public.office_operation = public_total(statement.economic)
    statement.counts = _counts(statement.three_public, rng)
    statement.projects, names = _projects(department, year, budget, rng, last_projects)
    return statement, names


def _keep_nonfiscal_closing_positive(statement: FinalStatement, step: Decimal) -> None:
    shortfall = -statement.nonfiscal_closing
    if shortfall <= 0:
        return
    # spend less of the non-fiscal money rather than more than there is
    for subject in statement.subjects.values():
        cut = min(subject.nonfiscal_project, shortfall)
        subject.nonfiscal_project -= cut
        shortfall -= cut
        cut = min(subject.nonfiscal_basic, shortfall)
        subject.nonfiscal_basic -= cut
        shortfall -= cut
        if shortfall <= 0:
            return
    if statement.nonfiscal_closing < 0:  # only the 0.01 gap can leave it below zero now
        statement.surplus_distribution = ZERO


def _three_public_actual(budget: ThreePublicCosts, step: Decimal, rng: random.Random) -> ThreePublicCosts:
    actual = ThreePublicCosts()
    actual.reception = scale_bp(budget.reception, rng.randint(3000, 10000), step)
    actual.vehicle_operation = scale_bp(budget.vehicle_operation, rng.randint(6000, 10000), step)
    actual.vehicle_purchase = budget.vehicle_purchase if rng.randint(0, 99) < 80 else ZERO
    actual.abroad = scale_bp(budget.abroad, rng.randint(0, 10000), step) if rng.randint(0, 99) < 70 else ZERO
    return actual


def _counts(actual: ThreePublicCosts, rng: random.Random) -> ThreePublicCounts:
    counts = ThreePublicCounts()
    if actual.abroad:
        counts.abroad_groups = rng.randint(1, 3)
        counts.abroad_people = counts.abroad_groups * rng.randint(2, 5)
    if actual.vehicle_purchase:
        counts.vehicles_bought = 1
    if actual.vehicle_operation or actual.vehicle_purchase:
        counts.vehicles_held = rng.randint(1, 8)
    counts.reception_batches = rng.randint(8, 260)
    counts.reception_people = counts.reception_batches * rng.randint(3, 9)
    return counts


# -- 公开12表 projects ------------------------------------------------------------------

_GENERIC_PROJECTS = (
    "业务工作经费", "信息化系统运维经费", "办公楼维修改造经费", "档案整理数字化经费", "课题研究经费",
    "宣传资料印制经费", "专项审计经费", "安全生产工作经费", "政府购买服务经费", "业务培训经费",
)

_INDICATORS = (
    ("产出指标", "数量指标", "完成工作任务数量", ">=", "{n}", "项"),
    ("产出指标", "数量指标", "服务对象覆盖人数", ">=", "{n}", "人"),
    ("产出指标", "质量指标", "验收合格率", ">=", "95", "%"),
    ("产出指标", "时效指标", "按期完成率", "=", "100", "%"),
    ("产出指标", "成本指标", "成本控制率", "<=", "100", "%"),
    ("效益指标", "社会效益指标", "服务水平提升", "=", "明显提升", "%"),
    ("效益指标", "可持续影响指标", "长效机制建立", "=", "建立", "项"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "90", "%"),
)


def exact_rate(budget_units: int, target_bp: int) -> int:
    """The rate (basis points, a multiple of 10, at most 10000) nearest the target for which
    budget_units × rate / 10000 is whole: the executed amount is then exact to 0.01 万元."""
    best = 10000
    target_bp -= target_bp % 10
    for distance in range(0, 1501, 10):
        for candidate in (target_bp - distance, target_bp + distance):
            if 8000 <= candidate <= 10000 and (budget_units * candidate) % 10000 == 0:
                return candidate
    return best


def _projects(
    department: Department, year: int, budget: BudgetStatement, rng: random.Random, last: list[str]
) -> tuple[list[ProjectPerformance], list[str]]:
    own = re.sub(r"^[市区县]委?", "", department.short_name)
    pool = list(department.profile.project_names) + [own + g for g in _GENERIC_PROJECTS[:3]]
    pool += list(_GENERIC_PROJECTS[3:])
    count = rng.randint(2, min(10, len(pool)))
    kept = [name for name in last if name in pool and rng.randint(0, 99) < 70][:count]
    fresh = [name for name in pool if name not in kept]
    rng.shuffle(fresh)
    names = kept + fresh[: count - len(kept)]
    project_subjects = [code for code, s in budget.subjects.items() if s.project] or list(budget.subjects)
    project_budget = sum((s.project for s in budget.subjects.values()), ZERO)
    # the projects evaluated cover part of the project budget, in 0.01 万元 steps (hundreds of yuan)
    covered_units = max(int(project_budget * rng.randint(40, 90) / 100 / HUNDRED_YUAN), 200 * count)
    shares = split(Decimal(covered_units), [rng.randint(1, 10) for _ in names], YUAN)
    projects: list[ProjectPerformance] = []
    for name, share in zip(names, shares, strict=True):
        units = max(int(share), 100)
        granularity = rng.choice((10000, 10000, 1000, 100, 100, 100, 50, 1))
        if units >= granularity:
            units -= units % granularity
        full = Decimal(units) * HUNDRED_YUAN
        initial = full
        if rng.randint(0, 99) < 30:
            cut = Decimal(max(units // rng.randint(5, 20), 1)) * HUNDRED_YUAN
            initial = max(full - cut, HUNDRED_YUAN)
        target = 10000 if rng.randint(0, 99) < 30 else rng.randint(8200, 9990)
        rate = exact_rate(units, target)
        weight = Decimal("10.00") if rng.randint(0, 99) < 80 else Decimal("20.00")
        indicators = _indicators(rng, 100 - int(weight))
        full_wan = f"{full / WAN:.2f}"
        projects.append(
            ProjectPerformance(
                name=name,
                subject_code=rng.choice(project_subjects),
                budget_initial=initial,
                budget_full_year=full,
                rate_bp=rate,
                weight=weight,
                goal=f"按照年度工作计划组织实施{name}，全年安排资金{full_wan}万元，保障各项工作任务按期完成，资金使用合规有效。",
                outcome=f"{year}年{name}按计划实施，各项绩效指标基本完成，资金支付进度符合要求。",
                indicators=indicators,
            )
        )
    return projects, names


def _indicators(rng: random.Random, total_weight: int) -> list[Indicator]:
    count = rng.randint(4, 8)
    chosen = sorted(rng.sample(range(len(_INDICATORS)), count))
    weights = [total_weight // count] * count
    weights[0] += total_weight - sum(weights)
    out: list[Indicator] = []
    for index, weight in zip(chosen, weights, strict=True):
        level1, level2, name, operator, target, unit = _INDICATORS[index]
        target = target.format(n=rng.randint(2, 500))
        missed = rng.randint(0, 99) < 12
        score = weight - (rng.randint(1, max(1, weight // 4)) if missed else 0)
        out.append(
            Indicator(level1, level2, name, operator, target, unit, "未完成" if missed else "完成", weight, score,
                      "受客观因素影响，部分工作顺延至下一年度。" if missed else "")
        )
    return out

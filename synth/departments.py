"""The departments of the made-up region: names, the names they are also printed under,
and the function subjects each one spends on.

The region defaults to 示例市, a city that does not exist, so no generated figure can be
mistaken for a real department's. Party departments are named 中国共产党示例市委员会X and
also printed as 中共示例市委X; that pair, extra spaces and the width of parentheses are
the name variants a normaliser is expected to undo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# -- profiles: what a department spends on ------------------------------------------


@dataclass(frozen=True)
class SubjectRole:
    code: str  # a 7-digit 项 from synth.codes
    role: str  # basic | project | both
    weight: int = 10  # relative size among the department's subjects of the same role


@dataclass(frozen=True)
class Profile:
    key: str
    subjects: tuple[SubjectRole, ...]
    # Non-fiscal income the department takes: 事业收入 (with 教育收费) for schools' bureaus,
    # 经营收入 for a unit running a service, small 其他收入 for almost everybody.
    business_income: bool = False
    operating_income: bool = False
    project_names: tuple[str, ...] = ()


def _s(code: str, role: str, weight: int = 10) -> SubjectRole:
    return SubjectRole(code, role, weight)


PROFILES: dict[str, Profile] = {
    profile.key: profile
    for profile in [
        Profile("education", (_s("2059999", "both", 30), _s("2050205", "project", 10)), business_income=True,
                project_names=("学前教育发展专项资金", "义务教育薄弱环节改善专项资金", "教师培训专项经费",
                               "学生资助补助经费", "校园安全管理经费", "职业教育质量提升经费")),
        Profile("finance", (_s("2010601", "basic"), _s("2010602", "project", 4), _s("2010607", "project", 6),
                            _s("2010608", "project", 8)),
                project_names=("预算管理一体化系统运维经费", "财政投资评审经费", "政府采购监督管理经费",
                               "国有资产管理工作经费", "财政绩效评价委托业务经费", "会计管理工作经费")),
        Profile("health", (_s("2100717", "both", 20),),
                project_names=("计划生育家庭奖励扶助资金", "基本公共卫生服务项目经费", "卫生健康监督执法经费",
                               "爱国卫生运动专项经费", "妇幼健康服务经费")),
        Profile("organisation", (_s("2013201", "basic"), _s("2013202", "project", 20), _s("2013299", "project", 3)),
                project_names=("干部教育培训经费", "人才发展专项资金", "基层党建工作经费", "党员教育管理经费",
                               "干部档案数字化经费", "选调生培养工作经费")),
        Profile("publicity", (_s("2013302", "both", 20),),
                project_names=("新闻宣传工作经费", "精神文明建设专项经费", "理论宣讲活动经费", "网络安全和信息化工作经费")),
        Profile("united_front", (_s("2013402", "both", 20),),
                project_names=("统一战线工作经费", "民族宗教工作经费", "党外代表人士培训经费")),
        Profile("party_office", (_s("2013101", "basic"), _s("2013102", "project", 10)),
                project_names=("机要保密工作经费", "督查督办工作经费", "档案管理工作经费", "重要会议保障经费")),
        Profile("social_work", (_s("2013901", "basic"), _s("2013950", "basic", 4), _s("2013999", "project", 10)),
                project_names=("社会组织党建工作经费", "志愿服务工作经费", "社区工作者培训经费")),
        Profile("congress", (_s("2010101", "basic"), _s("2010102", "project", 6), _s("2010104", "project", 5),
                             _s("2010105", "project", 3), _s("2010106", "project", 3), _s("2010108", "project", 3),
                             _s("2010199", "project", 2)),
                project_names=("人大代表履职服务经费", "人民代表大会会议经费", "地方立法工作经费", "执法检查工作经费")),
        Profile("cppcc", (_s("2010201", "basic"), _s("2010202", "project", 6), _s("2010204", "project", 5),
                          _s("2010205", "project", 3), _s("2010299", "project", 2)),
                project_names=("政协全体会议经费", "委员视察调研经费", "文史资料编纂经费")),
        Profile("government_office", (_s("2010301", "basic"), _s("2010302", "project", 8), _s("2010350", "basic", 3),
                                      _s("2010399", "project", 4)),
                project_names=("政务服务热线运行经费", "政府信息公开工作经费", "应急值守保障经费", "政务督查工作经费")),
        Profile("statistics", (_s("2010507", "both", 20),),
                project_names=("经济普查工作经费", "人口抽样调查经费", "统计执法检查经费")),
        Profile("commerce", (_s("2011301", "basic"), _s("2011302", "project", 5), _s("2011350", "basic", 3),
                             _s("2011399", "project", 4), _s("2169999", "project", 8)),
                project_names=("招商引资工作经费", "电子商务发展专项资金", "外贸稳增长专项资金", "消费促进活动经费")),
        Profile("market_regulation", (_s("2013802", "both", 20),),
                project_names=("食品安全抽检经费", "特种设备安全监察经费", "知识产权保护专项经费")),
        Profile("justice", (_s("2040601", "basic"), _s("2040604", "project", 5), _s("2040605", "project", 3),
                            _s("2040607", "project", 6), _s("2040613", "project", 3), _s("2040699", "project", 2)),
                project_names=("法律援助专项经费", "人民调解工作经费", "普法宣传教育经费", "社区矫正工作经费")),
        Profile("procuratorate", (_s("2040401", "basic"), _s("2040402", "project", 8), _s("2040499", "project", 3)),
                project_names=("检察业务办案经费", "检察信息化建设经费", "公益诉讼工作经费")),
        Profile("court", (_s("2040501", "basic"), _s("2040502", "project", 5), _s("2040503", "basic", 2),
                          _s("2040504", "project", 6), _s("2040505", "project", 4), _s("2040599", "project", 2)),
                project_names=("审判业务办案经费", "执行攻坚专项经费", "智慧法院建设经费", "人民陪审员经费")),
        Profile("environment", (_s("2110101", "basic"), _s("2110104", "project", 2), _s("2110105", "project", 2),
                                _s("2110199", "project", 3), _s("2110301", "project", 6), _s("2110302", "project", 6),
                                _s("2111101", "project", 5), _s("2111102", "project", 3)),
                project_names=("大气污染防治专项资金", "水污染防治专项资金", "生态环境监测运维经费", "环境执法监察经费")),
        Profile("urban_management", (_s("2120101", "basic"), _s("2120102", "project", 5), _s("2120104", "both", 6),
                                     _s("2120199", "project", 4), _s("2120501", "project", 8)),
                project_names=("城市环境卫生保洁经费", "城管执法装备购置经费", "市容景观整治经费", "数字城管运行经费")),
        Profile("natural_resources", (_s("2200150", "basic"), _s("2200199", "project", 6), _s("2120201", "project", 6)),
                project_names=("国土空间规划编制经费", "不动产登记工作经费", "耕地保护专项经费")),
        Profile("science", (_s("2060503", "project", 10), _s("2060702", "both", 10)),
                project_names=("科技创新券专项资金", "科普活动经费", "科技计划项目管理经费")),
        Profile("sport", (_s("2070308", "both", 20),),
                project_names=("全民健身活动经费", "体育赛事组织经费", "公共体育设施维护经费")),
        Profile("red_cross", (_s("2081602", "both", 20),),
                project_names=("应急救护培训经费", "人道救助专项经费", "造血干细胞捐献工作经费")),
        Profile("civil_affairs", (_s("2082501", "project", 8), _s("2080801", "project", 4), _s("2089999", "both", 10)),
                project_names=("城市困难群众救助资金", "殡葬服务补助经费", "养老服务体系建设经费")),
        Profile("human_resources", (_s("2080705", "project", 8), _s("2089999", "both", 10)),
                project_names=("公益性岗位补贴资金", "就业创业服务经费", "职业技能培训补贴经费")),
        Profile("housing", (_s("2120102", "both", 10), _s("2210399", "project", 8), _s("2120399", "project", 6)),
                project_names=("老旧小区改造专项资金", "保障性住房管理经费", "建筑市场监管经费")),
        Profile("industry", (_s("2150899", "both", 20),),
                project_names=("中小企业发展专项资金", "工业转型升级专项资金", "企业服务平台运行经费")),
        Profile("mass_organisation", (_s("2012902", "both", 20),),
                project_names=("群团活动经费", "帮扶救助工作经费", "青少年服务经费")),
        Profile("public_security_other", (_s("2049999", "both", 20),),
                project_names=("信访接待工作经费", "矛盾纠纷排查化解经费", "网格化管理工作经费")),
    ]
}

# Every department pays its staff's pensions, medical insurance and housing fund under
# these subjects (basic spending); `weight` is their share of the salary mass in ‰.
PERSONNEL_SUBJECTS: tuple[SubjectRole, ...] = (
    _s("2080501", "basic", 40),  # 行政单位离退休
    _s("2080505", "basic", 160),  # 机关事业单位基本养老保险缴费支出
    _s("2080506", "basic", 64),  # 机关事业单位职业年金缴费支出
    _s("2101101", "basic", 70),  # 行政单位医疗
    _s("2210201", "basic", 120),  # 住房公积金
)
OPTIONAL_PERSONNEL_SUBJECTS: tuple[SubjectRole, ...] = (
    _s("2080599", "basic", 5),  # 其他行政事业单位养老支出
    _s("2101103", "basic", 25),  # 公务员医疗补助
    _s("2210203", "basic", 30),  # 购房补贴
    _s("2080502", "basic", 15),  # 事业单位离退休
    _s("2101102", "basic", 20),  # 事业单位医疗
)

# -- names -------------------------------------------------------------------------


@dataclass(frozen=True)
class NameTemplate:
    name: str  # with {city}: 示例市 (or {party}: 中国共产党示例市委员会)
    short: str  # how the department calls itself in sentences: 市教育局, 市委组织部
    profile: str
    kind: str = "行政单位"  # or 参照公务员法管理事业单位 (a 09 row)


TEMPLATES: tuple[NameTemplate, ...] = (
    NameTemplate("{city}教育局", "{c}教育局", "education"),
    NameTemplate("{city}财政局", "{c}财政局", "finance"),
    NameTemplate("{city}卫生健康委员会", "{c}卫生健康委", "health"),
    NameTemplate("{party}组织部", "{c}委组织部", "organisation"),
    NameTemplate("{party}宣传部", "{c}委宣传部", "publicity"),
    NameTemplate("{party}统一战线工作部", "{c}委统战部", "united_front"),
    NameTemplate("{party}办公室", "{c}委办公室", "party_office"),
    NameTemplate("{city}人民代表大会常务委员会办公室", "{c}人大常委会办公室", "congress"),
    NameTemplate("中国人民政治协商会议{city}委员会办公室", "{c}政协办公室", "cppcc"),
    NameTemplate("{city}人民政府办公室（{city}人民政府研究室）", "{c}政府办公室", "government_office"),
    NameTemplate("{city}统计局", "{c}统计局", "statistics"),
    NameTemplate("{city}商务局", "{c}商务局", "commerce"),
    NameTemplate("{city}市场监督管理局", "{c}市场监管局", "market_regulation"),
    NameTemplate("{city}司法局", "{c}司法局", "justice"),
    NameTemplate("{city}人民检察院", "{c}检察院", "procuratorate"),
    NameTemplate("{city}中级人民法院", "{c}中级法院", "court"),
    NameTemplate("{city}生态环境局", "{c}生态环境局", "environment"),
    NameTemplate("{city}城市管理综合行政执法局", "{c}城管执法局", "urban_management"),
    NameTemplate("{city}自然资源和规划局", "{c}自然资源规划局", "natural_resources"),
    NameTemplate("{city}科学技术局", "{c}科技局", "science"),
    NameTemplate("{city}体育局", "{c}体育局", "sport"),
    NameTemplate("{city}红十字会", "{c}红十字会", "red_cross", "参照公务员法管理事业单位"),
    NameTemplate("{city}民政局", "{c}民政局", "civil_affairs"),
    NameTemplate("{city}人力资源和社会保障局", "{c}人社局", "human_resources"),
    NameTemplate("{city}住房和城乡建设局", "{c}住建局", "housing"),
    NameTemplate("{city}工业和信息化局（{city}中小企业局）", "{c}工信局", "industry"),
    NameTemplate("{city}总工会", "{c}总工会", "mass_organisation", "参照公务员法管理事业单位"),
    NameTemplate("{party}社会工作部", "{c}委社会工作部", "social_work"),
    NameTemplate("{city}信访局", "{c}信访局", "public_security_other"),
    NameTemplate("{city}妇女联合会", "{c}妇联", "mass_organisation", "参照公务员法管理事业单位"),
    NameTemplate("共青团{city}委员会", "团{c}委", "mass_organisation", "参照公务员法管理事业单位"),
    NameTemplate("{party}政法委员会", "{c}委政法委", "public_security_other"),
    NameTemplate("{city}退役军人事务局", "{c}退役军人事务局", "civil_affairs"),
    NameTemplate("{city}文化和旅游局", "{c}文化和旅游局", "sport"),
    NameTemplate("{city}医疗保障局", "{c}医保局", "health"),
    NameTemplate("{city}审计局", "{c}审计局", "finance"),
    NameTemplate("{city}档案馆", "{c}档案馆", "party_office", "参照公务员法管理事业单位"),
    NameTemplate("{city}机关事务管理局", "{c}机关事务局", "government_office"),
    NameTemplate("{city}投资促进局", "{c}投资促进局", "commerce"),
    NameTemplate("{city}农业农村局（{city}乡村振兴局）", "{c}农业农村局", "natural_resources"),
)

# Beyond one city's worth of departments the region's districts publish theirs too.
DISTRICTS: tuple[str, ...] = ("东湖区", "西山区", "南城区", "北塘区", "临江区", "青石县", "白沙县", "云台县")


@dataclass(frozen=True)
class Department:
    index: int
    id: str  # d001 …: file names and manifest keys
    name: str  # canonical, as the department prints it in its own 部门 line
    short_name: str
    layout: str  # yunnan | shanghai
    profile: Profile
    unit_kind: str
    # printed variants of the name that a normaliser undoes (spaces, parentheses, 中共…委)
    aliases: tuple[str, ...] = field(default_factory=tuple)
    optional_personnel: tuple[SubjectRole, ...] = field(default_factory=tuple)


def party_prefix(region: str) -> str:
    return f"中国共产党{region}委员会"


def party_short_prefix(region: str) -> str:
    return f"中共{region}委"


def name_variants(name: str, region: str) -> tuple[str, ...]:
    """Printed variants of `name` that normalise back to it."""
    variants: list[str] = []
    long_party, short_party = party_prefix(region), party_short_prefix(region)
    if name.startswith(long_party):
        variants.append(short_party + name[len(long_party):])
    if "（" in name:
        variants.append(name.replace("（", "(").replace("）", ")"))
    # an extra space inside the name, after the region (示例市 教育局)
    if name.startswith(region) and len(name) > len(region) + 1:
        variants.append(f"{region} {name[len(region):]}")
    elif name.startswith(long_party):
        variants.append(f"{long_party} {name[len(long_party):]}")
    else:
        variants.append(f"{name[:2]} {name[2:]}")
    return tuple(variants)


def build_departments(count: int, region: str, layouts: list[str], seed: int) -> list[Department]:
    """`count` departments of the region, each with a layout of its own (alternating, so a
    small corpus has both)."""
    rng = random.Random(f"departments:{seed}:{region}")
    city_letter = region[-1] if region else "市"
    departments: list[Department] = []
    for index in range(count):
        template = TEMPLATES[index % len(TEMPLATES)]
        round_no = index // len(TEMPLATES)
        if round_no == 0:
            city, c = region, city_letter
        else:
            district = DISTRICTS[(round_no - 1) % len(DISTRICTS)]
            suffix = "" if round_no <= len(DISTRICTS) else str((round_no - 1) // len(DISTRICTS) + 1)
            city, c = f"{region}{district}{suffix}", district[-1]
        party = f"中国共产党{city}委员会"
        name = template.name.format(city=city, party=party)
        short = template.short.format(c=c)
        layout = layouts[index % len(layouts)]
        optional = tuple(s for s in OPTIONAL_PERSONNEL_SUBJECTS if rng.randint(0, 99) < 45)
        departments.append(
            Department(
                index=index,
                id=f"d{index + 1:03d}",
                name=name,
                short_name=short,
                layout=layout,
                profile=PROFILES[template.profile],
                unit_kind=template.kind,
                aliases=name_variants(name, city),
                optional_personnel=optional,
            )
        )
    return departments

"""Build the jxc demo company through Odoo's ORM, deterministically.

A Chinese trading company (华信商贸) with two warehouses, about 200 products in
eight categories, vendors and customers, and twelve months of business: purchase
orders received and billed, sales orders delivered and invoiced, customer and
vendor returns, scraps, an inventory count, transfers between warehouses and,
where Odoo's landed costs are installed (the demo installs them), freight.
Every operation runs through the ORM at a frozen date (freezegun), so moves,
valuation layers and journal entries carry the dates of the simulated year.

    python tools/demo_company.py --config CONF --database DB --step company
    python tools/demo_company.py --config CONF --database DB --step data

``tools/jxc demo`` runs both steps. ``DemoCompanyBuilder`` is also used by the
tests on a small scale (``months``/``products``), inside a test transaction.
"""

import argparse
import logging
import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.tools import SQL

_logger = logging.getLogger("jxc.demo")

COMPANY = {
    "name": "华信商贸（上海）有限公司",
    "street": "浦东新区张江路 88 号",
    "city": "上海",
    "zip": "201203",
    "phone": "+86 21 5080 8888",
    "email": "info@huaxin-trading.example.com",
}

# category name, cost range, costing method, products (name, code prefix)
CATALOGUE = [
    (
        "食品饮料",
        (2, 60),
        "average",
        "SP",
        [
            "农夫山泉矿泉水 550ml",
            "怡宝纯净水 555ml",
            "康师傅冰红茶 500ml",
            "统一绿茶 500ml",
            "可口可乐 330ml 罐装",
            "百事可乐 2L",
            "汇源橙汁 1L",
            "雀巢咖啡 1+2 原味 15条装",
            "伊利纯牛奶 250ml×24",
            "蒙牛酸奶 100g×8",
            "奥利奥饼干 388g",
            "康师傅红烧牛肉面 5连包",
            "乐事薯片 原味 135g",
            "旺旺雪饼 520g",
            "金龙鱼大米 5kg",
            "鲁花花生油 5L",
            "海天生抽 1.9L",
            "老干妈风味豆豉 280g",
            "德芙巧克力 252g",
            "三只松鼠每日坚果 750g",
            "青岛啤酒 500ml×12",
            "王老吉凉茶 310ml×24",
            "红牛维生素饮料 250ml×24",
            "立顿红茶 100包",
            "五常稻花香米 10kg",
        ],
    ),
    (
        "日用百货",
        (3, 120),
        "average",
        "RY",
        [
            "维达抽纸 3层 24包",
            "清风卷纸 10卷",
            "蓝月亮洗衣液 3kg",
            "立白洗洁精 1.5kg",
            "舒肤佳香皂 3块装",
            "高露洁牙膏 140g",
            "佳洁士牙刷 4支装",
            "海飞丝洗发水 750ml",
            "飘柔护发素 400ml",
            "六神花露水 195ml",
            "妙洁保鲜膜 30cm",
            "天堂伞 三折晴雨伞",
            "乐扣乐扣保鲜盒 3件套",
            "双立人菜刀",
            "苏泊尔不粘锅 28cm",
            "茶花收纳箱 60L",
            "美丽雅拖把",
            "洁柔湿巾 80片×3",
            "威猛先生厨房清洁剂",
            "云南白药牙膏 180g",
            "南极人毛巾 3条装",
            "富安娜四件套 1.8m",
            "罗莱枕芯 一对",
            "心相印手帕纸 36包",
            "好太太晾衣架 10只装",
        ],
    ),
    (
        "家用电器",
        (120, 3500),
        "fifo",
        "DQ",
        [
            "美的电饭煲 4L",
            "九阳豆浆机 1.2L",
            "苏泊尔电水壶 1.7L",
            "格力电风扇 落地扇",
            "美的微波炉 20L",
            "小米空气净化器 4",
            "飞利浦电动牙刷",
            "戴森吹风机 HD15",
            "松下电吹风 EH-NA98",
            "海尔电热水器 60L",
            "美的空调挂机 1.5匹",
            "格力空调柜机 3匹",
            "小米扫地机器人 X20",
            "九阳破壁机 Y1",
            "摩飞多功能锅",
            "德尔玛加湿器 4L",
            "海尔冰箱 十字门 500L",
            "小天鹅滚筒洗衣机 10kg",
            "方太油烟机 EMD2",
            "老板燃气灶 双眼",
            "美的电磁炉 2200W",
            "格兰仕烤箱 32L",
            "奥克斯取暖器",
            "荣事达榨汁机",
            "北鼎养生壶 1.5L",
        ],
    ),
    (
        "文具办公",
        (1, 400),
        "average",
        "WJ",
        [
            "得力中性笔 0.5mm 12支",
            "晨光自动铅笔 0.5mm",
            "齐心 A4 复印纸 70g 5包",
            "得力订书机 12#",
            "三木文件夹 A4 10个",
            "广博笔记本 B5 5本",
            "晨光荧光笔 6色",
            "得力计算器 12位",
            "国誉活页本 A5",
            "百乐钢笔 78G",
            "齐心档案盒 55mm 10个",
            "得力长尾夹 48个",
            "晨光修正带 6个",
            "得力美工刀",
            "白板 90×120cm",
            "白板笔 10支",
            "惠普 88A 硒鼓",
            "爱普生墨水 4色",
            "得力碎纸机 5级保密",
            "得力装订机",
            "晨光便利贴 76×76 12本",
            "齐心票据夹 12个",
            "得力剪刀 21cm",
            "3M 双面胶 12卷",
            "得力考勤机 指纹",
        ],
    ),
    (
        "五金工具",
        (5, 900),
        "fifo",
        "WZ",
        [
            "世达套筒扳手 46件",
            "博世电钻 GSB 550",
            "史丹利卷尺 5m",
            "得力螺丝刀套装 32件",
            "长城精工羊角锤",
            "公牛插线板 6位 3m",
            "欧普 LED 灯泡 9W 10只",
            "雷士吸顶灯 24W",
            "德力西空气开关 2P 32A",
            "正泰漏电保护器",
            "东成角磨机 100mm",
            "牧田电锤 HR2470",
            "钢盾内六角扳手 9件",
            "威克士锂电钻 20V",
            "得力电工胶布 10卷",
            "鸿雁开关插座 10只",
            "固特扎带 500根",
            "世达水平尺 60cm",
            "巨力钢丝绳 10m",
            "宝工剥线钳",
            "捷科工具箱 19寸",
            "华丰巨箭管钳 14寸",
            "波斯活动扳手 12寸",
            "坚朗门吸 10只",
            "3M 防护口罩 KN95 50只",
        ],
    ),
    (
        "服装鞋帽",
        (15, 800),
        "fifo",
        "FZ",
        [
            "优衣库圆领 T 恤 男 L",
            "优衣库圆领 T 恤 女 M",
            "李宁运动裤 男 XL",
            "安踏跑步鞋 42",
            "回力帆布鞋 40",
            "特步运动外套 L",
            "波司登羽绒服 男 XL",
            "雅鹿羽绒服 女 M",
            "恒源祥羊毛衫 L",
            "海澜之家衬衫 41",
            "七匹狼夹克 XL",
            "太平鸟连衣裙 M",
            "森马牛仔裤 32",
            "鸿星尔克篮球鞋 43",
            "361 度跑鞋 41",
            "贵人鸟拖鞋 42",
            "南极人保暖内衣套装 L",
            "浪莎袜子 10双装",
            "鸭鸭羽绒背心 L",
            "探路者冲锋衣 XL",
            "骆驼登山鞋 42",
            "红蜻蜓皮鞋 41",
            "百丽女靴 37",
            "真维斯卫衣 L",
            "JACK JONES 休闲裤 31",
        ],
    ),
    (
        "电子数码",
        (30, 6000),
        "fifo",
        "SM",
        [
            "小米手机 14 256G",
            "华为 Mate 60 512G",
            "OPPO Reno 11 256G",
            "vivo X100 256G",
            "荣耀 Magic6 512G",
            "华为 MatePad 11",
            "小米平板 6",
            "联想小新 Pro 14",
            "华为 MateBook 14",
            "罗技无线鼠标 M330",
            "罗技键盘 K845",
            "倍思充电宝 20000mAh",
            "绿联 USB-C 数据线 2m",
            "小米充电器 67W",
            "漫步者蓝牙耳机 W820NB",
            "华为 FreeBuds 5",
            "闪迪 U 盘 128G",
            "西部数据移动硬盘 2T",
            "TP-LINK 路由器 AX3000",
            "海康威视摄像头 C6",
            "小米手环 8",
            "华为手表 GT4",
            "Kindle 电子书阅读器",
            "JBL 蓝牙音箱 Flip6",
            "大疆 Osmo Pocket 3",
        ],
    ),
    (
        "母婴用品",
        (10, 700),
        "average",
        "MY",
        [
            "飞鹤星飞帆奶粉 3段 700g",
            "君乐宝奶粉 2段 800g",
            "帮宝适纸尿裤 L 58片",
            "好奇纸尿裤 M 72片",
            "花王纸尿裤 S 82片",
            "贝亲奶瓶 240ml",
            "可优比吸奶器",
            "强生婴儿沐浴露 500ml",
            "郁美净儿童霜 25g",
            "好孩子婴儿推车",
            "babycare 湿巾 80抽×6",
            "十月结晶待产包",
            "嘉宝米粉 250g",
            "亨氏果泥 120g×3",
            "贝因美米粉 400g",
            "全棉时代棉柔巾 100抽×6",
            "子初婴儿洗衣液 1L",
            "良良婴儿枕",
            "巴拉巴拉童装套装 110",
            "安奈儿童鞋 26",
            "小猪佩奇玩具套装",
            "乐高得宝积木 10914",
            "费雪健身架",
            "好孩子安全座椅",
            "咿呀儿童牙刷 3支",
        ],
    ),
]

VENDORS = [
    ("广州百货批发有限公司", "广州"),
    ("深圳华强电子贸易有限公司", "深圳"),
    ("义乌小商品供应链有限公司", "义乌"),
    ("宁波家电制造有限公司", "宁波"),
    ("杭州食品饮料分销有限公司", "杭州"),
    ("苏州五金机电有限公司", "苏州"),
    ("温州鞋服实业有限公司", "温州"),
    ("东莞数码科技有限公司", "东莞"),
    ("上海文具用品有限公司", "上海"),
    ("天津母婴用品批发有限公司", "天津"),
]

CUSTOMERS = [
    ("上海联华超市有限公司", "上海"),
    ("北京物美商业集团", "北京"),
    ("永辉超市股份有限公司", "福州"),
    ("华润万家有限公司", "深圳"),
    ("苏宁易购集团", "南京"),
    ("国美电器有限公司", "北京"),
    ("南京中央商场", "南京"),
    ("杭州银泰百货", "杭州"),
    ("成都红旗连锁", "成都"),
    ("武汉中百仓储", "武汉"),
    ("重庆百货大楼", "重庆"),
    ("西安民生百货", "西安"),
    ("长沙步步高超市", "长沙"),
    ("郑州丹尼斯百货", "郑州"),
    ("青岛利群集团", "青岛"),
    ("合肥百大集团", "合肥"),
    ("昆明百货大楼", "昆明"),
    ("天津家乐福", "天津"),
    ("厦门夏商集团", "厦门"),
    ("济南银座商城", "济南"),
]

USERS = [
    # login, name, groups (xml ids)
    ("sales1", "张伟", ["sales_team.group_sale_salesman"]),
    ("sales2", "李娜", ["sales_team.group_sale_salesman"]),
    ("warehouse", "王强", ["stock.group_stock_user"]),
    ("purchase", "刘洋", ["purchase.group_purchase_user", "stock.group_stock_user"]),
    ("accountant", "陈静", ["account.group_account_manager"]),
]

# the last days without replenishment, so that the demo ends with shortages
QUIET_DAYS = 35

# the company's time zone: its days, months and month ends (jxc.valuation)
TZ = "Asia/Shanghai"
# local times of the business day, and of the night shift on the 1st of each
# month: a receipt at 02:00 and a delivery at 07:30 local are still the last
# day of the previous month in UTC (the first eight hours of every month)
OFFICE_HOURS = time(10, 0)
NIGHT_RECEIPT = time(2, 0)
EARLY_DELIVERY = time(7, 30)

# l10n_cn account codes (6 digits in Odoo's chart) for categories without stock accounts
CN_STOCK_ACCOUNTS = {
    "property_stock_valuation_account_id": "140500",  # 库存商品
    "property_stock_account_input_categ_id": "140200",  # 在途物资
    "property_stock_account_output_categ_id": "640100",  # 主营业务成本
}


class DemoCompanyBuilder:
    """Creates the master data, then simulates ``months`` of business day by day."""

    def __init__(
        self, env, months=12, products=200, seed=20250101, end=None, commit=None
    ):
        self.env = env(
            context=dict(env.context, tracking_disable=True, mail_notrack=True)
        )
        self.months = months
        self.product_count = products
        self.rng = random.Random(seed)
        self.end = end or date.today() - timedelta(days=1)
        self.start = self.end - timedelta(days=round(months * 30.4))
        # inside a test nothing is committed and autovacuum never sees the
        # simulated rows: the planner would keep planning Odoo's queries for
        # empty tables (nested loops over every invoice); analyze them instead
        self.commit = commit or self._analyze_now_and_then
        self._days_simulated = 0
        self.company = self.env.company
        self.today = self.end
        self.stock = defaultdict(float)  # (warehouse id, product id) -> qty on hand
        self.deliveries = []
        self.receipts = []

    # ------------------------------------------------------------ master data
    def setup_company(self):
        """Before the accounting is installed: a Chinese company in CNY."""
        cny = self.env.ref("base.CNY")
        cny.active = True
        self.company.write(
            dict(COMPANY, country_id=self.env.ref("base.cn").id, currency_id=cny.id)
        )
        self.company.partner_id.lang = "en_US"

    def setup_master_data(self):
        env = self.env
        if not self.company.chart_template:
            env["account.chart.template"].try_loading(
                "cn", self.company, install_demo=False
            )
        lang = "zh_CN" if env["res.lang"]._lang_get("zh_CN") else "en_US"
        env.ref("base.user_admin").write({"lang": lang, "tz": TZ})
        # the company's calendar (jxc.valuation._tz) is its partner's time zone
        self.company.partner_id.tz = TZ
        # records are named in the users' language (picking types of a new
        # warehouse…), and dated in their time zone (invoice dates)
        self.env = env = env(context=dict(env.context, lang=lang, tz=TZ))
        for xmlid in (
            "stock.group_stock_multi_warehouses",
            "stock.group_stock_multi_locations",
            "stock_account.group_stock_accounting_automatic",
            "uom.group_uom",
        ):
            env.ref("base.group_user").implied_ids = [(4, env.ref(xmlid).id)]
        self._users()
        # stock alerts: their activities go to the warehouse keeper (the products
        # have no responsible of their own), those of Guangzhou to its buyer
        self.company.jxc_alert_user_id = self.users[2]
        self._warehouses()
        self.warehouses[1].jxc_alert_user_id = self.users[3]
        self._partners()
        self._products()
        self._reordering_rules()
        self._freight()

    def _users(self):
        self.users = self.env["res.users"]
        for login, name, groups in USERS:
            user = self.env["res.users"].search([("login", "=", login)])
            if not user:
                user = (
                    self.env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "login": login,
                            "password": login,
                            "name": name,
                            "lang": self.env.ref("base.user_admin").lang,
                            "tz": TZ,
                            "company_id": self.company.id,
                            "company_ids": [(6, 0, self.company.ids)],
                            "groups_id": [(4, self.env.ref(g).id) for g in groups],
                        }
                    )
                )
            self.users |= user
        self.salespeople = self.users[:2]

    def _warehouses(self):
        Warehouse = self.env["stock.warehouse"]
        main = Warehouse.search([("company_id", "=", self.company.id)], limit=1)
        main.write({"name": "上海总仓", "code": "SH"})
        south = Warehouse.search(
            [("company_id", "=", self.company.id), ("code", "=", "GZ")], limit=1
        ) or Warehouse.create(
            {"name": "广州分仓", "code": "GZ", "company_id": self.company.id}
        )
        self.warehouses = main | south

    def _partners(self):
        cn = self.env.ref("base.cn").id
        Partner = self.env["res.partner"]
        self.vendors = Partner.create(
            [
                {
                    "name": n,
                    "city": c,
                    "country_id": cn,
                    "is_company": True,
                    "supplier_rank": 1,
                }
                for n, c in VENDORS
            ]
        )
        self.customers = Partner.create(
            [
                {
                    "name": n,
                    "city": c,
                    "country_id": cn,
                    "is_company": True,
                    "customer_rank": 1,
                }
                for n, c in CUSTOMERS
            ]
        )

    def _category_accounts(self):
        """Stock accounts for categories: the chart's defaults, else l10n_cn codes."""
        Category = self.env["product.category"].with_company(self.company)
        probe = Category.new({})
        vals = {}
        for fname, code in CN_STOCK_ACCOUNTS.items():
            if probe[fname]:
                continue
            account = self.env["account.account"].search(
                [
                    *self.env["account.account"]._check_company_domain(self.company),
                    ("code", "=", code),
                ],
                limit=1,
            )
            if account:
                vals[fname] = account.id
        if not probe.property_stock_journal:
            vals["property_stock_journal"] = (
                self.env["account.journal"]
                .search(
                    [
                        *self.env["account.journal"]._check_company_domain(
                            self.company
                        ),
                        ("type", "=", "general"),
                    ],
                    limit=1,
                )
                .id
            )
        return vals

    def _products(self):
        rng = self.rng
        root = self.env["product.category"].create({"name": "商品"})
        accounts = self._category_accounts()
        per_cat = max(1, self.product_count // len(CATALOGUE))
        vals_list = []
        self.categories = self.env["product.category"]
        dozen = self.env.ref("uom.product_uom_dozen")
        for c_index, (cname, (lo, hi), method, prefix, names) in enumerate(CATALOGUE):
            categ = (
                self.env["product.category"]
                .with_company(self.company)
                .create(
                    dict(
                        accounts,
                        name=cname,
                        parent_id=root.id,
                        property_cost_method=method,
                        property_valuation="real_time",
                    )
                )
            )
            self.categories |= categ
            vendor_a = self.vendors[c_index % len(self.vendors)]
            vendor_b = self.vendors[(c_index + 3) % len(self.vendors)]
            for i in range(per_cat):
                name = names[i % len(names)]
                if i >= len(names):
                    name = f"{name} ({i // len(names) + 1})"
                cost = round(rng.uniform(lo, hi), 2)
                by_dozen = prefix == "WJ" and i % 5 == 0
                vals_list.append(
                    {
                        "name": name,
                        "default_code": f"{prefix}{i + 1:04d}",
                        "categ_id": categ.id,
                        "type": "consu",
                        "is_storable": True,
                        "responsible_id": False,
                        "list_price": round(cost * rng.uniform(1.25, 1.7), 2),
                        "standard_price": cost,
                        "purchase_method": "receive",
                        "invoice_policy": "delivery",
                        "uom_po_id": dozen.id
                        if by_dozen
                        else self.env.ref("uom.product_uom_unit").id,
                        "seller_ids": [
                            (
                                0,
                                0,
                                {
                                    "partner_id": vendor_a.id,
                                    "price": cost * (12 if by_dozen else 1),
                                    "min_qty": 1,
                                    "delay": rng.choice([3, 5, 7, 10]),
                                },
                            ),
                            (
                                0,
                                0,
                                {
                                    "partner_id": vendor_b.id,
                                    "price": round(cost * 1.05, 2)
                                    * (12 if by_dozen else 1),
                                    "min_qty": 1,
                                    "delay": rng.choice([5, 7, 14]),
                                },
                            ),
                        ],
                    }
                )
        templates = self.env["product.template"].create(vals_list)
        self.products = templates.product_variant_ids
        # demand weight: a long tail (Pareto-like), ~8 % never sold (dead stock)
        ranks = list(range(1, len(self.products) + 1))
        rng.shuffle(ranks)
        self.weight = {}
        for product, rank in zip(self.products, ranks, strict=True):
            dead = rank > len(self.products) * 0.92
            self.weight[product.id] = 0.0 if dead else 1.0 / rank**0.8

    def _freight(self):
        """Freight (运费) billed by a carrier and landed on the goods, where
        Odoo's landed costs (stock_landed_costs) are installed: the freight's
        bill goes to 1402 在途物资, the landed cost moves it into the stock."""
        self.freight = self.env["product.product"]
        if "stock.landed.cost" not in self.env:
            return
        self.carrier = self.env["res.partner"].create(
            {"name": "顺丰速运", "is_company": True, "city": "深圳"}
        )
        self.freight = self.env["product.product"].create(
            {
                "name": "运费",
                "type": "service",
                "landed_cost_ok": True,
                "split_method_landed_cost": "by_current_cost_price",
                "supplier_taxes_id": [(5, 0, 0)],
                "property_account_expense_id": (
                    self.categories[0].property_stock_account_input_categ_id.id
                ),
            }
        )

    def _reordering_rules(self):
        vals = []
        for wh in self.warehouses:
            for product in self.products[: len(self.products) // 2]:
                weekly = self._weekly_demand(product) / len(self.warehouses)
                if not weekly:
                    continue
                vals.append(
                    {
                        "product_id": product.id,
                        "warehouse_id": wh.id,
                        "location_id": wh.lot_stock_id.id,
                        "product_min_qty": max(1, round(weekly * 2)),
                        "product_max_qty": max(2, round(weekly * 6)),
                        "trigger": "manual",
                    }
                )
        # created by the purchaser: Odoo's autovacuum deletes manual rules that the
        # superuser created (it takes them for replenishment-report suggestions)
        self.env["stock.warehouse.orderpoint"].with_user(self.users[3]).sudo().create(
            vals
        )

    # ------------------------------------------------------------ simulation
    def _weekly_demand(self, product):
        total = sum(self.weight.values()) or 1.0
        return round(self.weight[product.id] / total * 2200, 1)

    def simulate(self):
        day = self.start
        self._at(day, self._opening_purchase)
        week = 0
        while day < self.end:
            day += timedelta(days=1)
            weekday = day.weekday()
            if day.day == 1:
                # before the office opens: the previous month's last day in UTC
                self._at(day, self._night_receipt, at=NIGHT_RECEIPT)
                self._at(day, self._sell, 1, at=EARLY_DELIVERY)
            if weekday == 0:
                week += 1
                # purchasing pauses at the end: the alerts show shortages
                if week % 2 == 0 and (self.end - day).days > QUIET_DAYS:
                    self._at(day, self._replenish)
            elif weekday in (1, 2, 3, 4):
                self._at(day, self._sell, 2 if weekday in (1, 3) else 1)
            if day.day == 10:
                self._at(day, self._transfer_between_warehouses)
            if day.day == 15 and self.freight:
                self._at(day, self._land_freight)
            if day.day == 18 and self.deliveries:
                self._at(day, self._customer_return)
            if day.day == 24 and day.month % 3 == 0 and self.receipts:
                self._at(day, self._vendor_return)
            if day.day == 27 and day.month % 4 == 0:
                self._at(day, self._scrap)
            if day.month in (6, 12) and day.day == 28:
                self._at(day, self._inventory_count)

    def _at(self, day, func, *args, at=OFFICE_HOURS):
        """Run ``func`` on ``day`` at the local time ``at`` (Shanghai); date
        what it created."""
        local = pytz.timezone(TZ).localize(datetime.combine(day, at))
        moment = local.astimezone(pytz.utc).replace(tzinfo=None)
        marks = self._id_marks()
        self.today = day
        with freeze_time(moment):
            func(*args)
            self.env.flush_all()
        self._backdate(marks, moment)
        self.commit()

    GROWING = (
        "account_move",
        "account_move_line",
        "account_partial_reconcile",
        "stock_move",
        "stock_move_line",
        "stock_quant",
        "stock_valuation_layer",
        "sale_order_line",
        "purchase_order_line",
    )

    def _analyze_now_and_then(self):
        self._days_simulated += 1
        if self._days_simulated % 10 == 0:
            self.env.cr.execute(
                SQL("ANALYZE %s", SQL(", ").join(map(SQL.identifier, self.GROWING)))
            )

    BACKDATED = (
        "stock_picking",
        "stock_move",
        "stock_move_line",
        "stock_valuation_layer",
        "stock_scrap",
        "purchase_order",
        "purchase_order_line",
        "sale_order",
        "sale_order_line",
        "account_move",
        "account_move_line",
    )

    def _id_marks(self):
        cr = self.env.cr
        marks = {}
        for table in self.BACKDATED:
            cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            marks[table] = cr.fetchone()[0]
        return marks

    def _backdate(self, marks, moment):
        cr = self.env.cr
        for table, last_id in marks.items():
            cr.execute(
                f"UPDATE {table} SET create_date = %s, write_date = %s WHERE id > %s",
                (moment, moment, last_id),
            )
        self.env.invalidate_all()

    def _opening_purchase(self):
        by_vendor = defaultdict(list)
        for product in self.products:
            by_vendor[product.seller_ids[:1].partner_id].append(product)
        for wh in self.warehouses:
            for vendor, products in by_vendor.items():
                lines = [
                    (
                        p,
                        max(6, round(self._weekly_demand(p) / len(self.warehouses) * 8))
                        or 6,
                    )
                    for p in products
                ]
                self._purchase(vendor, wh, lines)

    def _night_receipt(self):
        """A truck unloaded at the main warehouse before dawn: a week of the
        three busiest products of one vendor."""
        wh = self.warehouses[0]
        vendor = self.rng.choice(
            sorted(
                {p.seller_ids[:1].partner_id for p in self.products}, key=lambda v: v.id
            )
        )
        products = sorted(
            (p for p in self.products if p.seller_ids[:1].partner_id == vendor),
            key=lambda p: (-self.weight[p.id], p.id),
        )[:3]
        lines = [
            (p, max(2, round(self._weekly_demand(p) / len(self.warehouses))))
            for p in products
        ]
        self._purchase(vendor, wh, lines)

    def _replenish(self):
        for wh in self.warehouses:
            by_vendor = defaultdict(list)
            for product in self.products:
                weekly = self._weekly_demand(product) / len(self.warehouses)
                if weekly and self.stock[wh.id, product.id] < weekly * 3:
                    qty = round(weekly * 6 - self.stock[wh.id, product.id])
                    by_vendor[product.seller_ids[:1].partner_id].append(
                        (product, max(qty, 1))
                    )
            for vendor, lines in by_vendor.items():
                self._purchase(vendor, wh, lines)

    def _purchase(self, vendor, wh, lines):
        po = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "picking_type_id": wh.in_type_id.id,
                "user_id": self.users[3].id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": p.id,
                            "product_qty": qty,
                            "product_uom": p.uom_po_id.id,
                            "price_unit": p.seller_ids[:1].price,
                        },
                    )
                    for p, qty in lines
                ],
            }
        )
        po.button_confirm()
        for picking in po.picking_ids:
            self._validate(picking)
            self.receipts.append(picking)
        po.action_create_invoice()
        bills = po.invoice_ids.filtered(lambda m: m.state == "draft")
        bills.write({"invoice_date": self.today})
        bills.action_post()
        for line in po.order_line:
            self.stock[wh.id, line.product_id.id] += line.product_uom._compute_quantity(
                line.product_qty, line.product_id.uom_id
            )
        return po

    def _sell(self, orders):
        rng = self.rng
        season = 1.0 + 0.3 * ((self.today.month + self.rng.random()) % 12 >= 9)
        for _i in range(orders):
            wh = rng.choice(self.warehouses)
            candidates = [p for p in self.products if self.weight[p.id]]
            picks = rng.choices(
                candidates, weights=[self.weight[p.id] for p in candidates], k=6
            )
            lines = {}
            for product in picks:
                want = max(
                    1,
                    round(
                        self._weekly_demand(product)
                        / 3
                        * rng.uniform(0.5, 1.5)
                        * season
                    ),
                )
                available = self.stock[wh.id, product.id] - lines.get(product, 0)
                qty = min(want, int(available))
                if qty > 0:
                    lines[product] = lines.get(product, 0) + qty
            if not lines:
                continue
            so = self.env["sale.order"].create(
                {
                    "partner_id": rng.choice(self.customers).id,
                    "warehouse_id": wh.id,
                    "user_id": rng.choice(self.salespeople).id,
                    "order_line": [
                        (0, 0, {"product_id": p.id, "product_uom_qty": q})
                        for p, q in lines.items()
                    ],
                }
            )
            so.action_confirm()
            for picking in so.picking_ids:
                self._validate(picking)
                self.deliveries.append(picking)
            so._create_invoices().action_post()
            for product, qty in lines.items():
                self.stock[wh.id, product.id] -= qty

    def _validate(self, picking):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        result = picking.button_validate()
        if picking.state != "done":
            raise RuntimeError(f"{picking.name} was not validated: {result}")

    def _return(self, picking, share):
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        for line in wizard.product_return_moves:
            line.quantity = max(1, int(line.move_id.quantity * share))
        wizard.product_return_moves[1:].unlink()
        returned = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        self._validate(returned)
        return returned

    def _land_freight(self):
        """The carrier's bill for the latest receipt of goods valued at actual
        cost (FIFO or average), landed on that receipt."""
        receipts = [
            p
            for p in self.receipts
            if any(m.product_id.cost_method != "standard" for m in p.move_ids)
        ]
        if not receipts:
            return
        picking = receipts[-1]
        amount = round(self.rng.uniform(80, 400), 2)
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.carrier.id,
                "invoice_date": self.today,
                "ref": picking.name,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.freight.id,
                            "quantity": 1,
                            "price_unit": amount,
                        },
                    )
                ],
            }
        )
        bill.action_post()
        cost = self.env["stock.landed.cost"].create(
            {
                "picking_ids": [(6, 0, picking.ids)],
                "vendor_bill_id": bill.id,
                "cost_lines": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.freight.id,
                            "name": "运费",
                            "price_unit": amount,
                            "split_method": "by_current_cost_price",
                            "account_id": bill.invoice_line_ids.account_id.id,
                        },
                    )
                ],
            }
        )
        cost.button_validate()

    def _customer_return(self):
        picking = self.rng.choice(self.deliveries)
        self.deliveries.remove(picking)
        returned = self._return(picking, 0.5)
        so = picking.sale_id
        refund = so._create_invoices(final=True)
        refund.action_post()
        for move in returned.move_ids:
            self.stock[picking.picking_type_id.warehouse_id.id, move.product_id.id] += (
                move.quantity
            )

    def _vendor_return(self):
        picking = self.rng.choice(self.receipts)
        self.receipts.remove(picking)
        wh = picking.picking_type_id.warehouse_id
        move = picking.move_ids[:1]
        if self.stock[wh.id, move.product_id.id] < 2:
            return
        returned = self._return(picking, 0.2)
        po = picking.purchase_id
        po.action_create_invoice()
        refunds = po.invoice_ids.filtered(lambda m: m.state == "draft")
        refunds.write({"invoice_date": self.today})
        refunds.action_post()
        for rmove in returned.move_ids:
            self.stock[wh.id, rmove.product_id.id] -= rmove.quantity

    def _scrap(self):
        wh = self.warehouses[0]
        stocked = [p for p in self.products if self.stock[wh.id, p.id] >= 2]
        if not stocked:
            return
        product = self.rng.choice(stocked)
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": product.id,
                "scrap_qty": 1,
                "location_id": wh.lot_stock_id.id,
                "company_id": self.company.id,
            }
        )
        scrap.action_validate()
        self.stock[wh.id, product.id] -= 1

    def _transfer_between_warehouses(self):
        src, dst = self.warehouses[0], self.warehouses[1]
        stocked = [
            p
            for p in self.products
            if self.stock[src.id, p.id] >= 10 and self.weight[p.id]
        ]
        if not stocked:
            return
        products = self.rng.sample(stocked, min(4, len(stocked)))
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": src.int_type_id.id,
                "location_id": src.lot_stock_id.id,
                "location_dest_id": dst.lot_stock_id.id,
                "origin": "调拨 SH→GZ",
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": p.display_name,
                            "product_id": p.id,
                            "product_uom_qty": int(self.stock[src.id, p.id] // 4),
                            "product_uom": p.uom_id.id,
                            "location_id": src.lot_stock_id.id,
                            "location_dest_id": dst.lot_stock_id.id,
                        },
                    )
                    for p in products
                ],
            }
        )
        picking.action_confirm()
        self._validate(picking)
        for move in picking.move_ids:
            self.stock[src.id, move.product_id.id] -= move.quantity
            self.stock[dst.id, move.product_id.id] += move.quantity

    def _inventory_count(self):
        """A physical count in the main warehouse: a few gains, a few losses."""
        wh = self.warehouses[0]
        quants = self.env["stock.quant"].search(
            [("location_id", "=", wh.lot_stock_id.id), ("quantity", ">", 3)], order="id"
        )
        counted = self.env["stock.quant"]
        for quant in self.rng.sample(list(quants), min(8, len(quants))):
            delta = self.rng.choice([-2, -1, 1, 2])
            quant.with_context(inventory_mode=True).inventory_quantity = (
                quant.quantity + delta
            )
            counted |= quant
            self.stock[wh.id, quant.product_id.id] += delta
        counted.with_context(inventory_mode=True).action_apply_inventory()

    def run(self):
        self.setup_master_data()
        self.commit()
        self.simulate()
        self.feature_settings()
        self.check_ledger()
        self.env["ir.config_parameter"].set_param("jxc.demo_built", str(self.end))

    def feature_settings(self):
        """After the simulated year, the settings that show jxc's features: the
        oversell guard warns (and blocks class A), an ABC profile on
        consumption value over 12 months, run and applied at the demo's last
        day, with a policy per class (A counted monthly, B quarterly, C
        yearly). The alerts' responsibles are set with the master data."""
        self.company.jxc_oversell_policy = "warn"
        Profile = self.env["jxc.abc.profile"]
        profile = Profile.search([("company_id", "=", self.company.id)], limit=1)
        if not profile:
            next_month = (self.end.replace(day=1) + timedelta(days=32)).replace(day=1)
            policies = [
                ("A", 1.5, "high", "block", 1),
                ("B", 1.2, "medium", "company", 3),
                ("C", 1.0, "low", "company", 12),
            ]
            profile = Profile.create(
                {
                    "name": "ABC 分类（消耗金额，12 个月）",
                    "company_id": self.company.id,
                    "criterion": "consumption_value",
                    "months_back": 12,
                    "next_run_date": next_month,
                    "policy_ids": [
                        (
                            0,
                            0,
                            {
                                "abc_class": abc_class,
                                "safety_factor": factor,
                                "alert_severity": severity,
                                "oversell_policy": oversell,
                                "count_frequency_months": months,
                            },
                        )
                        for abc_class, factor, severity, oversell, months in policies
                    ],
                }
            )
        self.abc_run = profile._run(apply=True, date=self.end)
        self.commit()

    def month_ends(self):
        """The month ends of the simulated period, and its last day."""
        ends, day = [], self.start
        while day < self.end:
            month_end = (day.replace(day=28) + timedelta(days=4)).replace(
                day=1
            ) - timedelta(days=1)
            if month_end < self.end:
                ends.append(month_end)
            day = month_end + timedelta(days=1)
        return [*ends, self.end]

    def check_ledger(self):
        """jxc's reconciliation at every month end of the simulation (in the
        company's calendar) and at its end: on every stock account the ledger
        must equal the valuation of the layers, to the cent.

        Returns the reconciliation screen of the last day; raises if an
        account differs, so that a demo whose books do not reconcile is never
        served.
        """
        Valuation = self.env["jxc.valuation"]
        currency = self.company.currency_id
        for month_end in self.month_ends():
            result = Valuation._reconcile(self.company, month_end)
            if not result["balanced"]:
                wrong = self.env["account.account"].browse(
                    row["account_id"]
                    for row in result["accounts"]
                    if not currency.is_zero(row["unexplained"])
                )
                raise RuntimeError(
                    f"the demo's ledger does not reconcile with its valuation at "
                    f"{month_end} on {', '.join(wrong.mapped('code'))}: "
                    f"{result['unexplained']:.2f} unexplained"
                )
        reconcile = self.env["jxc.valuation.reconcile"].create(
            {"company_id": self.company.id, "date": self.end}
        )
        reconcile.action_compute()
        for line in reconcile.account_line_ids:
            _logger.info(
                "ledger %s: valuation %.2f, balance %.2f",
                line.account_id.code,
                line.valuation_value,
                line.ledger_balance,
            )
        wrong = reconcile.account_line_ids.filtered(
            lambda line: not currency.is_zero(line.difference)
        )
        if wrong:
            raise RuntimeError(
                "the demo's ledger does not reconcile with its valuation on "
                + ", ".join(wrong.account_id.mapped("code"))
            )
        return reconcile


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--step", choices=["company", "data"], required=True)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--products", type=int, default=200)
    args = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        builder = DemoCompanyBuilder(
            env, months=args.months, products=args.products, commit=cr.commit
        )
        if args.step == "company":
            builder.setup_company()
        else:
            started = datetime.now()
            builder.run()
            _logger.info("demo company built in %s", datetime.now() - started)
        cr.commit()


if __name__ == "__main__":
    main()

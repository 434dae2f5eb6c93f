"""Words the curated industries are looked for by, in English and Chinese (editable afterwards in
the admin): someone looking for "coffee" means Food and Beverage."""

from django.db import migrations

KEYWORDS = {
    "retail": "shop, store, shopping, mall, boutique, 商店, 购物, 商场, 门店, 便利店",
    "e-commerce": "online shop, online store, marketplace, shopping, 网购, 网店, 电商, 商城, 购物",
    "food-and-beverage": (
        "coffee, cafe, tea, bubble tea, restaurant, catering, bakery, bar, drinks, dining, "
        "咖啡, 奶茶, 茶饮, 饮品, 餐厅, 饭店, 美食, 烘焙, 酒吧, 点餐"
    ),
    "food-delivery": "takeaway, takeout, meal delivery, 外卖, 送餐, 配送, 跑腿",
    "grocery": (
        "supermarket, fresh food, fruit, vegetables, convenience store, "
        "超市, 生鲜, 水果, 蔬菜, 买菜"
    ),
    "travel": "tourism, trip, tour, ticket, scenic spot, 旅游, 旅行, 景区, 门票, 出游",
    "hotels": "hotel, hostel, homestay, booking, lodging, 酒店, 宾馆, 民宿, 住宿, 订房",
    "airlines": "flight, airport, plane, air ticket, 航班, 机票, 机场, 飞机",
    "ride-hailing": "taxi, cab, car hailing, ride sharing, chauffeur, 打车, 出租车, 网约车, 叫车, 代驾",
    "public-transport": (
        "bus, metro, subway, train, railway, transit card, 公交, 地铁, 火车, 高铁, 交通卡"
    ),
    "logistics": "courier, express, parcel, shipping, delivery, 快递, 物流, 包裹, 寄件, 运输",
    "banking": "bank, account, loan, credit card, deposit, 银行, 贷款, 信用卡, 存款, 理财",
    "insurance": "insurer, policy, claim, coverage, 保险, 保单, 理赔, 投保",
    "securities": (
        "stocks, shares, fund, investment, brokerage, wealth management, "
        "股票, 证券, 基金, 投资, 理财"
    ),
    "payments": "pay, wallet, transfer, checkout, 支付, 付款, 钱包, 转账, 收款",
    "healthcare": (
        "hospital, clinic, doctor, medical, appointment, health, "
        "医院, 诊所, 医生, 挂号, 问诊, 健康"
    ),
    "pharmacy": "drugstore, medicine, chemist, 药店, 药房, 药品, 买药",
    "education": (
        "school, course, training, tutoring, university, learning, "
        "学校, 课程, 培训, 辅导, 学习, 大学"
    ),
    "government": "public services, city services, permit, 政府, 政务, 办事, 市民服务, 证件",
    "utilities": "water, electricity, gas, bills, 水费, 电费, 燃气, 缴费, 账单",
    "telecommunications": (
        "mobile, phone plan, broadband, SIM, carrier, 话费, 流量, 宽带, 手机卡, 运营商"
    ),
    "real-estate": "property, housing, apartment, rent, home, 房产, 买房, 租房, 楼盘, 二手房",
    "property-management": (
        "residential community, building management, repairs, 物业, 小区, 报修, 社区"
    ),
    "automotive": "car, vehicle, auto, dealer, car repair, 汽车, 买车, 车辆, 4S店, 养车, 维修",
    "car-rental": "rent a car, car hire, car sharing, 租车, 汽车租赁, 共享汽车",
    "parking": "car park, parking lot, garage, 停车, 停车场, 车位",
    "entertainment": "leisure, karaoke, KTV, amusement park, fun, 娱乐, 休闲, 游乐园, 唱歌",
    "movies-and-shows": (
        "cinema, film, movie tickets, concert, theatre, performance, "
        "电影, 影院, 电影票, 演唱会, 话剧, 演出"
    ),
    "games": "gaming, mini games, puzzle, 游戏, 小游戏, 手游",
    "sports-and-fitness": "gym, fitness, workout, yoga, running, 健身, 健身房, 运动, 瑜伽, 跑步",
    "beauty": (
        "hair salon, barber, cosmetics, spa, nails, skincare, "
        "美容, 美发, 理发, 化妆品, 美甲, 护肤"
    ),
    "household-services": (
        "housekeeping, cleaning, home repair, moving, nanny, 家政, 保洁, 维修, 搬家, 保姆"
    ),
    "news-and-media": "news, magazine, reading, video, podcast, 新闻, 资讯, 阅读, 视频, 媒体",
    "social": "chat, community, dating, forum, friends, 社交, 聊天, 社区, 交友, 论坛",
    "tools": "utility, calculator, weather, scanner, productivity, 工具, 天气, 计算器, 扫描, 效率",
    "charity": "donation, volunteer, nonprofit, 公益, 慈善, 捐款, 志愿者",
    "agriculture": "farm, farming, crops, livestock, produce, 农业, 农场, 种植, 养殖, 农产品",
    "energy": "oil, petrol station, charging, EV charging, power, 能源, 加油, 加油站, 充电, 充电桩",
    "recruitment": "jobs, hiring, career, resume, work, 招聘, 求职, 找工作, 简历, 兼职",
    "legal-services": "lawyer, legal advice, law firm, notary, 律师, 法律咨询, 律所, 公证",
}


def add_keywords(apps, schema_editor):
    Industry = apps.get_model("miniprograms", "Industry")
    for code, keywords in KEYWORDS.items():
        Industry.objects.filter(code=code, keywords="").update(keywords=keywords)


def remove_keywords(apps, schema_editor):
    Industry = apps.get_model("miniprograms", "Industry")
    for code, keywords in KEYWORDS.items():
        Industry.objects.filter(code=code, keywords=keywords).update(keywords="")


class Migration(migrations.Migration):
    dependencies = [
        ("miniprograms", "0004_industry_keywords_and_list_orderings"),
    ]

    operations = [
        migrations.RunPython(add_keywords, remove_keywords),
    ]

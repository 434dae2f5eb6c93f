"""The curated industry list a mini program picks from (editable afterwards in the admin)."""

from django.db import migrations

INDUSTRIES = [
    ("retail", "Retail", "零售"),
    ("e-commerce", "E-commerce", "电子商务"),
    ("food-and-beverage", "Food and Beverage", "餐饮"),
    ("food-delivery", "Food Delivery", "外卖配送"),
    ("grocery", "Grocery and Supermarkets", "生鲜超市"),
    ("travel", "Travel and Tourism", "旅游出行"),
    ("hotels", "Hotels and Accommodation", "酒店住宿"),
    ("airlines", "Airlines", "航空"),
    ("ride-hailing", "Ride-hailing and Taxis", "网约车与出租车"),
    ("public-transport", "Public Transport", "公共交通"),
    ("logistics", "Logistics and Express Delivery", "物流快递"),
    ("banking", "Banking", "银行"),
    ("insurance", "Insurance", "保险"),
    ("securities", "Securities and Funds", "证券基金"),
    ("payments", "Payments", "支付"),
    ("healthcare", "Healthcare and Hospitals", "医疗健康"),
    ("pharmacy", "Pharmacy", "医药零售"),
    ("education", "Education and Training", "教育培训"),
    ("government", "Government Services", "政务服务"),
    ("utilities", "Utilities (Water, Electricity, Gas)", "生活缴费"),
    ("telecommunications", "Telecommunications", "通信运营商"),
    ("real-estate", "Real Estate", "房地产"),
    ("property-management", "Property Management", "物业管理"),
    ("automotive", "Automotive", "汽车"),
    ("car-rental", "Car Rental", "汽车租赁"),
    ("parking", "Parking", "停车服务"),
    ("entertainment", "Entertainment", "休闲娱乐"),
    ("movies-and-shows", "Movies and Shows", "电影演出"),
    ("games", "Games", "游戏"),
    ("sports-and-fitness", "Sports and Fitness", "运动健身"),
    ("beauty", "Beauty and Personal Care", "美容美发"),
    ("household-services", "Household Services", "家政服务"),
    ("news-and-media", "News and Media", "新闻资讯"),
    ("social", "Social Networking", "社交"),
    ("tools", "Tools and Utilities", "工具"),
    ("charity", "Charity and Public Welfare", "公益慈善"),
    ("agriculture", "Agriculture", "农业"),
    ("energy", "Energy", "能源"),
    ("recruitment", "Recruitment and Jobs", "招聘求职"),
    ("legal-services", "Legal Services", "法律服务"),
]


def add_industries(apps, schema_editor):
    Industry = apps.get_model("miniprograms", "Industry")
    for code, name_en, name_zh in INDUSTRIES:
        Industry.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_zh": name_zh}
        )


def remove_industries(apps, schema_editor):
    Industry = apps.get_model("miniprograms", "Industry")
    Industry.objects.filter(
        code__in=[code for code, _name_en, _name_zh in INDUSTRIES], mini_programs=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("miniprograms", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_industries, remove_industries),
    ]

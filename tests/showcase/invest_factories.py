"""Factories for the investment case and the wild-harvest reports."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from partners.models import District, Sector
from showcase.models import (
    InvestmentProject,
    InvestmentSite,
    SupportMeasure,
    TradeFigure,
    TradeYear,
    WildHarvestReport,
)


def sector(slug: str) -> Sector:
    return Sector.objects.get(slug=slug)


def district(slug: str) -> District:
    return District.objects.get(slug=slug)


class TradeYearFactory(DjangoModelFactory):
    class Meta:
        model = TradeYear
        django_get_or_create = ("year",)

    year = 2019
    is_complete = True
    source_ru = "Дальневосточное таможенное управление"
    source_ja = "極東税関"
    source_en = "Far Eastern Customs Administration"
    taken_on = datetime.date(2026, 3, 2)


class TradeFigureFactory(DjangoModelFactory):
    """A figure of a year published as complete, unless the test made that
    year otherwise first."""

    class Meta:
        model = TradeFigure
        skip_postgeneration_save = True

    year = 2019
    partner_country = "JP"
    flow = "export"
    commodity_group = "food"
    value = Decimal(1000)
    currency = "USD"
    source = "test"

    @factory.post_generation
    def trade_year(figure, create, extracted, **kwargs):
        if create:
            TradeYearFactory(year=figure.year)


class SupportMeasureFactory(DjangoModelFactory):
    class Meta:
        model = SupportMeasure
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"measure-{n}")
    name_ru = factory.Sequence(lambda n: f"Налоговая льгота {n}")
    name_ja = factory.Sequence(lambda n: f"税制優遇{n}")
    name_en = factory.Sequence(lambda n: f"Tax relief {n}")
    level = SupportMeasure.Level.REGIONAL
    kind = SupportMeasure.Kind.TAX
    eligibility_ru = "Инвесторы"
    eligibility_ja = "投資家"
    eligibility_en = "Investors"
    benefit_ru = "Пониженная ставка"
    benefit_ja = "軽減税率"
    benefit_en = "A reduced rate"
    limit_ru = "до 50 млн рублей"
    limit_ja = "5,000万ルーブルまで"
    limit_en = "up to 50 million roubles"
    legal_basis_ru = "Закон № 1"
    legal_basis_ja = "法律第1号"
    legal_basis_en = "Law No. 1"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class InvestmentSiteFactory(DjangoModelFactory):
    class Meta:
        model = InvestmentSite

    slug = factory.Sequence(lambda n: f"site-{n}")
    name_ru = factory.Sequence(lambda n: f"Участок {n}")
    name_ja = factory.Sequence(lambda n: f"用地{n}")
    name_en = factory.Sequence(lambda n: f"Plot {n}")
    kind = InvestmentSite.Kind.LAND
    district = factory.LazyFunction(lambda: district("zeysky"))
    area = Decimal("12.5")
    area_unit = InvestmentSite.AreaUnit.HECTARE
    ownership = InvestmentSite.Ownership.MUNICIPAL
    has_power = True
    has_rail = True


class InvestmentProjectFactory(DjangoModelFactory):
    class Meta:
        model = InvestmentProject
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_ru = factory.Sequence(lambda n: f"Лесопильный завод {n}")
    title_ja = factory.Sequence(lambda n: f"製材工場{n}")
    title_en = factory.Sequence(lambda n: f"Sawmill {n}")
    sector = factory.LazyFunction(lambda: sector("forestry"))
    district = factory.LazyFunction(lambda: district("tyndinsky"))
    description_ru = "Переработка лиственницы."
    description_ja = "カラマツの加工です。"
    description_en = "Processing larch."
    partner_sought_ru = "Инвестор"
    partner_sought_ja = "投資家"
    partner_sought_en = "An investor"
    investment_size = Decimal(500)
    currency = "RUB"
    stage = InvestmentProject.Stage.BUSINESS_PLAN
    is_published = True
    is_sample = True

    @factory.post_generation
    def support_measures(self, create, extracted, **kwargs):
        if create and extracted:
            self.support_measures.set(extracted)


class WildHarvestReportFactory(DjangoModelFactory):
    class Meta:
        model = WildHarvestReport

    district = factory.LazyFunction(lambda: district("zeysky"))
    product = "lingonberry"
    year = 2020
    volume_tonnes = Decimal(100)
    month_from = 8
    month_to = 9

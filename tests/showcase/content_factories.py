"""Factories for the showcase's presentations, news and inquiries."""

import datetime
import io

import factory
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from PIL import Image

from showcase.models import (
    Inquiry,
    InquiryHandler,
    InquiryReply,
    InquiryRoute,
    NewsItem,
    Presentation,
    PresentationPdf,
    Slide,
)


def png(width: int = 320, height: int = 180, colour: str = "#0b4a6f", name="s.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


class PresentationFactory(DjangoModelFactory):
    class Meta:
        model = Presentation

    slug = factory.Sequence(lambda n: f"presentation-{n}")
    title_ru = factory.Sequence(lambda n: f"Инвестиционные возможности {n}")
    title_ja = factory.Sequence(lambda n: f"投資機会{n}")
    title_en = factory.Sequence(lambda n: f"Investment opportunities {n}")
    presented_on = datetime.date(2019, 11, 12)
    place_ru = "Токио"
    place_ja = "東京"
    place_en = "Tokyo"
    is_published = True


class SlideFactory(DjangoModelFactory):
    class Meta:
        model = Slide

    presentation = factory.SubFactory(PresentationFactory)
    position = factory.Sequence(lambda n: n)
    heading_ru = factory.Sequence(lambda n: f"Слайд {n}")
    heading_ja = factory.Sequence(lambda n: f"スライド{n}")
    heading_en = factory.Sequence(lambda n: f"Slide {n}")
    transcript_ru = "Амурская область — сосед Японии."
    transcript_ja = "アムール州は日本の隣人です。"
    transcript_en = "The Amur Region is Japan's neighbour."


class PresentationPdfFactory(DjangoModelFactory):
    class Meta:
        model = PresentationPdf

    presentation = factory.SubFactory(PresentationFactory)
    language = "en"


class NewsItemFactory(DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"news-{n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    title_ja = factory.Sequence(lambda n: f"ニュース{n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    summary_ru = "Краткое содержание."
    summary_ja = "概要です。"
    summary_en = "A short summary."
    body_ru = "Первый абзац.\n\nВторой абзац."
    body_ja = "第一段落。\n\n第二段落。"
    body_en = "First paragraph.\n\nSecond paragraph."
    published_on = datetime.date(2020, 2, 1)
    is_published = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)


class InquiryFactory(DjangoModelFactory):
    class Meta:
        model = Inquiry

    name = factory.Sequence(lambda n: f"Taro Yamada {n}")
    organization = "Hokkaido Trading Co."
    email = factory.Sequence(lambda n: f"investor{n}@example.jp")
    country = "Japan"
    message = "We would like to know more about timber processing."
    language = "ja"
    reply_due_on = datetime.date(2020, 3, 2)


class StaffUserFactory(DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@amurinvest.example")
    is_staff = True


class InquiryHandlerFactory(DjangoModelFactory):
    class Meta:
        model = InquiryHandler
        django_get_or_create = ("user",)

    user = factory.SubFactory(StaffUserFactory)
    name_ru = factory.Sequence(lambda n: f"Ольга Петрова {n}")
    name_ja = factory.Sequence(lambda n: f"オリガ・ペトロワ {n}")
    name_en = factory.Sequence(lambda n: f"Olga Petrova {n}")
    title_ru = "Руководитель японского направления"
    title_ja = "日本担当部長"
    title_en = "Head of the Japan desk"
    email = factory.LazyAttribute(lambda handler: f"direct.{handler.user.email}")

    @factory.post_generation
    def may_answer(handler, create, extracted, **kwargs):
        """Who answers inquiries can open them (the assignee's choices are
        the staff who can)."""
        if create:
            handler.user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label="showcase", codename="change_inquiry"
                )
            )


class InquiryReplyFactory(DjangoModelFactory):
    class Meta:
        model = InquiryReply

    inquiry = factory.SubFactory("tests.showcase.content_factories.InquiryFactory")
    body = "Thank you for your question."


class InquiryRouteFactory(DjangoModelFactory):
    """A routing rule; `assignee=<user>` names the user's person (made if
    needed)."""

    class Meta:
        model = InquiryRoute

    class Params:
        assignee = None

    sector = None
    handler = factory.LazyAttribute(
        lambda route: (
            InquiryHandlerFactory(user=route.assignee)
            if route.assignee
            else InquiryHandlerFactory()
        )
    )

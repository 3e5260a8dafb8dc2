"""The public site's content: the agency's news and press releases, and
presentations of the region (decks shown slide by slide, each slide at its
own address, built in the admin or made from an uploaded PDF per language)."""

import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.images import (
    SLIDE_STRIP_SHAPE,
    SOCIAL_CARD_SHAPE,
    CheckedImageField,
)
from amur_invest.publishing import PublishedQuerySet
from amur_invest.text import many_lines, one_line
from partners.models import Language, Sector
from showcase.content.uploads import GeneratedName

# --- Presentations ----------------------------------------------------------

# Every PDF starts with this signature; the name a file arrives with proves
# nothing. The specification lets it sit within the first kilobyte.
PDF_SIGNATURE = b"%PDF-"
PDF_SIGNATURE_WINDOW = 1024


def validate_pdf_upload(upload) -> None:
    """A PDF by content, and no larger than PRESENTATION_PDF_MAX_BYTES."""
    limit = settings.PRESENTATION_PDF_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB. Reduce it and upload it again."),
            code="too_large",
            params={"limit": limit // (1024 * 1024)},
        )
    upload.seek(0)
    head = upload.read(PDF_SIGNATURE_WINDOW)
    upload.seek(0)
    if PDF_SIGNATURE not in head:
        raise ValidationError(
            _("This file is not a PDF. Save the presentation as PDF and upload that."),
            code="not_pdf",
        )


class Presentation(models.Model):
    """A deck shown on one occasion (the Tokyo presentation of November 2019)."""

    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    presented_on = models.DateField(_("presented on"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, validators=[one_line]
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("E.g. a business mission, an exhibition, a forum."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[many_lines],
        help_text=_("Two or three sentences for the list and for search engines."),
    )
    mission = models.ForeignKey(
        "missions.Mission",
        verbose_name=_("business mission"),
        related_name="presentations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The exhibition and the event a deck was made for link here the same way
    # as the mission (exhibitions.Exhibition, showcase Event): nullable,
    # SET_NULL, related_name="presentations".
    is_published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration record, not real content."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["-presented_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("showcase:presentation_detail", kwargs={"slug": self.slug})

    def slide_url(self, number: int) -> str:
        return reverse(
            "showcase:presentation_slide",
            kwargs={"slug": self.slug, "number": number},
        )

    def ordered_slides(self):
        return self.slides.order_by("position", "id")


class SlideQuerySet(models.QuerySet):
    def numbered(self):
        """Each slide with `number`, its 1-based place in its deck: the number
        in its address, whatever gaps staff leave between positions."""
        return self.annotate(
            number=models.Window(
                RowNumber(),
                partition_by=[models.F("presentation_id")],
                order_by=[models.F("position").asc(), models.F("id").asc()],
            )
        )

    def covers(self):
        """The first slide of every deck."""
        return self.numbered().filter(number=1)


class Slide(models.Model):
    """One slide: its image (per language, since a slide's picture carries its
    words), heading, body and the text on it for search engines and screen
    readers."""

    presentation = models.ForeignKey(
        Presentation,
        verbose_name=_("presentation"),
        related_name="slides",
        on_delete=models.CASCADE,
    )
    position = models.PositiveIntegerField(
        pgettext_lazy("place in a sequence", "order"),
        default=0,
        help_text=_("Slides are shown in the order of this number."),
    )
    heading = models.CharField(
        _("heading"), max_length=300, blank=True, validators=[one_line]
    )
    body = models.TextField(_("text"), blank=True, validators=[many_lines])
    image = CheckedImageField(
        _("image"),
        upload_to=GeneratedName("presentations/slides"),
        blank=True,
        # The slide, the cover of its deck in the list, the card for social
        # networks, the row of small slides.
        shown_as=("", "16:9", SOCIAL_CARD_SHAPE, SLIDE_STRIP_SHAPE),
    )
    transcript = models.TextField(
        _("text on the slide"),
        blank=True,
        validators=[many_lines],
        help_text=_(
            "What the slide's image says, as text: read by screen readers and "
            "search engines. Filled from the PDF; write it for a slide built here."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlideQuerySet.as_manager()

    class Meta:
        verbose_name = _("slide")
        verbose_name_plural = _("slides")
        ordering = ["presentation", "position", "id"]

    def __str__(self):
        return self.heading or f"{self.presentation} #{self.position}"

    @property
    def text(self) -> str:
        """What a reader who cannot see the image gets: the transcript, or the
        slide's own text when it has none."""
        return self.transcript or self.body


class PresentationPdf(models.Model):
    """A PDF of the deck in one language, turned into slides by a task."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for conversion")
        DONE = "done", _("converted")
        FAILED = "failed", _("failed")

    presentation = models.ForeignKey(
        Presentation,
        verbose_name=_("presentation"),
        related_name="pdf_files",
        on_delete=models.CASCADE,
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(
        _("PDF file"),
        upload_to=GeneratedName("presentations/pdf", extension=".pdf"),
        validators=[validate_pdf_upload],
        help_text=_(
            "One slide per page. The text of each page becomes its transcript."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.WAITING,
        editable=False,
    )
    pages = models.PositiveSmallIntegerField(
        _("pages"), null=True, blank=True, editable=False
    )
    error = models.TextField(_("error"), blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    converted_at = models.DateTimeField(
        _("converted"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("PDF of the presentation")
        verbose_name_plural = _("PDFs of the presentation")
        ordering = ["presentation", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["presentation", "language"],
                name="showcase_presentation_pdf_one_per_language",
                violation_error_message=_(
                    "This presentation already has a PDF in this language: "
                    "replace that file instead."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.presentation} ({self.get_language_display()})"


# --- News -------------------------------------------------------------------

# What an editor may use when a text is written as HTML: structure and
# emphasis, links; never scripts, styles, frames or event handlers.
BODY_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
BODY_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "th": {"scope"}}
RESERVED_SLUGS = {"feed"}
TAG_NAMES = "|".join(sorted(BODY_TAGS))
LOOKS_LIKE_HTML = re.compile(rf"</?({TAG_NAMES})\b", re.IGNORECASE)
BLOCK_TAG = re.compile(r"<(p|h2|h3|ul|ol|blockquote|figure|table)\b", re.IGNORECASE)


def body_as_html(text: str) -> SafeString:
    """A body written as plain paragraphs (blank lines between them) becomes
    <p> elements; HTML in it is kept to BODY_TAGS by nh3, and paragraphs of
    text with only inline tags (<strong>, <a>) still become <p> elements."""
    text = text or ""
    if not LOOKS_LIKE_HTML.search(text):
        # linebreaks() has escaped the text; it returns a plain string.
        return mark_safe(linebreaks(text, autoescape=True))
    cleaned = nh3.clean(
        text,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    if not BLOCK_TAG.search(cleaned):
        cleaned = linebreaks(cleaned, autoescape=False)
    # nh3 has just removed everything outside the allowed tags and
    # attributes: what is left is safe to show as HTML.
    return mark_safe(cleaned)


class NewsItemQuerySet(PublishedQuerySet):
    def published(self, today=None):
        """Published items whose date has come: an item dated ahead waits."""
        today = today or timezone.localdate()
        return super().published().filter(published_on__lte=today)


class NewsItem(models.Model):
    """A news item or a press release, in three languages."""

    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("kind of news item", "news")
        PRESS_RELEASE = (
            "press_release",
            pgettext_lazy("kind of news item", "press release"),
        )

    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS
    )
    published_on = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("An item dated in the future appears on that day."),
    )
    summary = models.TextField(
        _("summary"),
        validators=[many_lines],
        help_text=_(
            "One or two sentences: shown in the list, the feed and on social networks."
        ),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        validators=[many_lines],
        help_text=_(
            "Plain paragraphs separated by a blank line, or simple HTML "
            "(paragraphs, headings, lists, links, emphasis); anything else is removed."
        ),
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="news_items", blank=True
    )
    image = CheckedImageField(
        _("image"),
        upload_to=GeneratedName("news"),
        blank=True,
        shown_as=("", "4:3", SOCIAL_CARD_SHAPE),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("What the image shows, for people who cannot see it."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration record, not real news."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="news_date_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("showcase:news_detail", kwargs={"slug": self.slug})

    def clean(self):
        # /news/feed/ is the Atom feed: an item of that name could not be reached.
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by the site. Choose another.")}
            )

    @property
    def body_html(self) -> SafeString:
        return body_as_html(self.body)

"""The agency's news and press releases."""

import re

import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.images import SOCIAL_CARD_SHAPE, CheckedImageField
from amur_invest.publishing import PublishedQuerySet
from amur_invest.text import many_lines, one_line
from partners.models import Sector
from showcase.models.uploads import GeneratedName

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

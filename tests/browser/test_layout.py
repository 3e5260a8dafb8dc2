"""Every kind of public page at a phone's width (390 px) and at two laptop
widths (1280 and 1366 px), in Japanese and Russian, with the demo data: the
page never scrolls sideways, no text is squeezed into a column narrower than
12 characters, no card has a stray list number beside it, no chart label is
cut off at the edge of its chart, and the main menu stays on one line on a
laptop. The slide viewer keeps the slide and
its buttons inside the window.

One browser page visits every address in turn: loading the demo once and
reusing the page keeps this quick."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from exhibitions.models import Exhibition
from missions.models import Mission
from partners.models import Company, Sector
from showcase.calendar.models import Event
from showcase.models import (
    InvestmentProject,
    InvestmentSite,
    NewsItem,
    Presentation,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (390, 1280, 1366)
LANGUAGES = ("ja", "ru")

# Returns what is wrong with the page as shown: a list of sentences.
AUDIT = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`scrolls sideways: ${root.scrollWidth} px in ${window.innerWidth}`);
  }
  // A text column: the block a text wraps in. Its width is compared with 12
  // characters of its font: a Japanese character is 1 em wide, a Latin or
  // Cyrillic one about half of that.
  const wide = /[\\u3040-\\u30ff\\u3400-\\u9fff]/;
  const main = document.querySelector('main') || document.body;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const reported = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (text.length < 12) continue;
    if (node.parentElement.closest('svg, script, style, .visually-hidden')) continue;
    let block = node.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    if (!block || reported.has(block)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()]
      .filter(rect => rect.width > 0).map(rect => Math.round(rect.top)));
    if (lines.size < 2) continue;  // it does not wrap: no column to judge
    const style = getComputedStyle(block);
    const width = block.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight);
    if (width < 4) continue;  // hidden for screen readers only
    const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
    if (width < 12 * size * (wide.test(text) ? 1 : 0.5)) {
      reported.add(block);
      problems.push(`narrow column ${Math.round(width)} px at ${size} px: "${text.slice(0, 30)}"`);
    }
  }
  // A card in a list (news, companies, exhibitions) has no number or bullet.
  const marked = [...main.querySelectorAll('ol > li, ul > li')].filter(item =>
    item.querySelector('article, .card') && getComputedStyle(item).display === 'list-item'
    && getComputedStyle(item).listStyleType !== 'none');
  if (marked.length) problems.push(`${marked.length} cards with a list marker`);
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    for (const label of svg.querySelectorAll('text')) {
      const rect = label.getBoundingClientRect();
      if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5
          || rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5) {
        problems.push(`chart label cut off: "${label.textContent.trim()}"`);
      }
    }
  }
  if (window.innerWidth >= 1280) {
    const tops = new Set([...document.querySelectorAll('.site-nav a')]
      .map(link => Math.round(link.getBoundingClientRect().top)));
    if (tops.size !== 1) problems.push(`the menu takes ${tops.size} lines`);
  }
  return problems;
}"""

SLIDE_IN_WINDOW = """() => {
  const bottoms = [...document.querySelectorAll('.slide-frame--main, .slide-controls a')]
    .map(element => element.getBoundingClientRect().bottom);
  return {count: bottoms.length, lowest: Math.max(...bottoms), window: window.innerHeight};
}"""


@pytest.fixture
def demo_site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0, stdout=io.StringIO())


def page_kinds(language: str) -> list[str]:
    """One address of each kind of public page."""

    def first(queryset):
        return queryset.order_by("pk").first()

    with translation.override(language):
        presentation = first(Presentation.objects.published())
        exhibition = Exhibition.objects.exclude(participations=None).first() or first(
            Exhibition.objects.all()
        )
        names = [
            "showcase:home",
            "showcase:invest",
            "showcase:project_list",
            "showcase:support_list",
            "showcase:site_list",
            "showcase:wild_harvest",
            "partners:company_list",
            "missions:mission_list",
            "exhibitions:exhibition_list",
            "showcase:event_list",
            "showcase:activity",
            "showcase:exchanges",
            "showcase:presentation_list",
            "showcase:news_list",
            "showcase:contact",
            "showcase:sitemap",
            "showcase:privacy",
        ]
        paths = [reverse(name) for name in names]
        paths += [
            first(Company.objects.published()).get_absolute_url(),
            first(InvestmentProject.objects.published()).get_absolute_url(),
            first(InvestmentSite.objects.published()).get_absolute_url(),
            first(NewsItem.objects.published()).get_absolute_url(),
            reverse(
                "showcase:sector_detail",
                kwargs={"slug": first(Sector.objects.all()).slug},
            ),
            reverse("showcase:sector_detail", kwargs={"slug": "wild-harvest"}),
            first(Mission.objects.all()).get_absolute_url(),
            reverse(
                "missions:mission_register",
                kwargs={"slug": Mission.objects.open_for_registration().get().slug},
            ),
            exhibition.get_absolute_url(),
            reverse("exhibitions:apply", kwargs={"slug": exhibition.slug}),
            first(Event.objects.all()).get_absolute_url(),
            presentation.get_absolute_url(),
            presentation.slide_url(1),
        ]
    return paths


def test_every_page_kind_fits_a_phone_and_a_laptop(page, live_server, demo_site):
    pages = {language: page_kinds(language) for language in LANGUAGES}
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for language in LANGUAGES:
            for path in pages[language]:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, path
                found = page.evaluate(AUDIT)
                if found:
                    problems[f"{width} px {path}"] = found
    problems.update(slides_taller_than_the_window(page, live_server))
    assert problems == {}


def slides_taller_than_the_window(page, live_server) -> dict:
    """The slide viewer on a laptop's and a phone's screen: the slide and its
    buttons end above the window's lower edge."""
    presentation = Presentation.objects.published().order_by("pk").first()
    with translation.override("ja"):
        address = f"{live_server.url}{presentation.slide_url(1)}"
    too_tall = {}
    for width, height in [(1280, 800), (1366, 768), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(address)
        page.wait_for_load_state("load")
        shown = page.evaluate(SLIDE_IN_WINDOW)
        assert shown["count"] >= 3, "the slide and its buttons"
        if shown["lowest"] > shown["window"]:
            too_tall[f"slide at {width}x{height}"] = [f"ends at {shown['lowest']} px"]
    return too_tall

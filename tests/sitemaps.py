"""The XML sitemaps as one tree: /sitemap.xml is an index of a sitemap a
section, each in pages."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def sitemap_xml(client) -> ET.Element:
    """Every <url> of every section, under one <urlset>."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    merged = ET.Element(f"{{{SITEMAP_NS['sm']}}}urlset")
    for location in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        address = urlsplit(location.text)
        path = address.path + (f"?{address.query}" if address.query else "")
        section = ET.fromstring(client.get(path).content)
        merged.extend(section.findall("sm:url", SITEMAP_NS))
    return merged

"""Reading the sitemap as a search engine does: the index, then each of its pages."""

from xml.etree import ElementTree

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_urls(client):
    """Every <url> element of every page the sitemap index lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = []
    for loc in ElementTree.fromstring(index.content).findall("s:sitemap/s:loc", NS):
        page = client.get(loc.text.removeprefix("http://testserver"))
        assert page.status_code == 200, loc.text
        urls += ElementTree.fromstring(page.content).findall("s:url", NS)
    return urls


def sitemap_locations(client):
    return [url.find("s:loc", NS).text for url in sitemap_urls(client)]

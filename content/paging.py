"""Page numbers for long lists (topic pages, search results), after GOV.UK's pagination pattern:
previous and next links, the first and last pages, and the pages next to this one."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: int
    count: int
    previous_url: str
    next_url: str
    items: list

    def __bool__(self):
        return self.count > 1


def pagination(page, count, url_for):
    """Links for page `page` of `count`; url_for(n) is page n's address."""
    if count <= 1:
        return Pagination(page=page, count=count, previous_url="", next_url="", items=[])
    shown = sorted({1, count, page - 1, page, page + 1} & set(range(1, count + 1)))
    items, last = [], 0
    for number in shown:
        if number - last > 1:
            items.append(PageLink(number=None))
        items.append(PageLink(number=number, url=url_for(number), current=number == page))
        last = number
    return Pagination(
        page=page,
        count=count,
        previous_url=url_for(page - 1) if page > 1 else "",
        next_url=url_for(page + 1) if page < count else "",
        items=items,
    )

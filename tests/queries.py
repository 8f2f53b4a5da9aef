"""Counting a page's queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


class PageQueries(CaptureQueriesContext):
    """The queries run inside the block, except a statement PREPAREd once per database connection
    (content.page_queries): that is a cost of the connection, not of each page."""

    def __init__(self):
        super().__init__(connection)

    @property
    def captured_queries(self):
        return [query for query in super().captured_queries if not query["sql"].startswith("PREPARE ")]

    def __len__(self):
        return len(self.captured_queries)

"""Drive the questionnaire through the test client as a browser would, form by form."""

import re
from html import unescape

STATE = re.compile(r'name="state" value="([^"]*)"')


class Journey:
    def __init__(self, client):
        self.client = client
        self.responses = []
        self.response = None

    @property
    def page(self):
        return self.response.content.decode()

    @property
    def state(self):
        match = STATE.search(self.page)
        return unescape(match.group(1)) if match else ""

    def get(self, url="/uk/pathways/questions/"):
        self.response = self.client.get(url)
        self.responses.append(self.response)
        return self

    def post(self, **data):
        data.setdefault("state", self.state)
        self.response = self.client.post("/uk/pathways/questions/", data)
        self.responses.append(self.response)
        return self

    def answer(self, step, value):
        data = {"step": step, "action": "continue"}
        if value is not None:
            data[step] = value
        return self.post(**data)

    def answer_all(self, answers):
        for step, value in answers.items():
            self.answer(step, value)
            assert self.response.status_code == 200
            assert "There is a problem" not in self.page, (step, value)
        return self

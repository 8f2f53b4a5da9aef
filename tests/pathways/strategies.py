"""Hypothesis strategies for complete, valid questionnaire answers."""

from hypothesis import strategies as st

from pathways.questions import QUESTIONS


def _answer(question):
    if not question.multiple:
        return st.sampled_from(question.choice_ids)
    combinable = [choice for choice in question.choice_ids if choice not in question.exclusive]
    some = st.lists(st.sampled_from(combinable), min_size=1, unique=True)
    alone = st.sampled_from(sorted(question.exclusive)).map(lambda choice: [choice])
    return st.one_of(some, alone)


answers = st.fixed_dictionaries({question.id: _answer(question) for question in QUESTIONS})

"""Pages that route people to help."""

from django.shortcuts import render


def get_help(request):
    return render(request, "pathways/get_help.html")


def start(request):
    return render(request, "pathways/start.html")

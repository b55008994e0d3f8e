"""Sending an observation and following what became of it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rasad.contributions.forms import ContributionForm
from rasad.contributions.models import Contribution
from rasad.contributions.services import contribution_submit
from rasad.core.htmx import LoggedInRequest


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request: LoggedInRequest) -> HttpResponse:
    form = ContributionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            contribution_submit(form=form, user=request.user)
            messages.success(request, _("رصد شما رسید و پس از بررسی سردبیران منتشر می‌شود."))
            return redirect("contributions:mine")
        return render(request, "contributions/contribute.html", {"form": form}, status=400)
    return render(request, "contributions/contribute.html", {"form": form})


@login_required
@require_GET
def my_contributions(request: LoggedInRequest) -> HttpResponse:
    contributions = Contribution.objects.filter(user=request.user).select_related("think_tank", "article")
    return render(request, "contributions/my_contributions.html", {"contributions": contributions})

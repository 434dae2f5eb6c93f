from django.shortcuts import render

from accounts.access import member_required


@member_required
def baseline(request):
    """As fast as a signed-in console page can be: the same middleware and access check, a
    minimal template, no query of its own."""
    return render(request, "bench/baseline.html")

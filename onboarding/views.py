from django.shortcuts import render

from members.access import member_required


@member_required(permission="may_change_settings")
def start(request):
    # A placeholder until the onboarding wizard lands: the Owner lands here after sign-up.
    return render(request, "onboarding/start.html")

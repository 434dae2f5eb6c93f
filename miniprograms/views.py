from django.shortcuts import render

from members.access import member_required
from miniprograms.selectors import visible_mini_programs


@member_required
def mini_program_list(request):
    # Placeholder until the Manage Mini Program pages land.
    mini_programs = visible_mini_programs(request.membership)
    return render(request, "miniprograms/list.html", {"mini_programs": mini_programs})

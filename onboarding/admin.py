from django.contrib import admin

from onboarding.models import Onboarding


@admin.register(Onboarding)
class OnboardingAdmin(admin.ModelAdmin):
    list_display = ["workspace", "status", "path", "step", "mini_program", "started_at"]
    list_filter = ["status", "path", "step"]
    search_fields = ["workspace__name"]
    list_select_related = ["workspace", "mini_program"]
    readonly_fields = ["started_at", "updated_at", "finished_at"]
    raw_id_fields = ["workspace", "mini_program"]

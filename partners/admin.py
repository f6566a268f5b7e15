from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Body, Membership, Organisation, Person, Team


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "sector"]
    list_filter = ["sector"]
    search_fields = ["name", "acronym"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "initials", "job_title", "organisation", "email", "user"]
    list_filter = ["organisation__sector", "remind_before_due"]
    search_fields = ["name", "initials", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]
    list_select_related = ["organisation", "user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    filter_horizontal = ["members"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "parent", "numbering"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline, TeamInline]
    list_select_related = ["parent"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "body", "role", "organisation", "start_date", "end_date"]
    list_filter = ["role", "body"]
    search_fields = ["person__name", "body__name", "organisation__name"]
    autocomplete_fields = ["person", "body", "organisation"]
    list_select_related = ["person", "body", "organisation"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "everyone"]
    list_filter = ["body"]
    search_fields = ["name"]
    filter_horizontal = ["members"]

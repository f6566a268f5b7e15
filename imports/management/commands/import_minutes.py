"""Read one set of past minutes and print what would be imported. Writes nothing.

python manage.py import_minutes minutes.docx --body siig --json
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imports.parser import NotMinutes, parse_minutes
from imports.reader import ReadError, read_file
from imports.selectors import body_match, proposal_matches
from partners.models import Body


class Command(BaseCommand):
    help = "Read past minutes (.docx, .pdf, .txt) and print the proposed meeting; writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The minutes file")
        parser.add_argument("--body", help="Slug of the body the minutes belong to")
        parser.add_argument("--json", action="store_true", help="Print the proposal as JSON")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            document = read_file(path.name, path.read_bytes(), max_bytes=settings.IMPORT_MAX_BYTES)
            proposal = parse_minutes(document.lines).to_dict()
        except (ReadError, NotMinutes) as exc:
            raise CommandError(str(exc)) from exc
        body = None
        if options["body"]:
            body = Body.objects.filter(slug=options["body"]).first()
            if body is None:
                raise CommandError(f"No body with the slug {options['body']!r}.")
            proposal["body"] = {"slug": body.slug, "name": body.name, "score": None}
        else:
            found = body_match(
                proposal["meeting"]["body"], proposal["meeting"]["body_acronym"], Body.objects.all()
            )
            if found:
                body = Body.objects.get(pk=found.pk)
                proposal["body"] = {"slug": body.slug, "name": body.name, "score": found.score}
            else:
                proposal["body"] = {"slug": None, "name": proposal["meeting"]["body"], "new": True}
        matches = proposal_matches(proposal, body)
        for index, row in enumerate(proposal["attendance"]):
            row["matches"] = [
                {"person": m.pk, "label": m.label, "score": m.score}
                for m in matches["people"][index]
            ]
        if options["json"]:
            self.stdout.write(json.dumps(proposal, indent=2, ensure_ascii=False))
            return
        meeting = proposal["meeting"]
        self.stdout.write(
            f"{proposal['body']['name']}: {meeting['title']} ({meeting['date']})\n"
            f"{len(proposal['attendance'])} on the register, {len(proposal['items'])} items, "
            f"{len(proposal['decisions'])} decisions, {len(proposal['actions'])} actions."
        )
        for warning in proposal["warnings"]:
            self.stdout.write(f"Check: {warning}")

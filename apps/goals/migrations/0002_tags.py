"""The cross-cutting tags every kommun uses: the 17 global goals of Agenda 2030 with their
official Swedish short titles, Barnkonventionen, and the three sustainability dimensions."""

from django.db import migrations

AGENDA_2030 = [
    "Ingen fattigdom",
    "Ingen hunger",
    "God hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
]
DIMENSIONS = [("ekonomisk", "Ekonomisk hållbarhet"), ("ekologisk", "Ekologisk hållbarhet"),
              ("social", "Social hållbarhet")]


def create_tags(apps, schema_editor):
    Tag = apps.get_model("goals", "Tag")
    for number, name in enumerate(AGENDA_2030, start=1):
        Tag.objects.update_or_create(
            kind="agenda2030", code=str(number), defaults={"name": name, "position": number}
        )
    Tag.objects.update_or_create(
        kind="barnkonventionen", code="bk", defaults={"name": "Barnkonventionen", "position": 1}
    )
    for position, (code, name) in enumerate(DIMENSIONS, start=1):
        Tag.objects.update_or_create(
            kind="hallbarhet", code=code, defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(create_tags, migrations.RunPython.noop)]

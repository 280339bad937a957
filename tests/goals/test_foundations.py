"""The model's foundation elements (värdegrund, ledord, ledarfilosofi, principles): decided by
the administrator with their decision and years, read back per year in one query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.locking import StaleEdit
from apps.goals import selectors, services
from apps.goals.models import FoundationElement, SteeringModel, Tag
from apps.goals.tags import ensure_tags

REASON = "Beslut i KF"


@pytest.fixture
def ale(org) -> SteeringModel:
    return services.steering_model_load_preset(actor=None, key="ale", activate=True)


def add(actor, model, **fields) -> FoundationElement:
    fields.setdefault("kind", "ledord")
    fields.setdefault("title", "Ledord")
    return services.foundation_element_save(actor=actor, model=model, reason=REASON, **fields)


class TestSelector:
    def test_elements_valid_in_the_year_values_first(self, ale, admin_user, org):
        values = ale.foundations.get(kind="vardegrund")
        services.foundation_element_save(
            actor=admin_user, element=values, model=ale, kind="vardegrund", title="Värdegrund",
            text=values.text, first_year=2022, last_year=2029, decided_by=org.kf,
            decided_on=dt.date(2021, 12, 20), paragraph="§ 265", reason=REASON,
            expected_version=values.version,
        )  # fmt: skip
        add(admin_user, ale, title="Gammalt ledord", first_year=2018, last_year=2021)
        add(admin_user, ale, title="Nytt ledord", first_year=2022)

        in_2024 = [e.title for e in selectors.foundations(model=ale, year=2024)]
        in_2030 = [e.title for e in selectors.foundations(model=ale, year=2030)]

        assert in_2024[:2] == ["Värdegrund", "Nytt ledord"]
        assert "Gammalt ledord" not in in_2024
        assert in_2024[2:] == [
            "Tillit", "Medborgarfokus", "Helhetssyn", "Handlingsutrymme", "Stöd", "Kunskap",
            "Öppenhet",
        ]  # fmt: skip
        assert "Värdegrund" not in in_2030
        assert "Nytt ledord" in in_2030

    @pytest.mark.parametrize("extra", [0, 40])
    def test_one_query_whatever_the_number(
        self, ale, admin_user, org, extra, django_assert_num_queries
    ):
        FoundationElement.objects.bulk_create(
            FoundationElement(model=ale, kind="princip", title=f"P{n}", decided_by=org.kf)
            for n in range(extra)
        )
        with django_assert_num_queries(1):
            elements = selectors.foundations(model=ale, year=2026)
            names = [e.decided_by and e.decided_by.name for e in elements]
        assert len(names) == 8 + extra

    def test_another_models_elements_are_not_shown(self, ale, org):
        services.steering_model_load_preset(actor=None, key="borlange")
        titles = {e.title for e in selectors.foundations(model=ale, year=2026)}
        assert "Decentralisering" not in titles
        assert "Tillit" in titles


class TestSave:
    def test_admin_records_the_decision_with_history(self, ale, admin_user, org):
        element = add(
            admin_user, ale, kind="vardegrund", title="Ny värdegrund",
            text="<p>Vi <strong>litar</strong> på varandra.</p><script>alert(1)</script>",
            first_year=2022, last_year=2029, decided_by=org.kf,
            decided_on=dt.date(2021, 12, 20), paragraph="§ 265",
        )  # fmt: skip
        element.refresh_from_db()
        assert element.text == "<p>Vi <strong>litar</strong> på varandra.</p>"
        assert (element.decided_by, element.paragraph) == (org.kf, "§ 265")
        record = element.history.latest()
        assert (record.history_user, record.history_change_reason) == (admin_user, REASON)

    def test_an_editor_may_not(self, ale, editor_a):
        before = FoundationElement.objects.count()
        with pytest.raises(PermissionDenied):
            add(editor_a, ale, title="Mitt ledord")
        assert FoundationElement.objects.count() == before

    def test_ales_values_are_decided_for_at_most_eight_years(self, ale, admin_user, org):
        with pytest.raises(ValidationError) as caught:
            add(admin_user, ale, kind="vardegrund", title="Nio år", first_year=2022,
                last_year=2030)  # fmt: skip
        assert set(caught.value.error_dict) == {"last_year"}
        with pytest.raises(ValidationError) as caught:
            add(admin_user, ale, kind="vardegrund", title="Tills vidare", first_year=2022)
        assert set(caught.value.error_dict) == {"last_year"}
        assert add(
            admin_user, ale, kind="vardegrund", title="Åtta år", first_year=2022, last_year=2029
        ).pk

    def test_a_principle_has_no_horizon(self, ale, admin_user):
        assert add(admin_user, ale, kind="princip", title="Lärande", first_year=2022).pk

    def test_a_decision_without_a_body_is_refused(self, ale, admin_user):
        with pytest.raises(ValidationError) as caught:
            add(admin_user, ale, decided_on=dt.date(2021, 12, 20), paragraph="§ 265")
        assert set(caught.value.error_dict) == {"decided_by"}

    def test_a_bad_paragraph_is_refused(self, ale, admin_user, org):
        with pytest.raises(ValidationError) as caught:
            add(admin_user, ale, decided_by=org.kf, decided_on=dt.date(2021, 12, 20),
                paragraph="paragraf 265")  # fmt: skip
        assert set(caught.value.error_dict) == {"paragraph"}

    def test_two_administrators_with_the_same_version(self, ale, admin_user):
        element = ale.foundations.get(title="Tillit")
        opened = element.version
        services.foundation_element_save(
            actor=admin_user, model=ale, element=element, kind="princip", title="Tillit",
            text="Först", reason=REASON, expected_version=opened,
        )  # fmt: skip
        with pytest.raises(StaleEdit):
            services.foundation_element_save(
                actor=admin_user, model=ale, element=element, kind="princip", title="Tillit",
                text="Sedan", reason=REASON, expected_version=opened,
            )  # fmt: skip
        element.refresh_from_db()
        assert element.text == "<p>Först</p>"

    def test_another_models_element_is_refused(self, ale, admin_user):
        borlange = services.steering_model_load_preset(actor=None, key="borlange")
        element = borlange.foundations.first()
        with pytest.raises(ValidationError):
            services.foundation_element_save(
                actor=admin_user, model=ale, element=element, kind="princip", title="X",
                reason=REASON,
            )  # fmt: skip

    def test_ending_keeps_it_in_the_years_it_held(self, ale, admin_user):
        element = add(admin_user, ale, title="Koncernnytta", first_year=2020)
        services.foundation_element_end(
            actor=admin_user, element=element, last_year=2023, reason="Ersatt"
        )
        assert "Koncernnytta" in {e.title for e in selectors.foundations(model=ale, year=2023)}
        assert "Koncernnytta" not in {e.title for e in selectors.foundations(model=ale, year=2024)}
        with pytest.raises(ValidationError):
            services.foundation_element_end(
                actor=admin_user, element=element, last_year=2019, reason="Fel"
            )


class TestPerspectiveRename:
    @pytest.fixture
    def alvesta(self, org) -> SteeringModel:
        ensure_tags(Tag)
        return services.steering_model_load_preset(actor=None, key="alvesta", activate=True)

    def test_renaming_a_dimension_renames_its_tag(self, alvesta, admin_user):
        social = alvesta.perspectives.get(key="social")
        services.perspective_rename(
            actor=admin_user, perspective=social, name="Social hållbarhet och trygghet",
            reason="Nytt namn i KF", expected_version=social.version,
        )  # fmt: skip
        tag = Tag.objects.get(kind="hallbarhet", code="social")
        assert tag.name == "Social hållbarhet och trygghet"
        assert social.history.latest().history_change_reason == "Nytt namn i KF"

    def test_the_admin_page_rename_renames_the_tag_too(self, alvesta, admin_user):
        ecology = alvesta.perspectives.get(key="ekologisk")
        ecology.name = "Miljömässig hållbarhet"
        services.configuration_save(actor=admin_user, instance=ecology, reason="Dokumentets ord")
        assert Tag.objects.get(kind="hallbarhet", code="ekologisk").name == (
            "Miljömässig hållbarhet"
        )

    def test_a_perspective_of_a_model_not_in_use_leaves_the_tag(self, alvesta, admin_user):
        vadstena = services.steering_model_load_preset(actor=None, key="vadstena")
        social = vadstena.perspectives.get(key="social")
        services.perspective_rename(
            actor=admin_user, perspective=social, name="Socialt", reason="Test"
        )
        assert Tag.objects.get(kind="hallbarhet", code="social").name == "Social hållbarhet"

    def test_a_scorecard_perspective_touches_no_tag(self, vimmerby, admin_user):
        before = list(Tag.objects.values_list("name", flat=True))
        services.perspective_rename(
            actor=admin_user, perspective=vimmerby.perspectives.get(key="ekonomi"),
            name="Ekonomi och resurser", reason="Test",
        )  # fmt: skip
        assert list(Tag.objects.values_list("name", flat=True)) == before

    def test_an_editor_may_not_rename(self, alvesta, editor_a):
        social = alvesta.perspectives.get(key="social")
        with pytest.raises(PermissionDenied):
            services.perspective_rename(
                actor=editor_a, perspective=social, name="Socialt", reason="Test"
            )
        social.refresh_from_db()
        assert social.name == "Social hållbarhet"

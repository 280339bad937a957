"""The access helper, branch by branch, for every persona on its own, a child and another unit.

Units: "own" is Nämnd A (editor A's unit), "child" is Enhet A1 two levels below it,
"other" is Nämnd B, "top" is KF above them all.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.accounts.access import Subtree, access_for, forget_access
from apps.organisation.access import get_unit_for_user, require_organisation_reader
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory

UNITS = {"own": "namnd_a", "child": "enhet_a1", "other": "namnd_b", "top": "kf"}

# persona: can_read, is_administrator, is_economist, units it may edit, units whose economy
# it may manage.
EXPECTED = {
    "politician": (True, False, False, set(), set()),
    "editor_a": (True, False, False, {"own", "child"}, set()),
    "editor_b": (True, False, False, {"other"}, set()),
    "economist": (True, False, True, set(), {"own", "child", "other", "top"}),
    "admin_user": (True, True, False, {"own", "child", "other", "top"}, set()),
    "outsider": (False, False, False, set(), set()),
    "superuser": (True, True, True, {"own", "child", "other", "top"},
                  {"own", "child", "other", "top"}),
    "inactive_editor": (False, False, False, set(), set()),
}  # fmt: skip


@pytest.fixture(params=sorted(EXPECTED))
def persona(request):
    return request.param, request.getfixturevalue(request.param)


def test_can_read(persona):
    name, user = persona
    assert access_for(user).can_read is EXPECTED[name][0]


def test_is_administrator(persona):
    name, user = persona
    assert access_for(user).is_administrator is EXPECTED[name][1]


def test_is_economist(persona):
    name, user = persona
    assert access_for(user).is_economist is EXPECTED[name][2]


@pytest.mark.parametrize("where", sorted(UNITS))
def test_can_edit_for(persona, org, where):
    name, user = persona
    unit = getattr(org, UNITS[where])
    assert access_for(user).can_edit_for(unit) is (where in EXPECTED[name][3])


@pytest.mark.parametrize("where", sorted(UNITS))
def test_can_manage_economy_for(persona, org, where):
    name, user = persona
    unit = getattr(org, UNITS[where])
    assert access_for(user).can_manage_economy_for(unit) is (where in EXPECTED[name][4])


def test_reads_unpublished_only_for_economists_and_administrators(persona):
    name, user = persona
    _, is_admin, is_economist, _, _ = EXPECTED[name]
    assert access_for(user).reads_unpublished is (is_admin or is_economist)


def test_anonymous_user_has_no_access(org):
    access = access_for(AnonymousUser())
    assert not access.can_read
    assert not access.is_administrator
    assert not access.is_economist
    assert not access.can_edit_for(org.namnd_a)
    assert not access.can_manage_economy_for(org.namnd_a)
    assert access.assignments == []


def test_inactive_superuser_has_no_access(org):
    user = UserFactory(username="gammal_root", is_superuser=True, is_active=False)
    access = access_for(user)
    assert not access.is_superuser
    assert not access.can_read
    assert not access.can_edit_for(org.kf)


def test_economist_of_one_unit_manages_only_that_subtree(org):
    user = UserFactory(username="ekonom_a")
    RoleAssignmentFactory(user=user, role="ekonom", unit=org.namnd_a)
    access = access_for(user)
    assert access.is_economist
    assert access.can_manage_economy_for(org.namnd_a)
    assert access.can_manage_economy_for(org.forvaltning_a)
    assert access.can_manage_economy_for(org.enhet_a1)
    assert not access.can_manage_economy_for(org.namnd_b)
    assert not access.can_manage_economy_for(org.kf)
    assert not access.can_edit_for(org.namnd_a)


def test_editor_of_a_child_unit_cannot_edit_its_parent(org):
    user = UserFactory(username="redaktor_fa")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.forvaltning_a)
    access = access_for(user)
    assert access.can_edit_for(org.forvaltning_a)
    assert access.can_edit_for(org.enhet_a1)
    assert not access.can_edit_for(org.namnd_a)
    assert not access.can_edit_for(org.ks)


def test_editor_of_a_unit_in_one_tree_cannot_edit_another_tree(org):
    # A second root has the same lft/rght range as parts of the first tree.
    other_root = UnitFactory(kind="kf", name="Annan kommun", ansvarskod="900")
    for unit in (other_root, org.kf, org.enhet_a1):
        unit.refresh_from_db()  # a new root may renumber the trees
    assert other_root.tree_id != org.kf.tree_id
    user = UserFactory(username="redaktor_kf")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.kf)
    access = access_for(user)
    assert access.can_edit_for(org.enhet_a1)
    assert not access.can_edit_for(other_root)


def test_user_with_several_roles_on_several_units(org):
    user = UserFactory(username="mangsysslare")
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.forvaltning_a)
    RoleAssignmentFactory(user=user, role="redaktor", unit=org.forvaltning_b)
    RoleAssignmentFactory(user=user, role="ekonom", unit=org.namnd_b)
    RoleAssignmentFactory(user=user, role="lasare", unit=None)
    access = access_for(user)

    assert access.can_read
    assert access.roles == {"redaktor", "ekonom", "lasare"}
    assert not access.is_administrator
    assert access.is_economist
    # Editor of two förvaltningar, not of the nämnder above them.
    assert access.can_edit_for(org.forvaltning_a)
    assert access.can_edit_for(org.enhet_a1)
    assert access.can_edit_for(org.forvaltning_b)
    assert not access.can_edit_for(org.namnd_a)
    assert not access.can_edit_for(org.namnd_b)
    assert not access.can_edit_for(org.ks)
    # Economist of Nämnd B only.
    assert access.can_manage_economy_for(org.namnd_b)
    assert access.can_manage_economy_for(org.forvaltning_b)
    assert not access.can_manage_economy_for(org.forvaltning_a)
    assert [unit.pk for unit in access.editor_units()] == [
        org.forvaltning_a.pk,
        org.forvaltning_b.pk,
    ]


def test_access_is_computed_once_and_cached_on_the_user(editor_a, org, django_assert_num_queries):
    with django_assert_num_queries(1):
        access = access_for(editor_a)
        access.can_edit_for(org.namnd_a)
        access.can_edit_for(org.namnd_b)
        access.can_manage_economy_for(org.kf)
        assert access_for(editor_a) is access


def test_forget_access_drops_the_cache(editor_a, org):
    before = access_for(editor_a)
    RoleAssignmentFactory(user=editor_a, role="redaktor", unit=org.namnd_b)
    assert not access_for(editor_a).can_edit_for(org.namnd_b)
    forget_access(editor_a)
    after = access_for(editor_a)
    assert after is not before
    assert after.can_edit_for(org.namnd_b)
    forget_access(editor_a)
    forget_access(editor_a)  # forgetting twice is harmless


def test_require_raises_permission_denied_when_not_allowed(politician):
    access = access_for(politician)
    access.require(True)
    with pytest.raises(PermissionDenied):
        access.require(False)


def test_subtree_contains_its_bounds_and_nothing_outside(org):
    subtree = Subtree(org.namnd_a.pk, org.namnd_a.tree_id, org.namnd_a.lft, org.namnd_a.rght)
    assert subtree.contains(org.namnd_a)
    assert subtree.contains(org.enhet_a1)
    assert not subtree.contains(org.kf)
    assert not subtree.contains(org.namnd_b)


class TestGetUnitForUser:
    def test_missing_unit_is_404(self, admin_user):
        with pytest.raises(Http404):
            get_unit_for_user(admin_user, 999_999)

    def test_missing_unit_is_404_even_for_outsider(self, outsider):
        with pytest.raises(Http404):
            get_unit_for_user(outsider, 999_999)

    def test_outsider_gets_403(self, outsider, org):
        with pytest.raises(PermissionDenied):
            get_unit_for_user(outsider, org.namnd_a.pk)

    def test_inactive_user_gets_403(self, inactive_editor, org):
        with pytest.raises(PermissionDenied):
            get_unit_for_user(inactive_editor, org.namnd_a.pk)

    @pytest.mark.parametrize(
        "persona", ["politician", "editor_a", "editor_b", "economist", "admin_user", "superuser"]
    )
    def test_every_role_reads_every_unit(self, request, persona, org):
        user = request.getfixturevalue(persona)
        for unit in (org.kf, org.namnd_a, org.enhet_a1, org.namnd_b):
            assert get_unit_for_user(user, unit.pk) == unit

    @pytest.mark.parametrize("persona", ["politician", "editor_a", "editor_b", "economist"])
    def test_write_by_non_administrator_is_403(self, request, persona, org):
        user = request.getfixturevalue(persona)
        # Even editor A on its own unit: changing a unit is configuration.
        with pytest.raises(PermissionDenied):
            get_unit_for_user(user, org.namnd_a.pk, write=True)

    @pytest.mark.parametrize("persona", ["admin_user", "superuser"])
    def test_write_by_administrator_returns_the_unit(self, request, persona, org):
        user = request.getfixturevalue(persona)
        unit = get_unit_for_user(user, org.namnd_b.pk, write=True)
        assert unit.pk == org.namnd_b.pk
        assert unit.name == "Nämnd B"

    def test_require_organisation_reader(self, politician, outsider):
        require_organisation_reader(politician)
        with pytest.raises(PermissionDenied):
            require_organisation_reader(outsider)

"""No lost updates when a financial goal's link to a key figure is removed ("Unlink" on the
key figures page): the row's form carries the link's version, and an unlink from a page
opened before someone changed the link is refused, the changed link kept and named."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from apps.core.locking import StaleEdit
from apps.economy.keyfigures import UNIT_OF, format_figure
from apps.economy.models import FinancialGoalLink
from apps.economy.services import financial as financial_services
from tests.economy import test_locking as fixtures

vimmerby, chain = fixtures.vimmerby, fixtures.chain
economist_2, period = fixtures.economist_2, fixtures.period


def link_set(actor, goal, threshold, version):
    return financial_services.financial_goal_link_set(
        actor=actor, goal=goal, figure="result_share", comparison="gte",
        threshold=Decimal(threshold), expected_version=version, reason="Mål",
    )  # fmt: skip


def test_an_unlink_from_an_older_version_is_refused(chain, economist, economist_2):
    link = link_set(economist, chain.finance, "2", 0)
    link_set(economist_2, chain.finance, "3", 1)
    with pytest.raises(StaleEdit) as refused:
        financial_services.financial_goal_link_remove(
            actor=economist, link=FinancialGoalLink.objects.get(pk=link.pk),
            expected_version=1, reason="Bedöms för hand",
        )  # fmt: skip
    assert refused.value.who == "Eva Berg"
    assert FinancialGoalLink.objects.get(pk=link.pk).threshold == Decimal(3)
    financial_services.financial_goal_link_remove(
        actor=economist, link=FinancialGoalLink.objects.get(pk=link.pk),
        expected_version=2, reason="Bedöms för hand",
    )  # fmt: skip
    assert not FinancialGoalLink.objects.exists()
    assert FinancialGoalLink.history.filter(history_type="-").count() == 1


def test_the_unlink_button_carries_the_links_version(client, chain, period, economist):
    link = link_set(economist, chain.finance, "2", 0)
    client.force_login(economist)
    page = unescape(client.get(f"/ekonomi/{period.pk}/nyckeltal/").content.decode())
    row = page.split(f'id="goal-{chain.finance.pk}"', 1)[1].split("</tr>", 1)[0]
    assert f'value="unlink-{link.pk}"' in row
    assert 'name="version" value="1"' in row


def test_the_page_refuses_an_unlink_of_a_link_changed_meanwhile(
    client, chain, period, economist, economist_2
):
    link = link_set(economist, chain.finance, "2", 0)
    url = f"/ekonomi/{period.pk}/nyckeltal/"
    link_set(economist_2, chain.finance, "3", 1)
    client.force_login(economist)
    response = client.post(url, {"action": f"unlink-{link.pk}", "version": "1"}, follow=True)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    message = page.split('<div class="messages" role="status">', 1)[1].split("</div>", 1)[0]
    assert "Eva Berg" in message
    assert format_figure(Decimal(3), UNIT_OF["result_share"]) in message
    assert FinancialGoalLink.objects.get(pk=link.pk).threshold == Decimal(3)
    # The page now shows the stored link; unlinking it again goes through.
    assert client.post(url, {"action": f"unlink-{link.pk}", "version": "2"}).status_code == 302
    assert not FinancialGoalLink.objects.exists()


def test_an_unlink_of_a_link_removed_meanwhile_says_so(client, chain, period, economist):
    link = link_set(economist, chain.finance, "2", 0)
    removed_pk = link.pk
    financial_services.financial_goal_link_remove(
        actor=economist, link=link, expected_version=1, reason="Bedöms för hand"
    )
    client.force_login(economist)
    response = client.post(
        f"/ekonomi/{period.pk}/nyckeltal/",
        {"action": f"unlink-{removed_pk}", "version": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Detta togs bort efter att du öppnade det." in response.content.decode()


def test_an_unlink_without_a_version_number_is_a_form_error_not_a_500(
    client, chain, period, economist
):
    link = link_set(economist, chain.finance, "2", 0)
    client.force_login(economist)
    response = client.post(
        f"/ekonomi/{period.pk}/nyckeltal/",
        {"action": f"unlink-{link.pk}", "version": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert FinancialGoalLink.objects.filter(pk=link.pk).exists()

"""Dossier counts per procedure go to the catalog after imports (search's popularity prior)."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog.models import Procedure
from tests.factories.catalog import ProcedureFactory
from tests.factories.timeliness import DossierFactory
from timeliness.services.demand import procedure_demand_refresh
from timeliness.services.dossiers import dossiers_import_csv

pytestmark = pytest.mark.django_db


def test_dossiers_of_the_last_twelve_months_are_counted():
    birth = ProcedureFactory(code="1.001193")
    now = timezone.now()
    DossierFactory.create_batch(3, procedure_code="1.001193", received_at=now - dt.timedelta(days=10))
    DossierFactory(procedure_code="1.001193", received_at=now - dt.timedelta(days=400))
    procedure_demand_refresh(now=now)
    assert Procedure.objects.get(pk=birth.pk).demand == 3


def test_an_import_updates_the_demand(tmp_path, django_capture_on_commit_callbacks):
    birth = ProcedureFactory(code="1.001193")
    path = tmp_path / "ho-so.csv"
    now = timezone.localtime()
    received = (now - dt.timedelta(days=3)).strftime("%Y-%m-%d")
    due = (now + dt.timedelta(days=3)).strftime("%Y-%m-%d")
    path.write_text(
        "ma_ho_so,ma_co_quan,ten_co_quan,ma_thu_tuc,ngay_tiep_nhan,han_xu_ly\n"
        f"HS-1,so-tp,Sở Tư pháp,1.001193,{received},{due}\nHS-2,so-tp,Sở Tư pháp,1.001193,{received},{due}\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        dossiers_import_csv(path=path, create_agencies=True)
    assert Procedure.objects.get(pk=birth.pk).demand == 2

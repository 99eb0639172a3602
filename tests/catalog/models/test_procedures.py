"""Single-record rules of the procedure record: texts are normalised when staff save them."""

from catalog.models import Procedure, ProcedureChannel, ProcedureStep


def test_step_line_endings_and_trailing_spaces_are_normalised():
    step = ProcedureStep(text="Bước 1: Nộp hồ sơ  \r\ntại Bộ phận Một cửa\r\n")
    step.clean()

    assert step.text == "Bước 1: Nộp hồ sơ\ntại Bộ phận Một cửa"


def test_channel_texts_are_normalised_and_unknown_fee_stays_unknown():
    channel = ProcedureChannel(time_limit_text="05 ngày làm việc\r\n", fee_text=None, description="a\rb")
    channel.clean()

    assert (channel.time_limit_text, channel.fee_text, channel.description) == ("05 ngày làm việc", None, "a\nb")


def test_procedure_list_texts_are_normalised():
    procedure = Procedure(name="Cấp phép ", results=["Giấy phép \r\n"], requirements="Điều kiện 1\r\nĐiều kiện 2 ")
    procedure.clean()

    assert (procedure.name, procedure.results, procedure.requirements) == (
        "Cấp phép",
        ["Giấy phép"],
        "Điều kiện 1\nĐiều kiện 2",
    )

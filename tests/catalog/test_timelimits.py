"""Table-driven tests of the time-limit parser (catalog.timelimits).

Every text in REAL_TEXTS is copied from /work/shared/data/procedures.json (field
cach_thuc_thuc_hien[].thoi_han_giai_quyet); unit_uncertain is True where the text comes from a
data-pipeline record. The expected cases are what a careful reader of the Vietnamese says the text
means; where the text cannot be represented without guessing (a bare number, a schedule of steps,
a truncated sentence, prose), the expectation is "no cases, flagged".
DOC_EXAMPLES are the shapes named in docs/domain.md and the brief that the data does not contain.
"""

from decimal import Decimal

import pytest

from catalog.choices import StartEvent, TimeUnit
from catalog.timelimits import (
    FLAG_EXCLUDED_TIME,
    FLAG_MISSING,
    FLAG_MULTI_CASE,
    FLAG_NO_UNIT,
    FLAG_SEPARATOR,
    FLAG_SINGLE_LABELLED_CASE,
    FLAG_UNIT_UNCERTAIN,
    FLAG_UNRECOGNISED,
    FLAG_UNSUPPORTED_UNIT,
    FLAG_ZERO,
    TimeLimitCase,
    describe,
    parse_time_limit,
)

COMPLETE = StartEvent.COMPLETE_DOSSIER.value
RECEIPT = StartEvent.RECEIPT.value


def wd(amount, *, case="", max_only=False, start=COMPLETE):
    """Working days."""
    return TimeLimitCase(Decimal(amount), TimeUnit.WORKING_DAYS.value, start, case, max_only)


def cd(amount, *, case="", max_only=False, start=COMPLETE):
    """Calendar days."""
    return TimeLimitCase(Decimal(amount), TimeUnit.CALENDAR_DAYS.value, start, case, max_only)


def wh(amount, *, case="", max_only=False, start=COMPLETE):
    """Working hours."""
    return TimeLimitCase(Decimal(amount), TimeUnit.WORKING_HOURS.value, start, case, max_only)


def same_day(*, start=COMPLETE):
    """Due the same working day."""
    return TimeLimitCase(Decimal(0), TimeUnit.SAME_DAY.value, start)


# --- Pieces of the long land-administration texts (data-pipeline records) ----------------------

REMOTE_AREAS = (
    "các xã miền núi, vùng sâu, vùng xa, vùng có điều kiện kinh tế - xã hội khó khăn, "
    "vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn"
)
EXTENSION = (
    f"Đối với {REMOTE_AREAS} thì thời gian thực hiện được tăng thêm không quá 10 ngày làm việc "
    "so với tổng thời gian thực hiện thủ tục này."
)
BOILERPLATE = (
    "Các cơ quan liên quan đến quá trình thực hiện trình tự, thủ tục không được  quy định thêm thủ tục "
    "và không được thực hiện thêm bất kỳ thủ tục nào khác ngoài  thủ tục quy định nêu trên."
)


def remote(label):
    """Label of the remote-commune variant of a labelled case."""
    return f"{label} ({REMOTE_AREAS})"


L_CONVERT = (
    "thủ tục chuyển đổi quyền sử dụng đất nông nghiệp mà không theo phương án dồn điền, đổi thửa hoặc "
    "trường hợp chuyển nhượng, thừa kế, tặng cho quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất, "
    "góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; bán, thừa kế, tặng cho hoặc "
    "góp vốn bằng tài sản gắn liền với đất được Nhà nước cho thuê đất thu tiền thuê đất hằng năm; "
    "chuyển nhượng quyền khai thác khoáng sản theo quy định của pháp luật về địa chất và khoáng sản"
)
L_LEASE = "thủ tục cho thuê, cho thuê lại quyền sử dụng đất trong dự án xây dựng kinh doanh kết cấu hạ tầng"
TEXT_CONVERT_OR_LEASE = (
    f"a) Không quá 10 ngày làm việc đối với {L_CONVERT} (không tính thời gian xác định giá đất, "
    f"ký hợp đồng thuê đất). \t{EXTENSION} b) Không quá 05 ngày làm việc đối với {L_LEASE} "
    f"\t{EXTENSION} ngày"
)

L_REORGANISE = (
    "trường hợp thay đổi quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chia, tách, hợp nhất, "
    "sáp nhập, chuyển đổi mô hình tổ chức, chuyển đổi loại hình doanh nghiệp"
)
L_DETAILED_PLAN = (
    "trường hợp cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất theo quy hoạch "
    "xây dựng chi tiết hoặc điều chỉnh quy hoạch xây dựng chi tiết"
)
TEXT_REORGANISE_OR_PLAN = (
    f"a) Không quá 08 ngày làm việc đối với {L_REORGANISE}. \t{EXTENSION} "
    f"b) Không quá 05 ngày làm việc đối với đối với {L_DETAILED_PLAN} \t{EXTENSION} ngày"
)

L_AGREEMENT = (
    "thủ tục đăng ký biến động đối với trường hợp thay đổi quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
    "với đất do sự thỏa thuận của các thành viên hộ gia đình hoặc của vợ và chồng; thủ tục đăng ký biến động "
    "đối với trường hợp nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất theo kết quả hòa giải "
    "thành về tranh chấp đất đai, khiếu nại, tố cáo về đất đai hoặc bản án, quyết định của Tòa án, quyết định "
    "thi hành án của cơ quan thi hành án đã được thi hành; quyết định hoặc phán quyết của Trọng tài thương mại "
    "Việt Nam về giải quyết tranh chấp giữa các bên phát sinh từ hoạt động thương mại liên quan đến đất đai; "
    "thủ tục đăng ký biến động đối với trường hợp nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất "
    "do xử lý tài sản thế chấp"
)
L_UNDERGROUND = (
    "trường hợp thay đổi về quyền sử dụng đất xây dựng công trình trên mặt đất phục vụ cho việc vận hành, "
    "khai thác sử dụng công trình ngầm, quyền sở hữu công trình ngầm"
)
L_PUBLIC_ASSET = (
    "trường hợp bán tài sản, điều chuyển, chuyển nhượng quyền sử dụng đất là tài sản công theo quy định của "
    "pháp luật về quản lý, sử dụng tài sản công"
)
TEXT_THREE_CHANGES = (
    f"a) Không quá 08 ngày làm việc đối với {L_AGREEMENT}. {EXTENSION} "
    f"b) Không quá 15 ngày làm việc đối với {L_UNDERGROUND};  {EXTENSION} "
    f"c) Không quá 10 ngày làm việc đối với {L_PUBLIC_ASSET}. {EXTENSION} ngày"
)

L_RENAME = (
    "thủ tục đổi tên hoặc thay đổi thông tin về người sử dụng đất, chủ sở hữu tài sản gắn liền với đất hoặc "
    "thay đổi số hiệu hoặc địa chỉ của thửa đất"
)
L_RESTRICTION = (
    "thủ tục thay đổi hạn chế quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc có thay đổi quyền "
    "đối với thửa đất liền kề"
)
L_LANDSLIDE = "thủ tục giảm diện tích thửa đất do sạt lở tự nhiên"
TEXT_RENAME_RESTRICTION_LANDSLIDE = (
    f"a) Không quá 05 ngày làm việc đối với {L_RENAME}; \t{EXTENSION} "
    f"b) Không quá 07 ngày làm việc đối với {L_RESTRICTION}; \t{EXTENSION} "
    f"c) Không quá 10 ngày làm việc đối với {L_LANDSLIDE}; \t{EXTENSION} ngày"
)
# The same text cut off in the middle of the last extension sentence.
TEXT_RENAME_RESTRICTION_LANDSLIDE_TRUNCATED = (
    f"a) Không quá 05 ngày làm việc đối với {L_RENAME}; \t{EXTENSION} "
    f"b) Không quá 07 ngày làm việc đối với {L_RESTRICTION}; \t{EXTENSION} "
    f"c) Không quá 10 ngày làm việc đối với {L_LANDSLIDE}; \tĐối với các xã miền núi, vùng sâu, vùng xa, "
    "vùng có điều kiện kinh tế - ngày"
)

L_FOREIGN_OWNER = (
    "trường hợp đăng ký quyền sở hữu tài sản gắn liền với thửa đất đã cấp Giấy chứng nhận, gia hạn thời hạn "
    "sở hữu nhà ở của tổ chức nước ngoài, cá nhân nước ngoài"
)
L_ASSET_CHANGE = "trường hợp đăng ký thay đổi về tài sản gắn liền với đất so với nội dung đã đăng ký"
TEXT_FOREIGN_OR_ASSET = (
    f"a) Không quá 10 ngày làm việc đối với {L_FOREIGN_OWNER} {EXTENSION} "
    f"b) Không quá 07 ngày làm việc đối với {L_ASSET_CHANGE} {EXTENSION} ngày"
)

L_RESIDENTIAL_REDEFINED = "trường hợp người sử dụng đất có nhu cầu xác định lại diện tích đất ở"
L_RESIDENTIAL_KEPT = "trường hợp người sử dụng đất không có nhu cầu xác định lại diện tích đất ở"
TEXT_RESIDENTIAL_AREA = (
    f"- Không quá 20 ngày làm việc đối với {L_RESIDENTIAL_REDEFINED}. {EXTENSION} "
    f"- Không quá 15 ngày làm việc đối với {L_RESIDENTIAL_KEPT}. {EXTENSION} ngày"
)

L_PART_CERTIFIED = (
    "trường hợp thửa đất gốc đã có Giấy chứng nhận, phần diện tích tăng thêm do nhận chuyển quyền sử dụng "
    "một phần thửa đất đã được cấp Giấy chứng nhận"
)
L_PART_UNCERTIFIED = (
    "trường hợp thửa đất gốc đã có Giấy chứng nhận, phần diện tích tăng thêm phần diện tích đất chưa được "
    "cấp Giấy chứng nhận"
)
TEXT_ADDED_AREA = (
    f"- Không quá 10 ngày làm việc đối với {L_PART_CERTIFIED}. {EXTENSION} "
    f"- Không quá 20 ngày làm việc đối với {L_PART_UNCERTIFIED} {EXTENSION} ngày"
)

# "102" is a stray page number in the middle of the text.
TEXT_PROJECT_LAND_WITH_PAGE_NUMBER = (
    "- Đối với trường hợp đất để thực hiện dự án chưa được cấp Giấy chứng nhận thì thời gian giải quyết không "
    f"quá 20 ngày làm việc. 102 {EXTENSION} - Đối với trường hợp đất để thực hiện dự án đã được cấp Giấy chứng "
    f"nhận thì thời gian giải quyết không quá 10 ngày làm việc. {EXTENSION} ngày"
)
TEXT_STEPS = (
    "- Thời gian thực hiện Bước 2 không quá 05 ngày làm việc. - Thời gian thực hiện Bước 3 không quá 10 ngày. "
    "- Thời gian thực hiện Bước 4: + Thời gian tổ chức họp Hội đồng để thẩm định không quá 05 ngày làm việc. "
    "+ Thời gian trình phê duyệt không quá 05 ngày làm việc. + Thời gian thông báo cho công ty nông, lâm "
    "nghiệp để hoàn thiện hoàn thiện hồ sơ không quá 03 ngày làm việc. - Thời gian thực hiện Bước 5 không quá "
    "05 ngày làm việc. Các cơ quan liên quan đến quá trình thực hiện trình tự, thủ tục không được quy định "
    "thêm thủ tục và không được thực hiện thêm bất kỳ thủ tục nào khác ngoài thủ tục quy định nêu trên. ngày"
)
TEXT_TWO_PHASES = (
    "- Trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ hợp lệ, cơ quan có chức năng quản lý đất đai cấp xã "
    "phải có văn bản thẩm định trình cấp có thẩm quyền xem xét. - Trong thời hạn không quá 05 ngày làm việc kể "
    "từ ngày nhận được văn bản thẩm định do cơ quan có chức năng quản lý đất đai cấp xã trình, cấp có thẩm "
    "quyền xem xét và có văn bản chấp thuận hoặc không chấp thuận. ngày"
)
TEXT_REVOKE_DASHES = (
    "- Thời gian thu hồi Giấy chứng nhận đã cấp không quá 25 ngày làm việc. - Thời gian thực hiện đăng ký, cấp "
    "lại Giấy chứng nhận sau thu hồi không quá 23 ngày làm việc (trong đó đăng ký đất đai, tài sản gắn liền với "
    "đất lần đầu là không quá 20 ngày làm việc; cấp Giấy chứng nhận là không quá 03 ngày làm việc) đối với "
    "trường hợp thu hồi Giấy chứng nhận đã cấp lần đầu. Đối với các xã miền núi, vùng sâu, vùng xa, vùng có "
    "điều kiện kinh tế - xã hội khó khăn, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn thì thời gian "
    "thực hiện được tăng thêm không quá 10 ngày so với tổng thời gian thực hiện thủ tục này. ngày"
)
TEXT_REVOKE_LETTERS = (
    "a) Thời gian thu hồi Giấy chứng nhận đã cấp không quá 25 ngày làm việc. b) Thời gian thực hiện việc cấp "
    "Giấy chứng nhận sau thu hồi: - Trường hợp thu hồi Giấy chứng nhận đã cấp lần đầu thì thời gian thực hiện "
    f"đăng ký, cấp lại Giấy chứng nhận không quá 23 ngày làm việc. {EXTENSION} - Trường hợp thu hồi Giấy chứng "
    "nhận đã cấp do đăng ký biến động thì thời gian thực hiện cấp lại Giấy chứng nhận theo quy định đối với "
    "từng trường hợp đăng ký biến động theo quy định tại Quyết định số 28/2026/QĐ-UBND. ngày"
)
# Main limit in working days, extension in (calendar) days: no single figure for remote communes.
TEXT_EXTENSION_OTHER_UNIT = (
    f"Không quá 10 ngày làm việc Đối với {REMOTE_AREAS} thì thời gian thực hiện được tăng thêm không quá "
    "10 ngày so với tổng thời gian thực hiện thủ tục này. ngày"
)
TEXT_LOST_CERTIFICATE = (
    "Không quá 10 ngày làm việc, không tính thời gian niêm yết thông báo mất Giấy chứng nhận đã cấp tại Ủy ban "
    "nhân dân cấp xã, thời gian đăng tin trên phương tiện thông tin đại chúng. "
    f"{EXTENSION} ngày"
)

# (id, text, unit_uncertain, expected cases, expected flagged)
REAL_TEXTS = [
    # --- Portal display texts (chatbot_tthc): "N Ngày làm việc", "N Ngày", "N Giờ" ---------------
    ("5-working-days", "5 Ngày làm việc", False, [wd(5)], False),
    ("3-working-days", "3 Ngày làm việc", False, [wd(3)], False),
    ("7-working-days", "7 Ngày làm việc", False, [wd(7)], False),
    ("2-working-days", "2 Ngày làm việc", False, [wd(2)], False),
    ("10-working-days", "10 Ngày làm việc", False, [wd(10)], False),
    ("15-working-days", "15 Ngày làm việc", False, [wd(15)], False),
    ("20-working-days", "20 Ngày làm việc", False, [wd(20)], False),
    ("1-working-day", "1 Ngày làm việc", False, [wd(1)], False),
    ("4-working-days", "4 Ngày làm việc", False, [wd(4)], False),
    ("30-working-days", "30 Ngày làm việc", False, [wd(30)], False),
    ("6-working-days", "6 Ngày làm việc", False, [wd(6)], False),
    ("24-working-days", "24 Ngày làm việc", False, [wd(24)], False),
    ("26-working-days", "26 Ngày làm việc", False, [wd(26)], False),
    ("12-working-days", "12 Ngày làm việc", False, [wd(12)], False),
    ("34-working-days", "34 Ngày làm việc", False, [wd(34)], False),
    ("87-working-days", "87 Ngày làm việc", False, [wd(87)], False),
    ("250-working-days", "250 Ngày làm việc", False, [wd(250)], False),
    ("30-days", "30 Ngày", False, [cd(30)], False),
    ("10-days", "10 Ngày", False, [cd(10)], False),
    ("15-days", "15 Ngày", False, [cd(15)], False),
    ("20-days", "20 Ngày", False, [cd(20)], False),
    ("7-days", "7 Ngày", False, [cd(7)], False),
    ("1-day", "1 Ngày", False, [cd(1)], False),
    ("40-days", "40 Ngày", False, [cd(40)], False),
    ("90-days", "90 Ngày", False, [cd(90)], False),
    ("45-days", "45 Ngày", False, [cd(45)], False),
    ("107-days", "107 Ngày", False, [cd(107)], False),
    ("153-days", "153 Ngày", False, [cd(153)], False),
    ("275-days", "275 Ngày", False, [cd(275)], False),
    ("300-days", "300 Ngày", False, [cd(300)], False),
    ("1-hour", "1 Giờ", False, [wh(1)], False),
    ("2-hours", "2 Giờ", False, [wh(2)], False),
    ("3-hours", "3 Giờ", False, [wh(3)], False),
    ("4-hours", "4 Giờ", False, [wh(4)], False),
    ("5-hours", "5 Giờ", False, [wh(5)], False),
    ("8-hours", "8 Giờ", False, [wh(8)], False),
    ("12-hours", "12 Giờ", False, [wh(12)], False),
    ("24-hours", "24 Giờ", False, [wh(24)], False),
    ("28-hours", "28 Giờ", False, [wh(28)], False),
    ("12-months", "12 Tháng", False, [], True),
    ("3-months", "3 Tháng", False, [], True),
    # --- Bare numbers: the portal's unit "other"; no unit, no guess -------------------------------
    ("bare-1", "1", False, [], True),
    ("bare-0", "0", False, [], True),
    ("bare-2", "2", False, [], True),
    ("bare-3", "3", False, [], True),
    ("bare-5", "5", False, [], True),
    ("bare-20", "20", False, [], True),
    ("bare-48", "48", False, [], True),
    ("bare-120", "120", False, [], True),
    ("bare-1100", "1100", False, [], True),
    ("bare-1500", "1500", False, [], True),
    ("thousands-120,000", "120,000", False, [], True),
    ("thousands-1100,000", "1100,000", False, [], True),
    # --- Prose without a time limit ---------------------------------------------------------------
    ("missing-none", None, False, [], True),
    ("no-result-returned", "Không phải trả kết quả cho người nộp thuế", False, [], True),
    ("khong", "Không", False, [], True),
    ("not-regulated", "Không quy định", False, [], True),
    (
        "automatic-reply-period",
        "Hệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản hồi tự động thông qua phương thức điện tử.",
        False,
        [],
        True,
    ),
    (
        "automatic-reply",
        "Hệ thống giải quyết thủ tục hành chính ngành Thuế thực hiện phản hồi tự động thông qua phương thức điện tử",
        False,
        [],
        True,
    ),
    # --- data-pipeline: unit re-rendered as "ngày làm việc"/"ngày" -------------------------------
    ("dp-5-working-days", "5 ngày làm việc", True, [wd(5)], True),
    ("dp-10-working-days", "10 ngày làm việc", True, [wd(10)], True),
    ("dp-15-working-days", "15 ngày làm việc", True, [wd(15)], True),
    ("dp-8-working-days", "8 ngày làm việc", True, [wd(8)], True),
    ("dp-198-working-days", "198 ngày làm việc", True, [wd(198)], True),
    ("dp-30-days", "30 ngày", True, [cd(30)], True),
    ("dp-1-day", "1 ngày", True, [cd(1)], True),
    ("dp-01-day", "01 ngày", True, [cd(1)], True),
    ("dp-176-days", "176 ngày", True, [cd(176)], True),
    ("dp-7.5-working-days", "7.5 ngày làm việc", True, [wd("7.5")], True),
    ("dp-17.5-working-days", "17.5 ngày làm việc", True, [wd("17.5")], True),
    ("dp-3.5-working-days", "3.5 ngày làm việc", True, [wd("3.5")], True),
    ("dp-6.25-working-days", "6.25 ngày làm việc", True, [wd("6.25")], True),
    ("dp-4.75-working-days", "4.75 ngày làm việc", True, [wd("4.75")], True),
    ("dp-1.5-Working-days", "1.5 Ngày làm việc", True, [wd("1.5")], True),
    ("dp-display-5-working-days", "5 Ngày làm việc", True, [wd(5)], True),
    ("dp-display-60-days", "60 Ngày", True, [cd(60)], True),
    ("dp-hours-not-affected", "8 Giờ", True, [wh(8)], False),
    ("dp-1-hour", "1 Giờ", True, [wh(1)], False),
    ("dp-4-months", "4 Tháng", True, [], True),
    ("dp-6-months", "6 Tháng", True, [], True),
    ("dp-bare-1", "1", True, [], True),
    ("dp-bare-17", "17", True, [], True),
    ("dp-zero-days", "0 ngày", True, [], True),
    ("dp-as-described", "Theo mô tả ngày", True, [], True),
    ("dp-yearly-date", "1/12 hàng năm ngày", True, [], True),
    ("dp-not-regulated", "Không quy định", True, [], True),
    # --- data-pipeline long texts (the unit word "ngày" appended after the sentence) --------------
    ("dp-max-3-working-days", "Không quá 03 ngày làm việc ngày", True, [wd(3, max_only=True)], True),
    ("dp-max-10-working-days", "Không quá 10 ngày làm việc ngày", True, [wd(10, max_only=True)], True),
    ("dp-max-10-working-days-period", "Không quá 10 ngày làm việc. ngày", True, [wd(10, max_only=True)], True),
    ("dp-max-20-working-days-period", "Không quá 20 ngày làm việc. ngày", True, [wd(20, max_only=True)], True),
    ("dp-max-20-working-days", "Không quá 20 ngày làm việc ngày", True, [wd(20, max_only=True)], True),
    ("dp-max-15-days", "Không quá 15 ngày. ngày", True, [cd(15, max_only=True)], True),
    (
        "dp-max-35-days-complete-dossier",
        "Không quá 35 ngày kể từ ngày nhận đủ hồ sơ hợp lệ ngày",
        True,
        [cd(35, max_only=True)],
        True,
    ),
    (
        "dp-max-7-days-complete-dossier",
        "Không quá 07 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  ngày",
        True,
        [cd(7, max_only=True)],
        True,
    ),
    (
        "dp-max-15-days-boilerplate",
        f"Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  {BOILERPLATE} ngày",
        True,
        [cd(15, max_only=True)],
        True,
    ),
    (
        "max-15-days-boilerplate-unit-certain",
        f"Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  {BOILERPLATE} ngày",
        False,
        [cd(15, max_only=True)],
        False,
    ),
    (
        "dp-max-30-days-boilerplate",
        f"Không quá 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  {BOILERPLATE} ngày",
        True,
        [cd(30, max_only=True)],
        True,
    ),
    (
        "dp-max-5-days-boilerplate",
        f"Không quá 05 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.  {BOILERPLATE} ngày",
        True,
        [cd(5, max_only=True)],
        True,
    ),
    (
        "dp-max-20-working-days-boilerplate",
        "Không quá 20 ngày làm việc. Các cơ quan liên quan đến quá trình thực hiện trình tự, thủ tục không được "
        "quy định thêm thủ tục và không được thực hiện thêm bất kỳ thủ tục nào khác ngoài thủ tục quy định nêu "
        "trên. ngày",
        True,
        [wd(20, max_only=True)],
        True,
    ),
    (
        "dp-excluding-financial-obligations",
        "Không quá 03 ngày làm việc (không tính thời gian cơ quan có thẩm quyền xác định nghĩa vụ tài chính về "
        "đất đai, thời gian thực hiện nghĩa vụ tài chính của người sử dụng đất) ngày",
        True,
        [wd(3, max_only=True)],
        True,
    ),
    (
        "dp-same-day-complete-dossier",
        "Thực hiện trong ngày làm việc nhận được hồ sơ đầy đủ, chính xác ngày",
        True,
        [same_day()],
        False,
    ),
    (
        "dp-same-day-15h-cutoff",
        "Thực hiện trong ngày làm việc nhận được đủ hồ sơ xóa nợ; nếu thời điểm nhận đủ hồ sơ, sau 15 giờ cùng "
        "ngày thì có thể giải quyết việc xóa nợ trong ngày làm việc tiếp theo ngày",
        True,
        [same_day()],
        False,
    ),
    (
        "dp-gift-case-only",
        "Thời hạn giải quyết đối với trường hợp tặng cho quyền sử dụng đất là không quá 10 ngày làm việc. ngày",
        True,
        [wd(10, case="trường hợp tặng cho quyền sử dụng đất", max_only=True)],
        True,
    ),
    (
        "dp-plan-appraisal-prose",
        "Thời gian thực hiện việc thẩm định, phê duyệt phương án sử dụng đất kết hợp không quá 15 ngày. ngày",
        True,
        [],
        True,
    ),
    (
        "dp-plan-appraisal-prose-no-period",
        "Thời gian thực hiện việc thẩm định, phê duyệt phương án sử dụng đất kết hợp không quá 15 ngày ngày",
        True,
        [],
        True,
    ),
    (
        "dp-first-registration-prose",
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu là không quá 20 ngày làm việc. ngày",
        True,
        [],
        True,
    ),
    (
        "dp-plus-other-procedure",
        "12.5 ngày làm việc + thời gian thực hiện cấp lại Giấy chứng nhận theo quy định đối với từng trường hợp "
        "đăng ký biến động ngày",
        True,
        [],
        True,
    ),
    (
        "dp-per-project",
        "Trường hợp cấp đổi đồng loạt cho nhiều người sử dụng đất do đo đạc lập bản đồ địa chính thì thời gian "
        "thực hiện theo dự án đã được cơ quan có thẩm quyền phê duyệt ngày",
        True,
        [],
        True,
    ),
    # --- Remote-commune extension: "tăng thêm không quá 10 ngày làm việc" ------------------------
    (
        "dp-10-plus-remote",
        f"Không quá 10 ngày làm việc. {EXTENSION} ngày",
        True,
        [wd(10, max_only=True), wd(20, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-7-plus-remote-no-period",
        f"Không quá 07 ngày làm việc. {EXTENSION[:-1]} ngày",
        True,
        [wd(7, max_only=True), wd(17, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-15-plus-remote-double-space",
        f"Không quá 15 ngày làm việc  {EXTENSION} ngày",
        True,
        [wd(15, max_only=True), wd(25, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-15-plus-remote-tab",
        f"Không quá 15 ngày làm việc. \t{EXTENSION} ngày",
        True,
        [wd(15, max_only=True), wd(25, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-10-plus-remote-tab",
        f"Không quá 10 ngày làm việc  \t{EXTENSION} ngày",
        True,
        [wd(10, max_only=True), wd(20, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-20-plus-remote-tab",
        f"Không quá 20 ngày làm việc. \t{EXTENSION} ngày",
        True,
        [wd(20, max_only=True), wd(30, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-5-plus-remote-comma-tai",
        f"Không quá 05 ngày làm việc, tại {REMOTE_AREAS} thì thời gian thực hiện được tăng thêm không quá 10 "
        "ngày làm việc so với tổng thời gian thực hiện thủ tục này ngày",
        True,
        [wd(5, max_only=True), wd(15, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "remote-extension-unit-certain",
        f"Không quá 10 ngày làm việc. {EXTENSION} ngày",
        False,
        [wd(10, max_only=True), wd(20, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    (
        "dp-lost-certificate-excluding-posting",
        TEXT_LOST_CERTIFICATE,
        True,
        [wd(10, max_only=True), wd(20, case=REMOTE_AREAS, max_only=True)],
        True,
    ),
    ("dp-extension-in-other-unit", TEXT_EXTENSION_OTHER_UNIT, True, [], True),
    # --- Lists of labelled cases ------------------------------------------------------------------
    (
        "dp-cases-convert-or-lease",
        TEXT_CONVERT_OR_LEASE,
        True,
        [
            wd(10, case=L_CONVERT, max_only=True),
            wd(20, case=remote(L_CONVERT), max_only=True),
            wd(5, case=L_LEASE, max_only=True),
            wd(15, case=remote(L_LEASE), max_only=True),
        ],
        True,
    ),
    (
        "dp-cases-reorganise-or-detailed-plan",
        TEXT_REORGANISE_OR_PLAN,
        True,
        [
            wd(8, case=L_REORGANISE, max_only=True),
            wd(18, case=remote(L_REORGANISE), max_only=True),
            wd(5, case=L_DETAILED_PLAN, max_only=True),
            wd(15, case=remote(L_DETAILED_PLAN), max_only=True),
        ],
        True,
    ),
    (
        "dp-cases-agreement-underground-public-asset",
        TEXT_THREE_CHANGES,
        True,
        [
            wd(8, case=L_AGREEMENT, max_only=True),
            wd(18, case=remote(L_AGREEMENT), max_only=True),
            wd(15, case=L_UNDERGROUND, max_only=True),
            wd(25, case=remote(L_UNDERGROUND), max_only=True),
            wd(10, case=L_PUBLIC_ASSET, max_only=True),
            wd(20, case=remote(L_PUBLIC_ASSET), max_only=True),
        ],
        True,
    ),
    (
        "dp-cases-rename-restriction-landslide",
        TEXT_RENAME_RESTRICTION_LANDSLIDE,
        True,
        [
            wd(5, case=L_RENAME, max_only=True),
            wd(15, case=remote(L_RENAME), max_only=True),
            wd(7, case=L_RESTRICTION, max_only=True),
            wd(17, case=remote(L_RESTRICTION), max_only=True),
            wd(10, case=L_LANDSLIDE, max_only=True),
            wd(20, case=remote(L_LANDSLIDE), max_only=True),
        ],
        True,
    ),
    ("dp-cases-truncated", TEXT_RENAME_RESTRICTION_LANDSLIDE_TRUNCATED, True, [], True),
    (
        "dp-cases-foreign-owner-or-asset-change",
        TEXT_FOREIGN_OR_ASSET,
        True,
        [
            wd(10, case=L_FOREIGN_OWNER, max_only=True),
            wd(20, case=remote(L_FOREIGN_OWNER), max_only=True),
            wd(7, case=L_ASSET_CHANGE, max_only=True),
            wd(17, case=remote(L_ASSET_CHANGE), max_only=True),
        ],
        True,
    ),
    (
        "dp-cases-residential-area-dashes",
        TEXT_RESIDENTIAL_AREA,
        True,
        [
            wd(20, case=L_RESIDENTIAL_REDEFINED, max_only=True),
            wd(30, case=remote(L_RESIDENTIAL_REDEFINED), max_only=True),
            wd(15, case=L_RESIDENTIAL_KEPT, max_only=True),
            wd(25, case=remote(L_RESIDENTIAL_KEPT), max_only=True),
        ],
        True,
    ),
    (
        "dp-cases-added-area-dashes",
        TEXT_ADDED_AREA,
        True,
        [
            wd(10, case=L_PART_CERTIFIED, max_only=True),
            wd(20, case=remote(L_PART_CERTIFIED), max_only=True),
            wd(20, case=L_PART_UNCERTIFIED, max_only=True),
            wd(30, case=remote(L_PART_UNCERTIFIED), max_only=True),
        ],
        True,
    ),
    ("dp-cases-stray-page-number", TEXT_PROJECT_LAND_WITH_PAGE_NUMBER, True, [], True),
    ("dp-step-schedule", TEXT_STEPS, True, [], True),
    ("dp-two-phases-other-start", TEXT_TWO_PHASES, True, [], True),
    ("dp-revoke-then-reissue-dashes", TEXT_REVOKE_DASHES, True, [], True),
    ("dp-revoke-then-reissue-letters", TEXT_REVOKE_LETTERS, True, [], True),
]

# Shapes from docs/domain.md and the brief, absent from the data.
DOC_EXAMPLES = [
    ("empty", "", False, [], True),
    ("blank", "   ", False, [], True),
    (
        "same-day-15h-cutoff",
        "Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        False,
        [same_day()],
        False,
    ),
    ("same-day-short", "Trong ngày", False, [same_day()], False),
    ("same-day-immediately", "Trả ngay", False, [same_day()], False),
    ("max-45-days", "Không quá 45 ngày", False, [cd(45, max_only=True)], False),
    ("08-working-hours", "08 giờ làm việc", False, [wh(8)], False),
    (
        "05-working-days-complete-dossier",
        "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        False,
        [wd(5)],
        False,
    ),
    (
        "10-days-from-receipt",
        "10 ngày kể từ ngày tiếp nhận hồ sơ",
        False,
        [cd(10, start=RECEIPT)],
        False,
    ),
    ("at-most-20-working-days", "Tối đa 20 ngày làm việc", False, [wd(20, max_only=True)], False),
    ("decimal-comma", "3,5 ngày làm việc", False, [wd("3.5")], False),
    ("number-words-15", "mười lăm ngày", False, [cd(15)], False),
    ("number-words-21", "Hai mươi mốt ngày làm việc", False, [wd(21)], False),
    ("upper-case", "5 NGÀY LÀM VIỆC", False, [wd(5)], False),
    ("one-week", "01 tuần", False, [], True),
    ("one-year", "một năm", False, [], True),
    ("thousands-with-unit", "1,500 ngày", False, [], True),
    (
        "two-cases-semicolon",
        "05 ngày đối với trường hợp A; 10 ngày đối với trường hợp B",
        False,
        [cd(5, case="trường hợp A"), cd(10, case="trường hợp B")],
        True,
    ),
]

TABLE = REAL_TEXTS + DOC_EXAMPLES
ROWS = [pytest.param(text, uncertain, cases, flagged, id=row_id) for row_id, text, uncertain, cases, flagged in TABLE]


def test_table_has_at_least_100_distinct_real_texts():
    assert len({text for _, text, _, _, _ in REAL_TEXTS}) >= 100


def test_table_ids_are_unique():
    assert len({row_id for row_id, *_ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("text", "unit_uncertain", "cases", "flagged"), ROWS)
def test_cases(text, unit_uncertain, cases, flagged):
    assert parse_time_limit(text, unit_uncertain=unit_uncertain).cases == tuple(cases)


@pytest.mark.parametrize(("text", "unit_uncertain", "cases", "flagged"), ROWS)
def test_flagged(text, unit_uncertain, cases, flagged):
    assert bool(parse_time_limit(text, unit_uncertain=unit_uncertain).flag) == flagged


@pytest.mark.parametrize(("text", "unit_uncertain", "cases", "flagged"), ROWS)
def test_is_parsed_means_cases_without_flag(text, unit_uncertain, cases, flagged):
    assert parse_time_limit(text, unit_uncertain=unit_uncertain).is_parsed == (bool(cases) and not flagged)


@pytest.mark.parametrize(
    ("text", "unit_uncertain", "reason"),
    [
        pytest.param(None, False, FLAG_MISSING, id="missing"),
        pytest.param("1", False, FLAG_NO_UNIT, id="bare-number"),
        pytest.param("120,000", False, FLAG_NO_UNIT, id="thousands-number"),
        pytest.param("0 ngày", True, FLAG_ZERO, id="zero-days"),
        pytest.param("12 Tháng", False, FLAG_UNSUPPORTED_UNIT, id="months"),
        pytest.param("Không phải trả kết quả cho người nộp thuế", False, FLAG_UNRECOGNISED, id="prose"),
        pytest.param(TEXT_STEPS, True, FLAG_UNRECOGNISED, id="step-schedule"),
        pytest.param("5 ngày làm việc", True, FLAG_UNIT_UNCERTAIN, id="unit-uncertain"),
        pytest.param(TEXT_RESIDENTIAL_AREA, True, FLAG_MULTI_CASE, id="multi-case"),
        pytest.param(TEXT_RESIDENTIAL_AREA, True, FLAG_UNIT_UNCERTAIN, id="multi-case-also-unit-uncertain"),
        pytest.param(
            "Thời hạn giải quyết đối với trường hợp tặng cho quyền sử dụng đất là không quá 10 ngày làm việc. ngày",
            False,
            FLAG_SINGLE_LABELLED_CASE,
            id="single-labelled-case",
        ),
        pytest.param(TEXT_LOST_CERTIFICATE, False, FLAG_EXCLUDED_TIME, id="excluded-time"),
    ],
)
def test_flag_reason(text, unit_uncertain, reason):
    assert reason in parse_time_limit(text, unit_uncertain=unit_uncertain).flag.split(FLAG_SEPARATOR)


def test_text_is_kept_stripped():
    assert parse_time_limit("  5 Ngày làm việc \n").text == "5 Ngày làm việc"


def test_text_of_none_is_empty():
    assert parse_time_limit(None).text == ""


def test_decomposed_unicode_is_normalised():
    decomposed = "5 Nga\u0300y la\u0300m vie\u0323\u0302c"
    assert parse_time_limit(decomposed).cases == (wd(5),)


def test_unflagged_parse_is_parsed():
    assert parse_time_limit("5 Ngày làm việc").is_parsed


def test_cases_are_hashable():
    assert len({*parse_time_limit("5 Ngày làm việc").cases, wd(5)}) == 1


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        pytest.param(wd(5), "05 ngày làm việc", id="working-days-padded"),
        pytest.param(wd(15), "15 ngày làm việc", id="working-days"),
        pytest.param(cd(30), "30 ngày", id="calendar-days"),
        pytest.param(wh(8), "08 giờ làm việc", id="working-hours"),
        pytest.param(same_day(), "Trong ngày", id="same-day"),
        pytest.param(cd(45, max_only=True), "Không quá 45 ngày", id="max-only"),
        pytest.param(wd("7.5"), "7,5 ngày làm việc", id="decimal-comma"),
        pytest.param(wd("6.25"), "6,25 ngày làm việc", id="two-decimals"),
        pytest.param(wd(250), "250 ngày làm việc", id="three-digits"),
        pytest.param(cd(Decimal("1E+1")), "10 ngày", id="no-exponent-notation"),
        pytest.param(wd("3.50"), "3,5 ngày làm việc", id="trailing-zero-dropped"),
    ],
)
def test_describe(case, expected):
    assert describe(case) == expected

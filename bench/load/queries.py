"""Search terms of the load scenario: common Vietnamese queries, with and without diacritics."""

QUERIES = [
    "khai sinh",
    "dang ky ket hon",
    "giấy phép xây dựng",
    "đất đai",
    "hộ tịch",
    "chứng thực",
    "thành lập doanh nghiệp",
    "cap doi giay phep lai xe",
    "người có công",
    "bảo trợ xã hội",
    "lý lịch tư pháp",
    "đăng ký thường trú",
    "giay chung nhan quyen su dung dat",
    "thuế",
    "khai tử",
    "giáo dục",
    "y tế",
]

"""Closed word lists of Japanese news language used as typing evidence.

These are general vocabulary of business and technology reporting (titles,
honorifics, company suffixes, class nouns), not names of entities.

Example:
    >>> CLASS_NOUNS["企業"], is_generic("オープンソース")
    ('Organization', True)
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ANAPHORS",
    "CLASS_NOUNS",
    "COMPANY_PREFIXES",
    "COMPANY_SUFFIXES",
    "GENERIC_WORDS",
    "HONORIFICS",
    "NAME_SUFFIX_TYPES",
    "NAME_TAILS",
    "TITLE_WORDS",
    "class_of_noun",
    "is_generic",
    "suffix_type",
    "title_like",
]

#: honorifics and courtesy titles written after a person's name
HONORIFICS: tuple[str, ...] = (
    "氏", "さん", "様", "さま", "君", "くん", "ちゃん", "殿", "博士", "教授", "容疑者", "被告", "選手", "監督",
    "王子", "王女", "殿下", "陛下",
)

#: words that make a span a job title (Position) when they end it
TITLE_WORDS: tuple[str, ...] = (
    "CEO", "CTO", "CFO", "COO", "CIO", "CMO", "CPO", "CAIO", "President", "Chairman", "Founder",
    "社長", "会長", "副社長", "副会長", "頭取", "代表", "代表取締役", "取締役", "専務", "常務", "執行役員", "役員",
    "部長", "課長", "室長", "所長", "局長", "本部長", "事業部長", "理事長", "理事", "総裁", "議長", "首相", "大統領",
    "大臣", "長官", "知事", "市長", "町長", "村長", "議員", "委員長", "委員", "創業者", "創設者", "共同創業者",
    "責任者", "最高責任者", "オフィサー", "ファウンダー", "オーナー", "ディレクター", "マネージャー", "マネジャー",
    "エンジニア", "研究者", "サイエンティスト", "アナリスト", "記者", "編集長", "弁護士", "教授", "准教授", "研究員", "社員", "従業員",
    "幹部", "首脳", "トップ", "リーダー", "プロデューサー", "デザイナー", "コンサルタント", "広報", "担当者",
    "会計士", "医師", "監督", "コーチ", "選手", "俳優", "歌手", "タレント", "作家", "アーティスト",
    # heads of units (-長) and other offices
    "支社長", "支店長", "店長", "院長", "校長", "学長", "総長", "館長", "園長", "工場長", "署長", "駅長", "艦長",
    "船長", "団長", "隊長", "座長", "組長", "社長室長", "書記長", "総書記", "国家主席", "主席", "首席", "総監",
    "次官", "事務次官", "官房長官", "副大臣", "政務官", "総理", "総理大臣", "国王", "女王", "皇帝",
    "外相", "蔵相", "財務相", "防衛相", "法相", "厚労相", "文科相", "経産相", "国交相", "農相", "環境相", "総務相",
    "投手", "捕手", "内野手", "外野手", "主将", "騎手", "棋士", "力士", "横綱", "大関", "関脇", "小結",
)

#: suffixes and prefixes that make a name an organisation
COMPANY_SUFFIXES: tuple[str, ...] = (
    "株式会社", "有限会社", "合同会社", "ホールディングス", "グループ", "銀行", "証券", "商事", "物産", "工業",
    "電機", "電気", "製作所", "自動車", "重工", "通信", "新聞", "放送", "研究所", "大学", "財団", "協会", "機構",
    "連合", "省", "庁", "Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Ltd.", "Ltd", "LLC", "GmbH",
    "AG", "S.A.", "plc", "PLC", "Holdings", "Group", "Labs", "Technologies", "Systems", "Bank", "University",
)
COMPANY_PREFIXES: tuple[str, ...] = ("株式会社", "有限会社", "合同会社", "(株)", "(有)")

#: class nouns: a name in apposition with one of these has that type
#: (中国の競合企業 DeepSeek / データセンターである「X」 / R1 モデル / オハイオ州)
CLASS_NOUNS: dict[str, str] = {
    **dict.fromkeys((
        "企業", "会社", "社", "メーカー", "ベンダー", "スタートアップ", "新興企業", "銀行", "団体", "組織",
        "チーム", "ラボ", "研究所", "研究機関", "大学", "政府", "当局", "省", "庁", "グループ", "子会社",
        "親会社", "競合", "競合企業", "ライバル", "メディア", "通信社", "新聞社", "出版社", "事務所", "部門",
        "部署", "事業部", "連合", "政党", "財団", "協会", "機関", "球団", "クラブ", "運営会社", "取引所",
        "ファンド", "投資会社", "プロバイダー", "キャリア", "レーベル",
        "バンド", "ユニット", "アイドルグループ", "ロックバンド", "劇団", "楽団", "一座", "政府機関", "大手",
    ), "Organization"),
    **dict.fromkeys((
        "モデル", "製品", "サービス", "アプリ", "アプリケーション", "ソフト", "ソフトウェア", "ゲーム", "シリーズ",
        "ブランド", "機種", "端末", "スマートフォン", "スマホ", "タブレット", "ノート", "パソコン", "PC", "OS",
        "チップ", "プロセッサー", "プロセッサ", "ブラウザ", "ブラウザー", "プラットフォーム", "ツール", "ライブラリ",
        "言語モデル", "AIモデル", "チャットボット", "番組", "映画", "ドラマ", "アニメ", "雑誌", "書籍", "小説",
        "楽曲", "アルバム", "車", "車種", "カメラ", "テレビ", "デバイス", "サイト", "ウェブサイト", "エンジン",
        "コンソール", "ウォッチ", "コードネーム", "コード名",
        # works: 小説『X』, シングル「X」, 主演映画「X」
        "作品", "著書", "著作", "漫画", "マンガ", "コミック", "写真集", "曲", "新曲", "シングル", "主題歌",
        "代表作", "絵本", "詩集", "戯曲", "歌", "童謡", "連載", "ミュージカル", "舞台", "新作", "番組名", "作",
        "テレビドラマ", "連続ドラマ", "ドキュメンタリー", "エッセイ", "歌集", "画集", "新書", "文庫", "単行本",
    ), "Product"),
    **dict.fromkeys((
        "データセンター", "工場", "施設", "拠点", "本社", "空港", "駅", "ビル", "店舗", "店", "スタジアム",
        "球場", "病院", "発電所", "研究施設", "キャンパス", "港", "ホテル", "劇場", "美術館", "博物館",
    ), "Facility"),
    **dict.fromkeys(("州", "県", "市", "国", "町", "村", "区", "都", "府", "地域", "地方", "都市"), "Place"),
    **dict.fromkeys((
        "イベント", "大会", "会議", "展示会", "カンファレンス", "サミット", "選挙", "五輪", "オリンピック",
        "フェス", "祭", "コンテスト", "セミナー",
    ), "Event"),
}

#: the last morpheme of a Japanese proper name often says what it names
#: (東京電力 → company, 成田空港 → facility, 全日本選手権 → event, 芽室町 → place)
NAME_SUFFIX_TYPES: dict[str, str] = {
    **dict.fromkeys((
        "株式会社", "社", "ホールディングス", "グループ", "銀行", "証券", "保険", "商事", "物産", "商会", "商店",
        "工業", "興業", "産業", "電機", "電気", "電力", "ガス", "製作所", "製薬", "自動車", "重工", "重工業",
        "航空", "鉄道", "電鉄", "通信", "新聞", "新聞社", "放送", "出版", "書店", "研究所", "研究会", "財団",
        "協会", "連盟", "連合", "組合", "機構", "委員会", "評議会", "議会", "政府", "総督府", "省", "庁", "局",
        "党", "軍", "財閥", "楽団", "管弦楽団", "交響楽団", "合唱団", "劇団", "選手団", "球団", "大学", "学院",
        "事務所", "プロダクション", "レコード", "スタジオ", "工房", "Inc.", "Corp.", "Ltd.", "LLC",
        # sub-units and schools: 九州電力東京支社, 県立広島高校, 早稲田大学大学院
        "支社", "支店", "本店", "営業所", "事業所", "本部", "支部", "大学院", "学部", "研究科", "短期大学", "短大",
        "高校", "高等学校", "中学校", "小学校", "幼稚園", "専門学校", "学園", "学校", "高専", "労働組合", "労組",
        "基金", "信用金庫", "信金", "生協", "農協", "漁協", "商工会議所", "商工会", "公社", "公団",
        "事業団", "教団", "騎士団", "師団", "旅団", "連隊", "艦隊", "部隊", "裁判所", "検察庁", "内閣", "王朝", "幕府",
        # company names by trade: X建設, X製鉄, X食品, X運輸, X生命
        "建設", "製鉄", "製紙", "食品", "化学", "化成", "薬品", "繊維", "紡績", "不動産", "運輸", "海運", "汽船",
        "交通", "物流", "電子", "精機", "精工", "製菓", "乳業", "酒造", "取引所", "生命", "損保", "火災",
        "応援団", "使節団", "楽器", "書房", "新報", "日報",
    ), "Organization"),
    **dict.fromkeys((
        "空港", "駅", "港", "橋", "公園", "神社", "寺", "城", "宮殿", "球場", "スタジアム", "競技場", "アリーナ",
        "ホール", "劇場", "美術館", "博物館", "図書館", "病院", "発電所", "ダム", "トンネル", "天文台", "造船所",
        "インターチェンジ", "ジャンクション", "センター", "タワー", "ビル", "本線", "線", "街道", "国道", "高速道路",
        "中継局", "御所", "陵", "山陵", "古墳", "遺跡", "灯台", "工場", "ホテル",
        "寺院", "大聖堂", "聖堂", "教会", "大社", "神宮", "天満宮", "八幡宮", "会館", "記念館", "資料館",
        "体育館", "競馬場", "野球場", "庭園", "霊園", "動物園", "水族館", "植物園", "遊園地", "基地", "飛行場",
        "運河", "警察署", "団地", "商店街", "百貨店", "通り", "大通り", "道路", "自動車道", "バイパス", "鉄道線",
        "ドーム", "館", "広場", "モール", "ショッピングセンター", "プラザ", "霊廟", "大仏", "記念碑", "塔",
    ), "Facility"),
    **dict.fromkeys((
        "選手権", "大会", "博覧会", "万博", "五輪", "オリンピック", "ワールドカップ", "杯", "戦争", "事件", "事変",
        "紛争", "革命", "震災", "地震", "台風", "会談", "サミット", "総選挙", "選挙", "祭", "まつり", "映画祭",
        "国体", "グランプリ",
        "大戦", "会戦", "合戦", "戦い", "の乱", "の変", "の役", "展覧会", "音楽祭", "芸術祭", "フェスティバル",
        "式典", "トーナメント", "リーグ戦",
        "展", "モーターショー", "見本市", "マラソン", "駅伝", "ワールドツアー", "公演", "大祭",
    ), "Event"),
    **dict.fromkeys((
        "州", "県", "府", "都", "市", "町", "村", "郡", "区", "島", "諸島", "半島", "地方", "地域", "山", "岳",
        "川", "湖", "湾", "海", "海峡", "平野", "盆地", "高原", "砂漠", "共和国", "王国", "帝国", "連邦",
    ), "Place"),
}
_SUFFIXES_LONGEST = tuple(sorted(NAME_SUFFIX_TYPES, key=len, reverse=True))


def suffix_type(text: str) -> str | None:
    """The type a name's last morpheme implies (東京電力 → Organization), if the name is longer than it.

    Example:
        >>> suffix_type("成田空港"), suffix_type("空港"), suffix_type("Meta")
        ('Facility', None, None)
    """
    t = re.sub(r"\s+", "", _nfkc(text))
    for suffix in _SUFFIXES_LONGEST:
        if t.endswith(suffix) and len(t) > len(suffix) + (1 if len(suffix) == 1 else 0):
            return NAME_SUFFIX_TYPES[suffix]
    return None


#: name tails that a name may carry without changing what it names (Llama シリーズ = Llama)
NAME_TAILS: tuple[str, ...] = (
    "シリーズ", "ブランド", "チーム", "ラボ", "プロジェクト", "モデル", "ファミリー", "戦略", "事業",
    "Lab", "Labs", "Team", "Series", "Project",
)

#: common nouns that GiNZA sometimes tags as names but never make a node on their own
GENERIC_WORDS: frozenset[str] = frozenset({
    "オープンソース", "AI", "人工知能", "開発者", "ユーザー", "企業", "会社", "政府", "市場", "業界", "社会",
    "インターネット", "ネット", "クラウド", "データ", "ソフトウェア", "ハードウェア", "アプリ", "サービス",
    "スマートフォン", "スマホ", "パソコン", "テレビ", "カメラ", "モデル", "チーム", "メンバー", "スタッフ",
    "プロジェクト", "プログラム", "システム", "プラットフォーム", "インフラ", "インフラストラクチャ",
    "ベンチマーク", "アーキテクチャ", "コミュニティ", "スタートアップ", "ライバル", "パートナー", "CEO", "IT",
    "IoT", "VR", "AR", "OS", "PC", "SNS", "TV", "Web", "WEB", "web", "Capex", "API", "GPU", "CPU", "LLM",
    "USB", "LED", "SSD", "HDD", "DVD", "CD", "BD", "SIM", "NFC", "LTE", "NG", "OK", "PR", "TOP", "NEW", "Q&A", "FAQ", "DIY",
    "ニュース", "記事", "写真", "動画", "画像", "情報", "話題", "評判", "ネットユーザー", "ファン", "視聴者",
    "エリート", "プロモーション", "マニフェスト", "リーダーシップ", "オンライン", "ネットワーク",
})

_TITLE_END = tuple(sorted(TITLE_WORDS, key=len, reverse=True))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_GENERIC_FOLDED = frozenset(g.casefold() for g in GENERIC_WORDS)


def is_generic(text: str) -> bool:
    """True when ``text`` is a generic word or only generic words (オープンソース AI), not a name."""
    words = _nfkc(text).split()
    if not words:
        return True
    if "".join(words).casefold() in _GENERIC_FOLDED:
        return True
    return all(w.casefold() in _GENERIC_FOLDED for w in words)


def title_like(text: str) -> bool:
    """True when ``text`` ends in a job-title word (最高製品責任者, 元 CEO, チーフ AI サイエンティスト)."""
    t = re.sub(r"\s+", "", _nfkc(text))
    return bool(t) and t.endswith(_TITLE_END)


def class_of_noun(text: str) -> str | None:
    """The node type a class noun implies (競合企業 → Organization), else None."""
    t = re.sub(r"\s+", "", _nfkc(text))
    if t in CLASS_NOUNS:
        return CLASS_NOUNS[t]
    for noun, typ in sorted(CLASS_NOUNS.items(), key=lambda kv: -len(kv[0])):
        if len(noun) >= 2 and t.endswith(noun):
            return typ
    return None


#: anaphoric expressions: surface -> (type, plural)
ANAPHORS: dict[str, tuple[str, bool]] = {
    "同社": ("Organization", False), "同グループ": ("Organization", False), "同行": ("Organization", False),
    "同チーム": ("Organization", False), "同ラボ": ("Organization", False), "同大学": ("Organization", False),
    "同団体": ("Organization", False), "同省": ("Organization", False), "同庁": ("Organization", False),
    "両社": ("Organization", True),
    "同氏": ("Person", False), "同会長": ("Person", False), "同社長": ("Person", False), "同CEO": ("Person", False),
    "同容疑者": ("Person", False), "同選手": ("Person", False), "同監督": ("Person", False),
    "彼": ("Person", False), "彼女": ("Person", False), "彼ら": ("Person", True), "彼女ら": ("Person", True),
    "この二人": ("Person", True), "二人": ("Person", True), "両氏": ("Person", True),
    "同国": ("Place", False), "同州": ("Place", False), "同市": ("Place", False), "同県": ("Place", False),
}

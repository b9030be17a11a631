"""What language a document's text is in (formlint.language_guess), and what formlint does
with it: the English rules leave text in another language alone, and a11y/lang-mismatch
reports a declared language the text is not in."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import pytest

from formlint.discovery import discover
from formlint.language_guess import (
    LanguageGuess,
    contradicts,
    guess_document_language,
    guess_language,
)
from formlint.model import Format
from formlint.readers import read_document
from formlint.readers.base import ReadOptions
from tests.conftest import FIXTURES
from tests.helpers import lint, rules_fired, run_cli

SPANISH = ("Usted debe renovar sus beneficios antes del 30 de junio. Si no lo hace, es posible que sus pagos se "
           "detengan. Puede renovar en línea, por teléfono o por correo. Para renovar en línea, visite nuestro sitio "
           "web y use su número de caso. Si tiene preguntas sobre este aviso, llámenos. También puede pedir ayuda en "
           "una oficina local, pero no es necesario ir en persona. Su información está protegida por la ley y solo "
           "la usamos para decidir si usted puede recibir beneficios, con el apoyo de las oficinas del estado, "
           "cuando sea necesario y sin costo.")
ENGLISH = ("You must renew your benefits by June 30. If you do not, your payments may stop. You can renew online, by "
           "phone or by mail. To renew online, visit our website and use your case number. If you have questions "
           "about this notice, call us. You can also ask for help at a local office, but you do not have to go in "
           "person. Your information is protected by law and we use it only to decide whether you can get benefits "
           "from the program that they run.")
FRENCH = ("Vous devez renouveler vos prestations avant le 30 juin. Si vous ne le faites pas, les paiements peuvent "
          "cesser. Vous pouvez les renouveler en ligne, par téléphone ou par courrier. Pour toute question sur cet "
          "avis, appelez-nous. Vos données sont protégées par la loi et nous les utilisons pour décider si vous "
          "avez droit aux prestations du programme dans votre État, avec le soutien de nos bureaux.")
PORTUGUESE = ("Você deve renovar os seus benefícios até 30 de junho. Se não o fizer, os pagamentos podem ser "
              "suspensos. Você pode renovar pela internet, por telefone ou pelo correio. Se tiver perguntas sobre "
              "este aviso, ligue para nós. Também pode pedir ajuda em uma agência local, mas não é necessário ir "
              "pessoalmente. Os seus dados são protegidos pela lei e só os usamos para decidir se você tem direito "
              "aos benefícios do programa, com o apoio das agências do estado, quando isso for necessário.")
VIETNAMESE = ("Bạn phải gia hạn các phúc lợi của mình trước ngày 30 tháng 6. Nếu bạn không gia hạn, các khoản thanh "
              "toán có thể bị ngừng. Bạn có thể gia hạn trực tuyến, qua điện thoại hoặc qua thư. Nếu bạn có câu hỏi "
              "về thông báo này, hãy gọi cho chúng tôi. Thông tin của bạn được pháp luật bảo vệ và chúng tôi chỉ sử "
              "dụng thông tin đó để quyết định bạn có được nhận phúc lợi hay không.")
RUSSIAN = ("Вы должны продлить свои льготы до 30 июня. Если вы этого не сделаете, выплаты могут прекратиться. "
           "Продлить льготы можно через интернет, по телефону или по почте.")
CHINESE = "您必须在6月30日之前更新您的福利。如果您不这样做，您的付款可能会停止。您可以在线、通过电话或邮件更新您的福利。"
KOREAN = ("6월 30일까지 혜택을 갱신해야 합니다. 갱신하지 않으면 지급이 중단될 수 있습니다. 온라인, 전화 또는 우편으로 "
          "갱신할 수 있습니다. 이 안내문에 대해 질문이 있으면 저희에게 전화하십시오.")


@pytest.mark.parametrize(("text", "language", "script"), [
    (SPANISH, "es", "LATIN"), (ENGLISH, "en", "LATIN"), (FRENCH, "fr", "LATIN"), (PORTUGUESE, "pt", "LATIN"),
    (VIETNAMESE, "vi", "LATIN"), (RUSSIAN, None, "CYRILLIC"), (CHINESE, "zh", "CJK"), (KOREAN, "ko", "HANGUL"),
])
def test_each_language_is_told_by_its_words_or_letters(text: str, language: str | None, script: str) -> None:
    guess = guess_language(text)
    assert guess is not None and (guess.language, guess.script) == (language, script)


def test_no_answer_where_no_language_clearly_leads() -> None:
    assert guess_language(SPANISH + "\n\n" + ENGLISH) is None  # a bilingual notice
    assert guess_language("Usted debe renovar sus beneficios.") is None  # too little to tell
    assert guess_language("SSN 123-45-6789 / DOB 01/02/1980 / ZIP 20500") is None
    assert guess_language("") is None
    assert guess_language(RUSSIAN[:30]) is None  # too few letters of the script


def test_a_declared_language_contradicts_only_a_clear_other_language() -> None:
    spanish, english = guess_language(SPANISH), guess_language(ENGLISH)
    cyrillic = guess_language(RUSSIAN)
    assert spanish and english and cyrillic
    assert contradicts("en", spanish) and contradicts("es", english)
    assert not contradicts("es", spanish) and not contradicts("en", english)
    assert not contradicts("ca", spanish)  # Catalan has no profile: no judgement
    assert contradicts("en", cyrillic) and not contradicts("ru", cyrillic) and not contradicts("uk", cyrillic)
    assert LanguageGuess(None, "CYRILLIC", 50).name == "Cyrillic script"


# --------------------------------------------------------------------------- the rules


def test_english_rules_leave_undeclared_text_in_another_language_alone() -> None:
    text = "# Aviso de renovación de sus beneficios\n\n" + SPANISH + "\n"
    fired = set(rules_fired(lint(text)))
    assert not fired & {"plain/readability-grade", "plain/noun-string", "plain/simple-words", "plain/passive-voice"}
    assert "plain/long-sentence" in set(rules_fired(lint(text.replace(". ", ", "))))  # length is in any language
    english = "# Renew your benefits\n\n" + ENGLISH.replace("ask for help", "utilize assistance") + "\n"
    assert "plain/simple-words" in rules_fired(lint(english))  # English text is still read as English


def test_the_json_stats_say_which_language_the_rules_read(tmp_path: Path) -> None:
    (tmp_path / "aviso.txt").write_text(SPANISH + "\n")
    (tmp_path / "notice.txt").write_text(ENGLISH + "\n")
    (tmp_path / "short.txt").write_text("Apply online.\n")
    (tmp_path / "page.html").write_text(f'<html lang="en-US"><head><title>T</title></head><body><p>{SPANISH}</p>'
                                        "</body></html>")
    result = run_cli("check", "--no-nlp", "--format", "json", str(tmp_path))
    languages = {Path(f["path"]).name: f["stats"]["language"] for f in json.loads(result.stdout)["files"]}
    assert languages == {"aviso.txt": "es", "notice.txt": "en", "short.txt": None, "page.html": "es"}


def test_lang_mismatch_on_html_and_markdown() -> None:
    page = f'<!doctype html><html lang="en"><head><title>Aviso</title></head><body><p>{SPANISH}</p></body></html>'
    result = lint(page, fmt=Format.HTML)
    (finding,) = [f for f in result.findings if f.rule == "a11y/lang-mismatch"]
    assert (finding.location.line, finding.location.column) == (1, 16) and finding.suggestions == ["es"]
    assert 'says it is in English ("en"), but its text is in Spanish' in finding.message
    assert finding.message.endswith('Declare "es".')
    assert "plain/noun-string" not in rules_fired(result)  # the text is read as Spanish, not as bad English
    assert "a11y/lang-mismatch" not in rules_fired(lint(page.replace('lang="en"', 'lang="es-US"'), fmt=Format.HTML))
    front = f"---\nlang: es\n---\n# Renew\n\n{ENGLISH}\n"
    (finding,) = [f for f in lint(front).findings if f.rule == "a11y/lang-mismatch"]
    assert 'says it is in Spanish ("es"), but its text is in English' in finding.message


def test_a_part_marked_with_the_wrong_language_is_reported() -> None:
    """WCAG 3.1.2: a <section lang="es"> holding English (a translation pasted in the wrong
    place); the parts of each language are read together, and a short one is not judged."""
    page = ('<!doctype html><html lang="es"><head><title>Aviso</title></head><body>'
            f'<p>{SPANISH}</p><section lang="es-US"><p>{ENGLISH}</p></section>'
            '<p lang="en"><a href="/en">English</a></p><div lang="fr"><p>Bonjour.</p></div></body></html>')
    found = [f for f in lint(page, fmt=Format.HTML).findings if f.rule == "a11y/lang-mismatch"]
    assert [(f.text, f.suggestions) for f in found] == [("es-US", ["en"])]
    assert found[0].message.startswith('A part of the page says it is in Spanish (lang="es-US"), but its text is '
                                       "in English") and "3.1.2" in found[0].message
    right = page.replace('<section lang="es-US">', '<section lang="en">')
    assert "a11y/lang-mismatch" not in rules_fired(lint(right, fmt=Format.HTML))


def test_lang_mismatch_names_the_script_where_letters_are_all_it_knows() -> None:
    page = f'<!doctype html><html lang="en-US"><head><title>T</title></head><body><p>{RUSSIAN}</p></body></html>'
    (finding,) = [f for f in lint(page, fmt=Format.HTML).findings if f.rule == "a11y/lang-mismatch"]
    assert "its text is in Cyrillic script" in finding.message and finding.suggestions == []
    assert finding.message.endswith("Declare the language of the text.")


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("formlint_pdf_fixture_generator_lang",
                                                  FIXTURES / "pdf" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lang_mismatch_on_a_pdf_whose_lang_is_the_templates(tmp_path: Path) -> None:
    pytest.importorskip("reportlab", reason="reportlab is in the test extra")
    gen = _generator()
    buffer = io.BytesIO()
    c = gen.new_canvas(buffer, "Aviso de renovación")
    words = SPANISH.split()
    gen.paragraph(c, 72, 700, [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)])
    c.showPage()
    c.save()
    writer = gen.reopen(buffer.getvalue())
    gen.catalog(writer)[gen.NameObject("/Lang")] = gen.TextStringObject("en-US")
    (tmp_path / "aviso.pdf").write_bytes(gen.finish(writer))
    result = run_cli("check", "--format", "json", "--select", "a11y/lang-mismatch,a11y/pdf-no-lang",
                     str(tmp_path / "aviso.pdf"))
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "a11y/lang-mismatch" and finding["page"] == 1 and finding["text"] == "en-US"


def test_a_missing_language_is_suggested_from_the_text(tmp_path: Path) -> None:
    page = f'<!doctype html><html><head><title>Aviso</title></head><body><p>{SPANISH}</p></body></html>'
    (spanish,) = [f for f in lint(page, fmt=Format.HTML).findings if f.rule == "a11y/html-has-lang"]
    assert spanish.suggestions == ['<html lang="es">'] and spanish.message.endswith('Add <html lang="es">.')
    (english,) = [f for f in lint(page.replace(f"<p>{SPANISH}", f"<p>{ENGLISH}"), fmt=Format.HTML).findings
                  if f.rule == "a11y/html-has-lang"]
    assert english.suggestions == ['<html lang="en">']
    pytest.importorskip("reportlab", reason="reportlab is in the test extra")
    gen = _generator()
    writer = gen.reopen(gen.A11Y_FIXTURES["a11y/spanish-lang-en.pdf"]())
    del gen.catalog(writer)["/Lang"]
    (tmp_path / "aviso.pdf").write_bytes(gen.finish(writer))
    result = run_cli("check", "--format", "json", "--select", "a11y/pdf-no-lang,a11y/lang-mismatch",
                     str(tmp_path / "aviso.pdf"))
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "a11y/pdf-no-lang" and finding["suggestions"] == ["es"]
    assert finding["message"].endswith('Set the language, for example "es".')


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_is_english_where_a_guess_is_made(corpus_dir: Path) -> None:
    """Every real form and guidance page is in English (one USWDS page in Spanish keeps an
    English template's placeholders): no guess may call one of them another language."""
    guesses: dict[str, str | None] = {}
    for target in discover([corpus_dir]):
        try:
            doc = read_document(target.path.read_bytes(), target.display, target.format, ReadOptions())
        except Exception:  # noqa: BLE001 - unreadable files are io/unreadable's, not this test's
            continue
        guess = guess_document_language(doc)
        guesses[target.path.name] = guess.language if guess else None
    assert {language for language in guesses.values()} <= {"en", None}
    assert sum(language == "en" for language in guesses.values()) >= 80  # most of them are told
    result = run_cli("check", "--no-nlp", "--format", "json", "--select", "a11y/lang-mismatch", str(corpus_dir))
    assert json.loads(result.stdout)["summary"]["findings"] == 0

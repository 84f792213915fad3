"""Exceptions with plain Dutch messages, and the handlers that answer them.

Services raise these; one handler answers /api/ requests with RFC 9457 problem details
(application/problem+json, with the Dutch sentence as both "detail" and "message") and
everything else with templates/errors/<status>.html.
"""

import logging
from urllib.parse import urlencode

from flask import Flask, Response, current_app, flash, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class WikiError(Exception):
    """Base of every error a user may see; message is a Dutch sentence."""

    status = 400
    message = "Er ging iets mis met je verzoek."

    def __init__(self, message: str | None = None, **extra):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.extra = extra


class BadRequest(WikiError):
    """A malformed request, such as a query parameter that is not a number."""

    status = 400
    message = "Je verzoek klopt niet."


class UnsupportedType(WikiError):
    status = 415
    message = "Stuur de gegevens als JSON (Content-Type: application/json)."


class NotFound(WikiError):
    status = 404
    message = "Deze pagina bestaat niet."


class Unauthorized(WikiError):
    status = 401
    message = "Log eerst in. Daarna kun je dit doen."


class Forbidden(WikiError):
    status = 403
    message = "Je mag dit niet doen."


class Invalid(WikiError):
    """Input that breaks a rule; errors maps field names to Dutch messages."""

    status = 422
    message = "Niet alle gegevens zijn goed ingevuld."

    def __init__(self, message: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.errors = errors or {}


class TooManyAttempts(WikiError):
    status = 429
    message = "Je hebt dit te vaak geprobeerd. Wacht even en probeer het dan opnieuw."


class PreconditionFailed(WikiError):
    """An If-Match that names a version the request cannot be based on."""

    status = 412
    message = "De versie in If-Match hoort niet bij deze pagina. Haal de pagina opnieuw op."


class EditConflict(WikiError):
    """A save whose changes overlap with a change made since its base revision.

    head is the page's current revision, mine the state the person submitted, and
    conflicts the parts ("body", "title", field names) that both sides changed.
    """

    status = 409
    message = (
        "Iemand anders heeft deze pagina intussen gewijzigd, op dezelfde plek als jij. "
        "Je tekst is bewaard: vergelijk beide versies en sla opnieuw op."
    )

    def __init__(self, message=None, *, page=None, head=None, mine=None, conflicts=()):
        super().__init__(message)
        self.page, self.head, self.mine, self.conflicts = page, head, mine, list(conflicts)


# Dutch sentences for errors Werkzeug raises before our code runs.
HTTP_MESSAGES = {
    400: "Je verzoek klopt niet. Controleer wat je hebt ingevuld en probeer het opnieuw.",
    401: "Log eerst in. Daarna kun je dit doen.",
    403: "Je mag dit niet doen.",
    404: "Deze pagina bestaat niet.",
    405: "Deze actie kan hier niet.",
    413: (
        "Wat je stuurde is te groot. Maak de tekst korter en probeer het opnieuw. "
        "Wat je typte staat nog in je browser: ga terug met de knop Vorige."
    ),
    412: "De versie in If-Match is niet meer de huidige. Haal de pagina opnieuw op.",
    415: "Dit soort gegevens kunnen we niet lezen. Stuur JSON.",
    422: "Niet alle gegevens zijn goed ingevuld.",
    429: "Je hebt dit te vaak geprobeerd. Wacht even en probeer het dan opnieuw.",
    500: "Er ging bij ons iets mis. Probeer het later opnieuw.",
    503: "De wiki is tijdelijk niet beschikbaar. Probeer het later opnieuw.",
}


# The same sentences for API callers where the browser's wording does not fit them.
API_MESSAGES = {
    **HTTP_MESSAGES,
    413: "Wat je stuurde is te groot. Stuur hoogstens {limit} bytes.",
}

# Problem titles: short, the same for every problem of one status (RFC 9457, 3.1.4).
TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet aangemeld",
    403: "Niet toegestaan",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    409: "Bewerkingsconflict",
    412: "Versie klopt niet",
    413: "Verzoek te groot",
    415: "Verkeerd soort gegevens",
    422: "Gegevens niet goed ingevuld",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Niet beschikbaar",
}
PROBLEM_JSON = "application/problem+json"


def wants_json() -> bool:
    """Tell whether this request should be answered with JSON."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def problem(status: int, detail: str, errors: dict | None = None, **extra) -> Response:
    """Return an RFC 9457 problem: status, title, Dutch detail, and the fields at fault.

    "message" repeats the detail for callers written before problem details; errors
    lists each field with its own Dutch sentence.
    """
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
        "message": detail,
        **extra,
    }
    if errors:
        body["errors"] = [{"field": name, "detail": text} for name, text in errors.items()]
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


def respond(status: int, message: str, **extra):
    """Answer an error as problem details or as the Dutch error page."""
    if wants_json():
        return problem(status, message, **extra)
    if status == 401:
        # People, unlike API clients, are sent to the sign-in page and back.
        flash(message)
        return redirect("/inloggen?" + urlencode({"volgende": request.full_path.rstrip("?")}))
    template = f"errors/{status}.html" if status in (404, 500) else "errors/error.html"
    return render_template(template, status=status, message=message, **extra), status


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(WikiError)
    def handle_wiki_error(error: WikiError):
        extra = dict(error.extra)
        if isinstance(error, Invalid) and error.errors:
            extra["errors"] = error.errors
        return respond(error.status, error.message, **extra)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        status = error.code or 500
        messages = API_MESSAGES if wants_json() else HTTP_MESSAGES
        message = messages.get(status, error.description or "")
        limit = f"{app.config['MAX_CONTENT_LENGTH'] or 0:,}".replace(",", ".")
        response = respond(status, message.format(limit=limit))
        if status == 405 and wants_json():
            # RFC 9110: a 405 says which methods the resource does allow.
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods or ()))
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        # A failed transaction must not break rendering the error page itself.
        current_app.extensions["sqlalchemy"].session.rollback()
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return respond(500, HTTP_MESSAGES[500])

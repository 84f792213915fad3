"""Outgoing mail behind one function. The default mailer writes the message to the log.

WIKI_MAILER=log (default) or smtp (with WIKI_SMTP_HOST, WIKI_SMTP_PORT, WIKI_MAIL_FROM).
"""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger("wiki.mail")


def send(to: str, subject: str, body: str) -> None:
    """Send a plain-text mail through the configured mailer."""
    mailer = current_app.config.get("MAILER", "log")
    if mailer == "smtp":
        message = EmailMessage()
        message["From"] = current_app.config["MAIL_FROM"]
        message["To"], message["Subject"] = to, subject
        message.set_content(body)
        host, port = current_app.config["SMTP_HOST"], int(current_app.config["SMTP_PORT"])
        with smtplib.SMTP(host, port, timeout=10) as smtp:
            smtp.send_message(message)
        return
    log.info("Mail aan %s — %s\n%s", to, subject, body)

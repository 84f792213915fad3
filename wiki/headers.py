"""Security headers on every response, built once from the configuration with `secure`.

The Content-Security-Policy allows scripts, styles, images and fonts from this site
only: no inline script or style (our scripts are files in static/, and no template
writes a style attribute), no plug-ins, no <base>, forms only to this site, and no
framing by any site (with X-Frame-Options for older browsers). HSTS is sent when the
session cookie is marked Secure, that is when the wiki is served over TLS.
"""

from flask import Flask
from secure import (
    ContentSecurityPolicy,
    CrossOriginOpenerPolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    StrictTransportSecurity,
    XContentTypeOptions,
    XFrameOptions,
)

# A year; browsers only act on it over HTTPS. No includeSubDomains: other sites on
# the same domain are not ours to decide for.
HSTS_MAX_AGE = 365 * 24 * 60 * 60

CSP = (
    ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'")
    .style_src("'self'")
    .img_src("'self'")
    .font_src("'self'")
    .connect_src("'self'")
    .object_src("'none'")
    .base_uri("'none'")
    .form_action("'self'")
    .frame_ancestors("'none'")
)

# Powerful features the wiki never uses are off, for it and anything it might embed;
# the clipboard stays available to the page itself ("Kopieer de uitnodiging").
PERMISSIONS = (
    PermissionsPolicy()
    .accelerometer()
    .autoplay()
    .camera()
    .display_capture()
    .geolocation()
    .gyroscope()
    .magnetometer()
    .microphone()
    .midi()
    .payment()
    .usb()
    .browsing_topics()
    .clipboard_write("self")
)


def policy(*, tls: bool) -> Secure:
    """Return the headers the wiki sends; HSTS only when served over TLS."""
    return Secure(
        csp=CSP,
        permissions=PERMISSIONS,
        referrer=ReferrerPolicy().strict_origin_when_cross_origin(),
        xcto=XContentTypeOptions().nosniff(),
        xfo=XFrameOptions().deny(),
        coop=CrossOriginOpenerPolicy().same_origin(),
        hsts=StrictTransportSecurity().max_age(HSTS_MAX_AGE) if tls else None,
    )


def init_app(app: Flask) -> None:
    """Add the security headers to every response, error pages and files included."""
    headers = policy(tls=bool(app.config["SESSION_COOKIE_SECURE"]))

    @app.after_request
    def add_security_headers(response):
        headers.set_headers(response)
        return response
